import { describe, expect, it } from 'vitest';
import { isWorkday, scheduleFor } from '../../src/domain/checkins/schedule';
import { assessWorktime, needsOvertimeNotice, windowOf } from '../../src/domain/worktime/assess';
import { restIntervals, shortRests } from '../../src/domain/worktime/hours';
import { lawPolicy } from '../../src/domain/worktime/law';
import { DEFAULT_WORKTIME_POLICY as P, worktimePolicy } from '../../src/domain/worktime/policy';
import type { WorkDayRecord } from '../../src/domain/worktime/records';
import { lowMoodRun, missingWorkdays, moodSeries } from '../../src/domain/worktime/trends';
import type { User } from '../../src/domain/people/user';

const user: User = { id: 'u', tenantId: 't', name: 'U', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, active: true };
const schedule = scheduleFor(user, ['2026-11-27']); // a company holiday on Friday
const workday = (d: string) => isWorkday(d, schedule);
const day = (date: string, p: Partial<WorkDayRecord> = {}): WorkDayRecord => ({ date, status: 'ended', startTime: '09:00', endTime: '18:00', workingMinutes: 480, ...p });

const law = lawPolicy();
const input = (records: WorkDayRecord[], reportDate: string) => ({ records, reportDate, windowDays: 7, law, isWorkday: workday });
/** A day worked 09:00 until `minutes` later (no break), as the end card stores it. */
const worked = (date: string, minutes: number): WorkDayRecord => {
  const end = (9 * 60 + minutes) % 1440;
  const time = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return day(date, { startTime: '09:00', endTime: time, workingMinutes: minutes, breakMinutes: 0 });
};

describe('the month on the law basis (issue 17: the engine, not the schedule)', () => {
  it('a Saturday after a 40 h week is 時間外, not holiday work; the 法定休日 (Sunday) is 休日労働', () => {
    // Mon 16 – Fri 20: 9 h a day; Sat 21: 5 h; Sun 22: 3 h. Overtime 5 × 1 h + 5 h = 10 h; holiday 3 h.
    const records = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => worked(d, 540));
    const a = assessWorktime(input([...records, worked('2026-11-21', 300), worked('2026-11-22', 180)], '2026-11-22'), P);
    expect(a.month).toMatchObject({ overtimeMinutes: 600, legalHolidayMinutes: 180, workedMinutes: 5 * 540 + 300 + 180 });
  });

  it('warning strictly above 45 h of 時間外, the notice strictly above 80 h on the 安衛法 basis (超え)', () => {
    // Ten weekdays of 8 h + 4 h 30 m (45 h of 時間外), then one day of 8 h + `extra`.
    const tenDays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13'].map((d) => worked(`2026-11-${d}`, 480 + 270));
    const month = (extra: number) => assessWorktime(input([...tenDays, worked('2026-11-16', 480 + extra)], '2026-11-16'), P);
    expect(month(0).month.overtimeMinutes).toBe(45 * 60);
    expect(month(0).flags).not.toContain('overtime_warning');
    expect(month(1).flags).toContain('overtime_warning');
    const health = (minutes: number) => ({ ...month(0).month, healthCheckMinutes: minutes });
    expect(needsOvertimeNotice(health(80 * 60), P)).toBe(false);
    expect(needsOvertimeNotice(health(80 * 60 + 1), P)).toBe(true);
    expect(needsOvertimeNotice(health(80 * 60 - 1), P)).toBe(false);
  });

  it('only the report month counts', () => {
    const a = assessWorktime(input([worked('2026-10-30', 480 + 50 * 60), worked('2026-11-02', 480)], '2026-11-02'), P);
    expect(a.month.month).toBe('2026-11');
    expect(a.month.overtimeMinutes).toBe(0);
  });
});

describe('rest interval between workdays (勤務間インターバル)', () => {
  it('measures end → next start, with overnight ends on the next day', () => {
    const r = restIntervals([day('2026-11-25', { startTime: '09:00', endTime: '23:00' }), day('2026-11-24', { startTime: '14:00', endTime: '01:30' })], 'Asia/Tokyo');
    // 11-24 ends 11-25 01:30, next start 11-25 09:00 → 7 h 30 m
    expect(r).toEqual([{ fromDate: '2026-11-24', toDate: '2026-11-25', minutes: 450 }]);
  });

  it('flags below 11 h, not at 11 h', () => {
    const at = (end: string) => shortRests([day('2026-11-24', { endTime: end }), day('2026-11-25', { startTime: '09:00' })], 'Asia/Tokyo', P);
    expect(at('22:01')).toHaveLength(1); // 10 h 59 m
    expect(at('22:00')).toHaveLength(0); // 11 h
  });

  it('works in a DST zone on wall-clock times', () => {
    // America/New_York falls back on 2026-11-01: 22:00 → 09:00 next day is 12 h of real time.
    const r = restIntervals([day('2026-10-31', { endTime: '22:00' }), day('2026-11-01', { startTime: '09:00' })], 'America/New_York');
    expect(r[0]?.minutes).toBe(12 * 60);
  });

  it('skips days without an end time', () => {
    expect(restIntervals([day('2026-11-24', { endTime: undefined, status: 'started' }), day('2026-11-25')], 'Asia/Tokyo')).toEqual([]);
  });
});

describe('mood and missing check-ins', () => {
  it('low mood counts consecutive check-ins; days without a check-in do not break the run', () => {
    const moods = (...m: (number | undefined)[]) => m.map((v, i) => day(`2026-11-${String(16 + i).padStart(2, '0')}`, { mood: v }));
    expect(lowMoodRun(moods(4, 2, 1, 2), P)).toBe(3);
    expect(lowMoodRun(moods(4, 2, undefined, 2), P)).toBe(2);
    expect(lowMoodRun(moods(2, 2, 2, 3), P)).toBe(0);
    const three = assessWorktime(input(moods(5, 2, 2, 2), '2026-11-19'), P);
    const two = assessWorktime(input(moods(5, 5, 2, 2), '2026-11-19'), P);
    expect(three.flags).toContain('low_mood');
    expect(two.flags).not.toContain('low_mood');
  });

  it('missing check-ins: scheduled workdays of the window without a row; 2 flag, 1 does not', () => {
    const days = windowOf('2026-11-25', 7); // Thu 19 … Wed 25
    expect(days).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    const workdays = days.filter(workday); // 19, 20, 24, 25 (21/22 weekend, 23 national holiday)
    expect(missingWorkdays([day('2026-11-19'), day('2026-11-24')], workdays)).toEqual(['2026-11-20', '2026-11-25']);
    const assess = (records: WorkDayRecord[]) => assessWorktime(input(records, '2026-11-25'), P);
    expect(assess([day('2026-11-19'), day('2026-11-24')]).flags).toContain('missing_checkins');
    expect(assess([day('2026-11-19'), day('2026-11-24'), day('2026-11-25', { status: 'day_off' })]).flags).not.toContain('missing_checkins');
  });

  it('mood series has a gap for days without a mood', () => {
    expect(moodSeries([day('2026-11-24', { mood: 3 })], ['2026-11-23', '2026-11-24'])).toEqual([undefined, 3]);
  });

  it('late night on the report date is flagged', () => {
    const a = assessWorktime(input([day('2026-11-25', { lateNightMinutes: 1 })], '2026-11-25'), P);
    expect(a.flags).toContain('late_night');
  });
});

it('policy from settings in hours', () => {
  expect(worktimePolicy({ overtimeWarningHours: 40, overtimeNoticeHours: 100, restIntervalMinHours: 9.5, lowMoodDays: 4, missingDays: 3 })).toMatchObject({
    overtimeWarningMinutes: 2400, overtimeNoticeMinutes: 6000, restIntervalMinMinutes: 570, lowMoodDays: 4, missingDays: 3,
  });
});
