import { describe, it, expect } from 'vitest';
import { createRoundViews } from '../src/features/rounds/views';
import type { Round } from '../src/features/rounds/repository';
import type { Tally } from '../src/features/rounds/types';

const startedAt = new Date('2025-07-01T00:12:00Z');
const round: Round = {
  id: '00000000-0000-4000-8000-000000000001', tenantId: 't1', kind: 'earthquake', isDrill: true, status: 'open', source: 'admin', startedAt,
  scope: { scope: 'everyone', departments: [], prefectures: [], people: [] },
};
const tally: Tally = {
  total: 0, answered: 0, pending: 0, byDepartment: [],
  byStatus: { safe: 0, minor_injury: 0, serious_injury: 0, needs_help: 0, reached_safe: 0, reached_injured: 0, unreachable: 0 },
  delivery: { total: 0, queued: 0, inFlight: 0, retrying: 0, sent: 0, failed: 0, cancelled: 0, failedByReason: {} },
};
const views = createRoundViews({ now: () => startedAt }, 'Asia/Tokyo');
const text = (card: object): string => JSON.stringify(card);

describe('round card times', () => {
  it("are shown in the viewer's time zone", () => {
    expect(text(views.tally(round, tally, { locale: 'en', timeZone: 'Europe/London' }))).toContain('Tue Jul 1 01:12');
    expect(text(views.check(round, { locale: 'ja', timeZone: 'America/Los_Angeles' }))).toContain('6/30（月）17:12');
  });

  it("fall back to the company's zone for a card sent to many people", () => {
    expect(text(views.check(round, { locale: 'ja' }))).toContain('7/1（火）09:12');
  });
});

describe('round cards listing people fit one Teams message (about 28 KB)', () => {
  const people = Array.from({ length: 120 }, (_, i) => ({
    user_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `社員 ${i} 長い名前の例`, department: `第${i % 7}開発部 プラットフォームグループ`,
    manager_id: 'm1', manager_name: '上司 一郎', status: 'pending' as const, own_status: null, answer: null, answered_at: null, reached_result: null,
    locale: 'ja', reached_via: null, via_prefecture: null, answered_via: null, proxy_how: null, proxy_by: null, delivered: true,
  }));
  const bytes = (card: object) => Buffer.byteLength(JSON.stringify(card), 'utf8');
  const more = (card: object) => /ほか(\d+)人/.exec(text(card))?.[1];

  it('the manager list and the admins report with the proxy form list fewer people and count the rest', () => {
    const escalation = views.escalation(round, people.slice(0, 50), { locale: 'ja' });
    expect(bytes(escalation)).toBeLessThan(28 * 1024);
    const listedOnCard = (text(escalation).match(/"verb":"safety\.phone"/g) ?? []).length / 3;
    expect(listedOnCard).toBeGreaterThanOrEqual(5);
    expect(Number(more(escalation))).toBe(50 - listedOnCard);
    const report = views.report(round, tally, people, { locale: 'ja' }, false);
    expect(bytes(report)).toBeLessThan(28 * 1024);
    expect(text(report)).toContain('safety.proxy');
    expect(Number(more(report))).toBeGreaterThan(70);
  });

  it('a short list is shown whole', () => {
    const escalation = views.escalation(round, people.slice(0, 8), { locale: 'ja' });
    expect(more(escalation)).toBeUndefined();
    expect((text(escalation).match(/"verb":"safety\.phone"/g) ?? []).length).toBe(24);
  });
});
