import { describe, expect, it } from 'vitest';
import type { User } from '../src/domain/people/user';
import { DEFAULT_WORKTIME_POLICY } from '../src/domain/worktime/policy';
import { lawPolicy } from '../src/domain/worktime/law';
import type { WorkDayRecord } from '../src/domain/worktime/records';
import type { DigestSection } from '../src/features/digests/ports';
import type { MemberDigest, TeamDigest } from '../src/features/digests/member';
import { fitIncidentCard } from '../src/features/digests/incident';
import { worktimeExportCard } from '../src/features/digests/hr-export';
import { digestActivity } from '../src/features/digests/views';
import { assessPerson, wellbeingCard } from '../src/features/digests/wellbeing';
import { activityBytes, cardText, longName, longText, TEAMS_MESSAGE_LIMIT } from './support/card-size';

const LOCALES = ['ja', 'en'] as const;
const ctx = { policy: DEFAULT_WORKTIME_POLICY, law: lawPolicy(), companyHolidays: [] as string[] };
const reportDate = '2026-11-20';

const person = (i: number): User => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, tenantId: 't1', name: longName(i), locale: 'ja', timeZone: 'Asia/Tokyo',
  department: `第${i % 9}開発部`, managerId: 'mgr', isAdmin: false, privatePcApproved: false, active: true,
});

/** A long month until 23:50 with low moods: every flag the law engine and the digest can raise, and a gap note at its maximum. */
function worstMember(i: number): MemberDigest {
  const user = person(i);
  const records: WorkDayRecord[] = Array.from({ length: 20 }, (_, d) => ({
    date: `2026-11-${String(d + 1).padStart(2, '0')}`, status: 'ended', startTime: '07:00', endTime: '23:50', breakMinutes: 60,
    workingMinutes: 15 * 60 + 50, lateNightMinutes: 110, mood: 1,
  }));
  const assessment = assessPerson(ctx, user, records, reportDate);
  return {
    user, scheduledOnReportDate: true, assessment, violations: ['public_wifi', 'private_pc_unapproved', 'place_other'], vpnUnacknowledged: 3,
    gap: { userId: user.id, minutes: 125, reason: { ja: '記録の修正漏れ', en: 'Forgot to correct the record' }, note: longText(200, i) },
    flags: [...assessment.flags, 'violations', 'vpn_unacknowledged', 'gap'],
  };
}

const team = (n: number): TeamDigest => ({ reportDate, members: Array.from({ length: n }, (_, i) => worstMember(i)) });
const csvUrl = 'https://anshin.example.co.jp/api/exports/digests/mgr/2026-11-21.csv?exp=1800000000&sig=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('the wellbeing digest fits one Teams message (about 28 KB)', () => {
  for (const size of [50, 300]) {
    for (const locale of LOCALES) {
      it(`${size} reports with every flag, names of 60 characters and gap notes at their maximum (${locale})`, () => {
        const digest = team(size);
        const card = wellbeingCard(digest, ctx, locale, csvUrl);
        expect(activityBytes(digestActivity(card, locale, 'notifyWellbeing', { date: '11/20' }))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
        const shown = digest.members.filter((m) => cardText(card).includes(m.user.name)).length;
        expect(shown).toBeGreaterThan(5);
        expect(shown).toBeLessThan(size);
        expect(cardText(card)).toContain(locale === 'ja' ? `全 ${size} 名のうち要確認の ${shown} 名を表示しています。全員の状況は CSV で確認できます。` : `Showing ${shown} members to look at of ${size}; everyone is in the CSV.`);
        expect(cardText(card)).toContain(csvUrl);
      });
    }
  }
});

describe('the incident digest fits one Teams message', () => {
  const row = (i: number, text: string) => ({ userId: person(i).id, text: { ja: text, en: text } });
  // The security team's digest: every section full (the providers read 50 rows and the total), names of 60 characters.
  const sections: DigestSection[] = [
    { title: { ja: '違反（直近7日）', en: 'Violations (last 7 days)' }, rows: Array.from({ length: 240 }, (_, i) => row(i, '11/20（金） 私物 PC の無承認利用（G-3.2）')) },
    { title: { ja: '安否確認の未回答', en: 'Safety rounds not answered' }, rows: Array.from({ length: 50 }, (_, i) => ({ text: { ja: `地震・訓練（11/20 開始）：未回答 300 名 ${i}`, en: `Earthquake (started 11/20): 300 not answered ${i}` } })) },
    { title: { ja: 'VPN 切断リマインダー未確認', en: 'VPN reminders' }, rows: Array.from({ length: 290 }, (_, i) => row(i, '11/20（金） リマインダー 3 回に応答なし')) },
    { title: { ja: '未解決の端末紛失・盗難', en: 'Open lost or stolen devices' }, total: 50, rows: Array.from({ length: 50 }, (_, i) => row(i, '盗難（11/20（金）09:00 発見）・未確認・個人情報保護委員会 速報期限 11/23（月）09:00')) },
    { title: { ja: '誓約書 未提出', en: 'Pledge not accepted' }, total: 290, rows: Array.from({ length: 50 }, (_, i) => row(i, '11/20（金）09:00 に送付')) },
    { title: { ja: '承認待ちの申請', en: 'Requests waiting for approval' }, total: 120, rows: Array.from({ length: 50 }, (_, i) => row(i, '私物 PC の利用申請（11/20（金）09:00 申請）')) },
  ];
  const names = new Map(Array.from({ length: 300 }, (_, i) => [person(i).id, longName(i)]));

  for (const locale of LOCALES) {
    it(`six full sections for the whole tenant: fewer rows per section, each section counts what it left off (${locale})`, () => {
      const card = fitIncidentCard(reportDate, sections, names, locale);
      expect(activityBytes(digestActivity(card, locale, 'notifyIncident', { date: '11/20' }))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      const text = cardText(card);
      const shown = sections[0]?.rows.filter((r) => r.userId && text.includes(`${names.get(r.userId)} — `)).length ?? 0;
      expect(shown).toBeGreaterThanOrEqual(5);
      const more = (n: number) => (locale === 'ja' ? `ほか ${n} 件（すべてはコンソール タブで確認できます）` : `${n} more — see the console tab`);
      expect(text).toContain(more(240 - shown));
      expect(text).toContain(more(290 - shown)); // the VPN section
      expect(text).toContain(more(120 - shown)); // a provider that read the first 50 of 120
    });
  }

  it('a short section is shown whole', () => {
    const card = fitIncidentCard(reportDate, [{ title: { ja: '違反', en: 'Violations' }, rows: [row(1, 'a'), row(2, 'b')] }], names, 'ja');
    expect(cardText(card)).not.toContain('ほか');
    expect(cardText(card)).toContain(`${longName(2)} — b`);
  });
});

describe('the worktime export card fits one Teams message', () => {
  const departments = [...Array.from({ length: 150 }, (_, i) => longName(i)), null];
  const link = (month: string, key: string) => `https://anshin.example.co.jp/api/exports/worktime/${month}/${encodeURIComponent(key)}.csv?exp=1800000000&sig=${'a'.repeat(64)}`;

  for (const locale of LOCALES) {
    it(`151 departments of 60 characters: the first ones, "all departments" first, and the rest counted (${locale})`, () => {
      const card = worktimeExportCard(locale, ['2026-10', '2026-11'], departments, link, 'x');
      expect(activityBytes(digestActivity(card, locale, 'notifyWellbeing', { date: '' }))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      const text = cardText(card);
      expect(text).toContain('_all.csv');
      const listed = departments.filter((d) => d && text.includes(d)).length;
      expect(listed).toBeGreaterThan(3);
      const more = 152 - 1 - listed;
      expect(text).toContain(locale === 'ja' ? `ほか ${more} 部署はここに載せきれません。「すべての部署」の CSV に全員が含まれます` : `${more} more departments do not fit here; the “All departments” CSV has everyone`);
    });
  }

  it('a few departments are all listed', () => {
    const text = cardText(worktimeExportCard('en', ['2026-11'], ['Sales', null], link, 'x'));
    expect(text).toContain('Sales');
    expect(text).toContain('(no department)');
    expect(text).not.toContain('more departments');
  });
});
