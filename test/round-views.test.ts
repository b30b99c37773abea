import { describe, it, expect } from 'vitest';
import { cardMessage } from '../src/cards/render';
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

describe('the tally and the start form fit one Teams message with many departments and people', () => {
  const longName = (i: number) => `${'長谷川'.repeat(19)}${String(i).padStart(3, '0')}`;
  const activityBytes = (card: object) => Buffer.byteLength(JSON.stringify(cardMessage(card as Parameters<typeof cardMessage>[0], 'summary')), 'utf8');
  const manyDepartments: Tally = {
    ...tally, total: 36_000, pending: 21_600,
    byDepartment: Array.from({ length: 120 }, (_, i) => ({ department: longName(i), total: 300, answered: 120, safe: 100, injured: 10, needsHelp: 10, pending: 180 })),
  };

  it.each(['ja', 'en'] as const)('120 departments of 60 characters: fewer rows, the rest counted with where to see them (%s)', (locale) => {
    const card = views.tally(round, manyDepartments, { locale }, `https://anshin.example.co.jp/api/exports/rounds/x.csv?sig=${'a'.repeat(64)}`, true);
    expect(activityBytes(card)).toBeLessThan(28 * 1024);
    const shown = manyDepartments.byDepartment.filter((d) => text(card).includes(d.department)).length;
    expect(shown).toBeGreaterThanOrEqual(5);
    expect(text(card)).toContain(locale === 'ja' ? `ほか${120 - shown}部署（コンソール タブと CSV で確認できます）` : `and ${120 - shown} more departments (see the console tab and the CSV)`);
  });

  it.each(['ja', 'en'] as const)('3,000 people to pick from: the first that fit, the rest counted with how to reach them (%s)', (locale) => {
    const people = Array.from({ length: 3000 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `山田 太郎 ${i}` }));
    const admin = { id: 'a', tenantId: 't1', name: '管理者', locale, timeZone: 'Asia/Tokyo', isAdmin: true, privatePcApproved: false, active: true };
    const card = views.form(admin, { departments: Array.from({ length: 50 }, (_, i) => `第${i}営業部`), people });
    expect(activityBytes(card)).toBeLessThan(28 * 1024);
    const shown = (text(card).match(/"value":"00000000-0000-4000-8000-/g) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(text(card)).toContain(locale === 'ja' ? `個人の選択肢に載せきれないほか${(3000 - shown).toLocaleString('en-US')}名は、部署または都道府県で指定してください。` : `${(3000 - shown).toLocaleString('en-US')} more people do not fit in this list: pick them by department or prefecture.`);
  });

  it.each(['ja', 'en'] as const)('300 departments of 60 characters: the form still fits, the departments left out are counted with what to do instead (%s)', (locale) => {
    const admin = { id: 'a', tenantId: 't1', name: '管理者', locale, timeZone: 'Asia/Tokyo', isAdmin: true, privatePcApproved: false, active: true };
    const people = Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, name: `山田 太郎 ${i}` }));
    const card = views.form(admin, { departments: Array.from({ length: 300 }, (_, i) => longName(i)), people });
    expect(activityBytes(card)).toBeLessThan(28 * 1024);
    const shown = Array.from({ length: 300 }, (_, i) => longName(i)).filter((d) => text(card).includes(`"value":"${d}"`)).length;
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(300);
    expect(text(card)).toContain(
      locale === 'ja'
        ? `部署の選択肢に載せきれないほか${300 - shown}部署は、都道府県または個人で指定するか、全員を対象にしてください。`
        : `${300 - shown} more departments do not fit in this list: choose by prefecture or people, or include everyone.`,
    );
    // The prefectures are always offered whole (47): a disaster's area can always be chosen.
    expect((text(card).match(/"value":"(0[1-9]|[1-3][0-9]|4[0-7])"/g) ?? []).length).toBe(47);
  });

  it('a short list of people is offered whole', () => {
    const admin = { id: 'a', tenantId: 't1', name: '管理者', locale: 'ja' as const, timeZone: 'Asia/Tokyo', isAdmin: true, privatePcApproved: false, active: true };
    const card = views.form(admin, { departments: [], people: [{ id: 'p1', name: '山田 太郎' }] });
    expect(text(card)).toContain('"value":"p1"');
    expect(text(card)).not.toContain('載せきれない');
  });
});
