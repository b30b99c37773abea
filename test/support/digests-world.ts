// The world of the digest tests (test/integration/digests.test.ts): the running app on a fake clock,
// a digests feature built on it, and check-in rows seeded as the app stores them.
import { createAuditLog } from '../../src/audit/log';
import { pendingCount } from '../../src/delivery/status';
import { createDigestsFeature, type GapSource } from '../../src/features/digests';
import { createLogger } from '../../src/log/logger';
import type { Db } from '../../src/store/db';
import { cardText, findElements, startTestApp, type TestApp } from './app';
import { openTestStore, type StoreKind } from './db';
import { startFakeCloud, type FakeCloud } from './fake-cloud';
import { FakeClock } from './fake-clock';
import { waitUntil } from './fanout';
import type { Person } from './people';
import { createRoles } from '../../src/store/roles';

export const TENANT = 'tenant-digests';
export const SETTINGS = { time: '09:30', includeIndirect: false, overtimeWarningHours: 45, overtimeNoticeHours: 80, restIntervalMinHours: 11, lowMoodDays: 3, missingDays: 2, intervalSeconds: 60, horizonHours: 24 };
export const H = 60;
/** A security team member given only by SECURITY_TEAM_USER_IDS (no directory flag): the app's and the test feature's. */
export const SECURITY_BY_SETTING = 'sec-2';

export interface Day { status?: string; start?: string; end?: string; work?: number; night?: number; mood?: number; breakMinutes?: number }

/** A check-in row as the app stores it: the law's figures come from its times (start, end, breaks), not from working_minutes. */
export async function checkin(db: Db, userId: string, date: string, d: Day = {}): Promise<void> {
  const mood = d.mood ?? 4;
  await db.query(
    `insert into checkins (user_id, work_date, tenant_id, status, start_answers, end_answers, start_time, end_time, break_minutes, working_minutes, late_night_minutes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [userId, date, TENANT, d.status ?? 'ended', JSON.stringify({ mood }), JSON.stringify({ mood }), d.start ?? '09:00', d.end ?? '18:00', d.breakMinutes ?? 60, d.work ?? 8 * H, d.night ?? 0],
  );
}

/** Long days before the digest week: 09:00 to `ends[i]` with a 1 h break. */
export async function longDays(db: Db, userId: string, dates: readonly string[], ends: readonly string[]): Promise<void> {
  for (const [i, date] of dates.entries()) await checkin(db, userId, date, { end: ends[i] ?? ends[ends.length - 1] });
}
/** The weekdays of November before the digest week (11-03 is a national holiday, an ordinary day for the law). */
export const EARLY_WEEKDAYS = ['02', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18'].map((d) => `2026-11-${d}`);
/** Every day from 11-01 to 11-18, Sundays (the 法定休日) included. */
export const EARLY_DAYS = Array.from({ length: 18 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
export const repeat = (end: string, n: number): string[] => Array.from({ length: n }, () => end);

/** Check-ins on every workday of the week 11-19 … 11-25 (23 is a national holiday), with overrides per date. */
export async function week(db: Db, userId: string, overrides: Readonly<Record<string, Day | null>> = {}): Promise<void> {
  for (const date of ['2026-11-19', '2026-11-20', '2026-11-24', '2026-11-25', ...Object.keys(overrides).filter((d) => d === '2026-11-23')]) {
    const o = overrides[date];
    if (o !== null) await checkin(db, userId, date, o ?? {});
  }
}

export const person = (id: string, managerId: string | undefined, locale: 'ja' | 'en' = 'ja', name = `Person ${id}`): Person => ({ id, name, department: 'Ops', managerId, locale });

/** The member block of a wellbeing card: its name line, and its flags line ('' when none). */
export function member(card: unknown, name: string): { text: string; flags: string } {
  const block = findElements(card, (e) => e.type === 'Container' && JSON.stringify(e.items ?? []).includes(`"${name} · `))[0];
  if (!block) throw new Error(`no member ${name}`);
  const items = (block.items ?? []) as { text?: string; color?: string }[];
  return { text: JSON.stringify(items), flags: items.find((i) => i.color === 'Attention')?.text ?? '' };
}

export async function world(kind: StoreKind) {
  const clock = new FakeClock('2026-11-26T09:30:00+09:00');
  const cloud: FakeCloud = await startFakeCloud({ limits: { tenant: [{ limit: 1000, windowMs: 1000 }] } });
  const store = await openTestStore(kind);
  const app: TestApp = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000', SECURITY_TEAM_USER_IDS: SECURITY_BY_SETTING }, { db: store.db, clock });
  const reason = { ja: '申告した時間の外にも仕事をした（未申告）', en: 'I worked outside the reported times (not recorded)' };
  const gaps: GapSource = { gapsFor: async (ids, date) => (ids.includes('a12') && date === '2026-11-25' ? [{ userId: 'a12', minutes: 135, reason, note: '会議が延びた' }] : []) };
  const feature = (extra: Partial<typeof SETTINGS> = {}) =>
    createDigestsFeature({ db: app.db, clock, queue: app.queue, outbox: app.outbox, audit: createAuditLog({ clock }), logger: createLogger('silent'), companyHolidays: [], roles: createRoles({ adminIds: [], securityIds: [SECURITY_BY_SETTING] }) }, {
      gaps, unacknowledgedVpn: app.reminders.unacknowledgedVpn, settings: { ...SETTINGS, ...extra },
      csvLink: (m, d) => `https://anshin.example.com/api/exports/digests/${m}/${d}.csv?exp=1&sig=x`,
    });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const cards = (user: string, marker: string) => cloud.state.cardsFor(user).filter((d) => cardText(d.activity).includes(marker)).map((d) => d.activity.attachments?.[0]?.content);
  return {
    clock, cloud, app, feature, settle, cards,
    async stop() {
      await app.stop();
      await cloud.stop();
      await store.close();
    },
  };
}
