import { describe, expect, it } from 'vitest';
import type { Activity, TurnContext } from 'botbuilder';
import { BotAdapter } from '../src/teams/http-adapter';

/**
 * The bot's adapter shares one connector client per service URL, and one user-token client, between
 * turns (src/teams/http-adapter.ts): the SDK built new ones — each an Azure HTTP pipeline and
 * credentials — for every activity.
 */
const activity = (id: string, serviceUrl: string): Activity =>
  ({
    type: 'message',
    id,
    text: 'hi',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:a', aadObjectId: 'a' },
    recipient: { id: '28:bot' },
    conversation: { id: 'c1', tenantId: 't1' },
  }) as unknown as Activity;

async function clientsOf(adapter: BotAdapter, a: Activity): Promise<{ connector: unknown; userToken: unknown }> {
  let clients = { connector: undefined as unknown, userToken: undefined as unknown };
  await adapter.serve('', a, async (context: TurnContext) => {
    clients = { connector: context.turnState.get(context.adapter.ConnectorClientKey), userToken: context.turnState.get(adapter.UserTokenClientKey) };
  });
  return clients;
}

const clientOf = async (adapter: BotAdapter, a: Activity) => (await clientsOf(adapter, a)).connector;

describe('the bot adapter', () => {
  it('gives the turns of one service URL the same connector client, and another URL its own', async () => {
    const adapter = new BotAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '' });
    const first = await clientOf(adapter, activity('1', 'https://smba.trafficmanager.net/jp/'));
    const second = await clientOf(adapter, activity('2', 'https://smba.trafficmanager.net/jp/'));
    const other = await clientOf(adapter, activity('3', 'https://smba.trafficmanager.net/amer/'));
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(other).toBeDefined();
    expect(other).not.toBe(first);
    expect((other as { baseUri?: string }).baseUri).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('keeps at most 64 clients: the oldest service URL gets a new one', async () => {
    const adapter = new BotAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '' });
    const oldest = await clientOf(adapter, activity('0', 'https://region-0.example/'));
    for (let i = 1; i <= 64; i++) await clientOf(adapter, activity(String(i), `https://region-${i}.example/`));
    expect(await clientOf(adapter, activity('x', 'https://region-64.example/'))).toBe(await clientOf(adapter, activity('y', 'https://region-64.example/')));
    expect(await clientOf(adapter, activity('z', 'https://region-0.example/'))).not.toBe(oldest);
  });

  it('gives every turn the same user-token client, whatever its service URL', async () => {
    const adapter = new BotAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '' });
    const first = await clientsOf(adapter, activity('1', 'https://smba.trafficmanager.net/jp/'));
    const second = await clientsOf(adapter, activity('2', 'https://smba.trafficmanager.net/amer/'));
    expect(first.userToken).toBeDefined();
    expect(typeof (first.userToken as { getUserToken?: unknown }).getUserToken).toBe('function');
    expect(second.userToken).toBe(first.userToken);
    expect(second.connector).not.toBe(first.connector);
  });
});
