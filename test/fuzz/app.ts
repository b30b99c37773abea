import { expect } from 'vitest';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { seedPeople } from '../support/people';
import { rowCounts } from './hostile';

export const TENANT = 'tenant-fuzz';
export const USER = 'fz-user';
export const ADMIN = 'fz-admin';
/** Tuesday 2026-11-24, 10:00 in Tokyo. */
export const TODAY = '2026-11-24';

/** Every table a hostile request could write to (those that exist in this schema). */
const GUARDED = ['users', 'conversation_refs', 'checkins', 'violations', 'safety_rounds', 'round_recipients', 'round_answers', 'round_steps', 'deliveries', 'signals', 'reminders', 'audit_log', 'app_secrets',
  'pledges', 'home_network_checks', 'device_incidents', 'device_incident_events', 'device_actions', 'appi_reminders',
  'approval_requests', 'approval_votes', 'gap_checks', 'overtime_notices',
];

export interface FuzzApp {
  readonly app: TestApp;
  readonly cloud: FakeCloud;
  readonly clock: FakeClock;
  /** Posts a raw body to /api/messages. */
  post(body: string): Promise<{ status: number; text: string }>;
  /** An activity as JSON text whose `value.action.data` (or `text`) is the given raw JSON. */
  activityJson(user: string, extra: Record<string, unknown>, rawData?: string): string;
  counts(): Promise<Record<string, number>>;
  healthy(): Promise<void>;
  stop(): Promise<void>;
}

/** One app per fuzz file: a user and an admin of one tenant, both known to the local connector. */
export async function startFuzzApp(env: Record<string, string> = {}): Promise<FuzzApp> {
  const clock = new FakeClock('2026-11-24T01:00:00Z');
  const cloud = await startFakeCloud({ limits: { tenant: [{ limit: 100_000, windowMs: 1000 }], conversation: [{ limit: 100_000, windowMs: 1000 }] } });
  const app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', ...env }, { clock });
  await seedPeople(app.db, cloud.state, {
    tenantId: TENANT,
    connectorUrl: cloud.connectorUrl,
    people: [
      { id: USER, name: 'Fuzz User', department: 'Ops', managerId: ADMIN, officePrefecture: '13' },
      { id: ADMIN, name: 'Fuzz Admin', department: 'HR', isAdmin: true, officePrefecture: '13' },
    ],
  });
  const existing = await app.db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_name = any($1::text[])", [GUARDED]);
  const tables = existing.rows.map((r) => r.table_name);
  return {
    app,
    cloud,
    clock,
    async post(body) {
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, text: await res.text() };
    },
    activityJson(user, extra, rawData) {
      const activity = teamsActivity({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT, locale: 'en-US' }, extra);
      const text = JSON.stringify(activity);
      return rawData === undefined ? text : text.replace('"__RAW__"', () => rawData);
    },
    counts: () => rowCounts(app.db, tables),
    async healthy() {
      const res = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      expect(res.status).toBe(200);
    },
    async stop() {
      await app.stop();
      await cloud.stop();
    },
  };
}
