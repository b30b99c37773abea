/** The Bot Framework and Teams AI packages, in dependency order (each loads the one before it). */
const BOT_SDK_PACKAGES = ['botbuilder-core', 'botframework-connector', 'botbuilder', 'openai', '@microsoft/teams-ai'] as const;

/**
 * Loads the bot SDKs one package at a time with a turn of the event loop in between: together they
 * take seconds to load, and the already listening HTTP server must keep answering /healthz meanwhile.
 * Importing this file loads nothing.
 */
export async function preloadBotSdks(): Promise<void> {
  for (const pkg of BOT_SDK_PACKAGES) {
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    require(pkg);
  }
}
