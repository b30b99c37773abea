import { createNestablePublicClientApplication } from '@azure/msal-browser';
import { app, authentication, nestedAppAuth } from '@microsoft/teams-js';

/** Where the page runs: inside Teams (theme, locale, SSO) or in a plain browser. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';
export interface Host {
  readonly inTeams: boolean;
  readonly theme: TeamsTheme;
  readonly locale?: string;
  readonly tenantId?: string;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
}

const asTheme = (value: string | undefined): TeamsTheme => (value === 'dark' || value === 'contrast' ? value : 'default');

/**
 * `app.initialize()` works only inside a Teams host (it rejects or never settles elsewhere), so it is
 * tried only in a frame, with a time limit; a desktop browser gets the light theme and its own language.
 */
export async function detectHost(): Promise<Host> {
  const browser: Host = { inTeams: false, theme: window.matchMedia?.('(forced-colors: active)').matches ? 'contrast' : 'default', locale: navigator.language, onThemeChange: () => undefined };
  if (window.parent === window) return browser;
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000))]);
    const context = await app.getContext();
    return {
      inTeams: true,
      theme: asTheme(context.app.theme),
      locale: context.app.locale,
      tenantId: context.user?.tenant?.id,
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    };
  } catch {
    return browser;
  }
}

/**
 * A token for this server's API: nested app authentication (MSAL in the Teams host) when Teams
 * recommends it, else Teams' own SSO (`authentication.getAuthToken`, which needs `webApplicationInfo`
 * in the manifest and the Teams clients pre-authorised on the app registration).
 */
let naa: ReturnType<typeof createNestablePublicClientApplication> | undefined;

export async function teamsToken(appId: string, host: Host): Promise<string> {
  const scope = `api://${window.location.host}/${appId}/access_as_user`;
  if (nestedAppAuth.isNAAChannelRecommended()) {
    // One MSAL instance for the page: it caches the token and renews it silently.
    naa ??= createNestablePublicClientApplication({ auth: { clientId: appId, authority: `https://login.microsoftonline.com/${host.tenantId ?? 'organizations'}` } });
    const msal = await naa;
    const request = { scopes: [scope] };
    try {
      return (await msal.acquireTokenSilent(request)).accessToken;
    } catch {
      return (await msal.acquireTokenPopup(request)).accessToken;
    }
  }
  return authentication.getAuthToken();
}
