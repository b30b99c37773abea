import { describe, expect, it } from 'vitest';
import { nextWorkingInstant, scheduleFor } from '../../src/domain/checkins/schedule';
import { assessWorktime } from '../../src/domain/worktime/assess';
import { assessMonths, lawPolicy } from '../../src/domain/worktime/law';
import { assessmentStart, monthSoFar, personLawPolicy, projectMonth } from '../../src/domain/worktime/month';
import { DEFAULT_WORKTIME_POLICY as P } from '../../src/domain/worktime/policy';
import type { WorkDayRecord } from '../../src/domain/worktime/records';
import { recordSpans } from '../../src/domain/worktime/spans';

const TZ = 'Asia/Tokyo';
const rec = (date: string, startTime: string, endTime: string, p: Partial<WorkDayRecord> = {}): WorkDayRecord => ({ date, status: 'ended', startTime, endTime, breakMinutes: 0, ...p });

describe('check-in records as worked spans (issue 17)', () => {
  it('a night shift belongs to the day it started; known breaks go with their times', () => {
    const spans = recordSpans([rec('2026-11-20', '22:00', '07:00', { breakMinutes: 60, breaks: [{ start: '02:00', end: '03:00' }] })], TZ);
    expect(spans).toEqual([{ start: '2026-11-20T13:00:00.000Z', end: '2026-11-20T22:00:00.000Z', breakMinutes: 60, breaks: [{ start: '2026-11-20T17:00:00.000Z', end: '2026-11-20T18:00:00.000Z' }] }]);
    const [month] = assessMonths(spans, lawPolicy());
    // 9 h − 1 h worked on the 20th; 22:00–05:00 is 7 h, minus the known break at 02:00 → 6 h.
    expect(month).toMatchObject({ workedMinutes: 480, lateNightMinutes: 360 });
    expect(month?.days.map((d) => d.date)).toEqual(['2026-11-20']);
  });

  it('a break whose times do not fit keeps its minutes but not its times; days off, office days and open days have no span', () => {
    const spans = recordSpans(
      [
        rec('2026-11-24', '09:00', '18:00', { breakMinutes: 60, breaks: [{ start: '19:00', end: '20:00' }] }),
        rec('2026-11-25', '09:00', '18:00', { status: 'day_off' }),
        rec('2026-11-26', '09:00', '18:00', { status: 'office' }),
        { date: '2026-11-27', status: 'started', startTime: '09:00' },
      ],
      TZ,
    );
    expect(spans).toEqual([{ start: '2026-11-24T00:00:00.000Z', end: '2026-11-24T09:00:00.000Z', breakMinutes: 60 }]);
  });

  it('a night shift reported past the next day\'s start is cut there, so no minute counts twice', () => {
    const spans = recordSpans([rec('2026-11-24', '20:00', '10:00'), rec('2026-11-25', '09:00', '18:00')], TZ);
    expect(spans[0]?.end).toBe('2026-11-25T00:00:00.000Z');
    expect(assessMonths(spans, lawPolicy())[0]?.workedMinutes).toBe(13 * 60 + 9 * 60);
  });
});

describe('the range an assessment reads', () => {
  it('back to the agreement year or the 6-month window, whichever is earlier, at a week start', () => {
    // 2026-04-01 is a Wednesday: its week starts on Sunday 03-29.
    expect(assessmentStart('2026-11-20', lawPolicy())).toBe('2026-03-29');
    // 起算日 10-01: the average window (from 06-01, a Monday) is earlier; weeks starting Monday.
    expect(assessmentStart('2026-11-20', lawPolicy({ agreementYearStart: '10-01', weekStartsOn: 'mon' }))).toBe('2026-06-01');
    // A 3-month flextime period from 2026-04 holds 06-01's month: back to 04-01's week.
    expect(assessmentStart('2026-11-20', lawPolicy({ agreementYearStart: '10-01', flex: { settlementMonths: 3, firstMonth: '2026-01' } }))).toBe('2026-03-29');
  });

  it('a person\'s own flextime or fixed hours win over the company\'s', () => {
    const company = lawPolicy({ flex: { settlementMonths: 1, firstMonth: '2026-01' } });
    expect(personLawPolicy(company, { timeZone: 'Europe/London' })).toMatchObject({ timeZone: 'Europe/London', flex: company.flex });
    expect(personLawPolicy(company, { timeZone: TZ, flex: null }).flex).toBeNull();
    // A hand-edited row the engine cannot use falls back to the company's setting (and zone).
    const bad = { settlementMonths: 4 as unknown as 3, firstMonth: '2026-13' };
    expect(personLawPolicy(company, { timeZone: TZ, flex: bad }).flex).toEqual(company.flex);
    expect(personLawPolicy(company, { timeZone: 'Not/AZone' }).timeZone).toBe(company.timeZone);
  });
});

describe('projection from the middle of the month (見込み)', () => {
  // Weekdays of 8 h + 2 h 45 m from 11-02: 11 days to the 16th = 30 h 15 m of 時間外.
  const weekdays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16'].map((d) => rec(`2026-11-${d}`, '09:00', '19:45'));

  it('none before the 15th; from the 15th the month at the pace so far', () => {
    const month = monthSoFar(weekdays, lawPolicy(), '2026-11-14');
    expect(projectMonth(month, '2026-11-14', false)).toBeUndefined();
    const mid = monthSoFar(weekdays, lawPolicy(), '2026-11-16');
    expect(mid.overtimeMinutes).toBe(11 * 165);
    // 1815 × 30 ÷ 16 = 3403.125 → 3403; worked 11 × 645 = 7095 → 13303 − 10285 = 3018.
    expect(projectMonth(mid, '2026-11-16', false)).toEqual({ overtimeMinutes: 3403, healthCheckMinutes: 3018 });
  });

  it('flags people heading past 45 h, not those at the line, and not twice when already over', () => {
    const pace = assessWorktime({ records: weekdays, reportDate: '2026-11-16', windowDays: 7, law: lawPolicy(), isWorkday: () => true }, P);
    expect(pace.flags).toContain('projected_overtime'); // 56 h 43 m at this pace
    expect(pace.flags).not.toContain('overtime_warning');
    const line = (limit: number) => assessWorktime({ records: weekdays, reportDate: '2026-11-16', windowDays: 7, law: lawPolicy(), isWorkday: () => true }, { ...P, overtimeWarningMinutes: limit }).flags;
    expect(line(3403)).not.toContain('projected_overtime'); // at the line
    expect(line(3402)).toContain('projected_overtime'); // just over
    expect(line(3404)).not.toContain('projected_overtime'); // just under
  });
});

describe('the next working hour (gap card)', () => {
  const schedule = scheduleFor({ timeZone: TZ }, []);
  it('now inside working hours, else the next workday\'s start', () => {
    expect(nextWorkingInstant(new Date('2026-11-24T01:00:00Z'), schedule).toISOString()).toBe('2026-11-24T01:00:00.000Z'); // Tue 10:00
    expect(nextWorkingInstant(new Date('2026-11-24T13:00:00Z'), schedule).toISOString()).toBe('2026-11-25T00:00:00.000Z'); // Tue 22:00 → Wed 09:00
    expect(nextWorkingInstant(new Date('2026-11-27T13:00:00Z'), schedule).toISOString()).toBe('2026-11-30T00:00:00.000Z'); // Fri 22:00 → Mon 09:00
    expect(nextWorkingInstant(new Date('2026-11-23T23:00:00Z'), schedule).toISOString()).toBe('2026-11-24T00:00:00.000Z'); // Tue 08:00 → 09:00
  });

  it('a night schedule is at work after midnight', () => {
    const night = scheduleFor({ timeZone: TZ, schedule: { startTime: '22:00', endTime: '07:00' } }, []);
    expect(nextWorkingInstant(new Date('2026-11-24T17:00:00Z'), night).toISOString()).toBe('2026-11-24T17:00:00.000Z'); // Wed 02:00
    expect(nextWorkingInstant(new Date('2026-11-25T01:00:00Z'), night).toISOString()).toBe('2026-11-25T13:00:00.000Z'); // Wed 10:00 → 22:00
  });
});
