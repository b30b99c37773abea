// APPI (個人情報保護法) PPC report rules (src/domain/appi/deadlines.ts) at, just under and just over
// every line: 施行規則 7条1号 (encrypted / no personal data: no report), 8条1項 (速報, about 3–5 days),
// 8条2項 (確報, 30 days; 60 when stolen), the reminder lead time, what is still owed and what is overdue.
import { describe, expect, it } from 'vitest';
import { appiDeadlines, outstandingReports, overdueReports, reminderDue, type ReportRecorded } from '../../src/domain/appi/deadlines';

const DAY = 86_400_000;
const T0 = new Date('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const S = { preliminaryDays: 3, reminderHoursBefore: 24 };

describe('APPI deadlines', () => {
  it.each([
    ['yes', 'no', 'lost', 3, 30],
    ['yes', 'unknown', 'lost', 3, 30],
    ['unknown', 'no', 'stolen', 3, 60],
    ['unknown', 'unknown', 'stolen', 3, 60],
  ] as const)('personal data %s, encrypted %s, %s → preliminary day %i, final day %i', (personalData, encrypted, kind, p, f) => {
    expect(appiDeadlines({ personalData, encrypted, kind }, T0, S)).toEqual({ preliminary: at(p * DAY), final: at(f * DAY) });
  });

  it.each([
    ['no', 'no'], ['no', 'unknown'], ['yes', 'yes'], ['unknown', 'yes'],
  ] as const)('personal data %s, encrypted %s → no report (施行規則 7条1号)', (personalData, encrypted) => {
    expect(appiDeadlines({ personalData, encrypted, kind: 'stolen' }, T0, S)).toBeUndefined();
  });

  it.each([1, 3, 5])('the preliminary report is due after APPI_PRELIMINARY_DAYS = %i days', (days) => {
    expect(appiDeadlines({ personalData: 'yes', encrypted: 'no', kind: 'lost' }, T0, { ...S, preliminaryDays: days })?.preliminary).toEqual(at(days * DAY));
  });

  it.each([
    [3 * DAY, 2 * DAY], // a day before
    [S.reminderHoursBefore * 3_600_000, 0], // exactly the lead time after discovery: at discovery
    [S.reminderHoursBefore * 3_600_000 - 1, 0], // just under: never before the discovery
    [S.reminderHoursBefore * 3_600_000 + 1, 1], // just over
  ])('a deadline %i ms after discovery is reminded at %i ms', (deadline, reminded) => {
    expect(reminderDue(at(deadline), T0, S)).toEqual(at(reminded));
  });
});

describe('reports still owed and overdue', () => {
  const incident = (filed: ReportRecorded[]) => ({ appiPreliminaryDue: at(3 * DAY), appiFinalDue: at(30 * DAY), reportsFiled: filed });

  it.each([
    [[], ['preliminary', 'final']],
    [['preliminary'], ['final']],
    [['final'], []],
    [['preliminary', 'final'], []],
    [['none_needed'], []],
  ] as [ReportRecorded[], string[]][])('filed %j → still owed %j', (filed, owed) => {
    expect(outstandingReports(incident(filed))).toEqual(owed);
  });

  it('an incident without deadlines owes nothing', () => {
    expect(outstandingReports({ reportsFiled: [] })).toEqual([]);
    expect(overdueReports({ reportsFiled: [] }, at(100 * DAY))).toEqual([]);
  });

  it.each([
    [3 * DAY - 1, [], []],
    [3 * DAY, [], ['preliminary']],
    [3 * DAY + 1, [], ['preliminary']],
    [30 * DAY - 1, [], ['preliminary']],
    [30 * DAY, [], ['preliminary', 'final']],
    [30 * DAY - 1, ['preliminary'], []],
    [30 * DAY, ['preliminary'], ['final']],
    [30 * DAY + 1, ['preliminary'], ['final']],
    [30 * DAY + 1, ['preliminary', 'final'], []],
    [30 * DAY + 1, ['none_needed'], []],
  ] as [number, ReportRecorded[], string[]][])('at %i ms with %j filed → overdue %j', (now, filed, overdue) => {
    expect(overdueReports(incident(filed), at(now))).toEqual(overdue);
  });
});
