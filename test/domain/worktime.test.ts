import { describe, expect, it } from 'vitest';
import { isWorkday, scheduleFor } from '../../src/domain/checkins/schedule';
import { assessWorktime, needsOvertimeNotice, windowOf } from '../../src/domain/worktime/assess';
import { monthlyHours, restIntervals, shortRests } from '../../src/domain/worktime/hours';
import { DEFAULT_WORKTIME_POLICY as P, worktimePolicy } from '../../src/domain/worktime/policy';
import type { WorkDayRecord } from '../../src/domain/worktime/records';
import { lowMoodRun, missingWorkdays, moodSeries } from '../../src/domain/worktime/trends';
import type { User } from '../../src/domain/people/user';

const user: User = { id: 'u', tenantId: 't', name: 'U', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, active: true };
const schedule = scheduleFor(user, ['2026-11-27']); // a company holiday on Friday
const workday = (d: string) => isWorkday(d, schedule);
const day = (date: string, p: Partial<WorkDayRecord> = {}): WorkDayRecord => ({ date, status: 'ended', startTime: '09:00', endTime: '18:00', workingMinutes: 480, ...p });

describe('monthly overtime and holiday work (8 h a day on scheduled workdays)', () => {
  it('counts minutes beyond 8 h on workdays and all work on other days, each once', () => {
    const h = monthlyHours(
      [
        day('2026-11-24', { workingMinutes: 600 }), // Tue: 2 h overtime
        day('2026-11-25', { workingMinutes: 420 }), // Wed: short day, no negative overtime
        day('2026-11-23', { workingMinutes: 300 }), // 勤労感謝の日: holiday work
        day('2026-11-28', { workingMinutes: 240 }), // Saturday: holiday work
        day('2026-11-27', { workingMinutes: 540 }), // company holiday: holiday work, not overtime
        day('2026-11-26', { status: 'started', workingMinutes: undefined }), // no end card yet
      ],
      workday,
      P,
    );
    expect(h).toEqual({ overtimeMinutes: 120, holidayMinutes: 300 + 240 + 540, totalMinutes: 120 + 1080 });
  });

  it('warning at 45 h and notice at 80 h fire at the threshold, not one minute below', () => {
    const month = (overtime: number, holiday = 0) => {
      const records = [day('2026-11-02', { workingMinutes: 480 + overtime }), day('2026-11-01', { workingMinutes: holiday })];
      return assessWorktime({ records, reportDate: '2026-11-02', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
    };
    expect(month(45 * 60).flags).toContain('overtime_warning');
    expect(month(45 * 60 - 1).flags).not.toContain('overtime_warning');
    expect(month(60 * 60, 20 * 60).flags).toContain('overtime_notice');
    expect(month(60 * 60, 20 * 60 - 1).flags).not.toContain('overtime_notice');
    expect(needsOvertimeNotice(month(80 * 60).month, P)).toBe(true);
    expect(needsOvertimeNotice(month(80 * 60 - 1).month, P)).toBe(false);
  });

  it('only the report month counts', () => {
    const records = [day('2026-10-30', { workingMinutes: 480 + 50 * 60 }), day('2026-11-02')];
    const a = assessWorktime({ records, reportDate: '2026-11-02', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
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
    const three = assessWorktime({ records: moods(5, 2, 2, 2), reportDate: '2026-11-19', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
    const two = assessWorktime({ records: moods(5, 5, 2, 2), reportDate: '2026-11-19', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
    expect(three.flags).toContain('low_mood');
    expect(two.flags).not.toContain('low_mood');
  });

  it('missing check-ins: scheduled workdays of the window without a row; 2 flag, 1 does not', () => {
    const days = windowOf('2026-11-25', 7); // Thu 19 … Wed 25
    expect(days).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    const workdays = days.filter(workday); // 19, 20, 24, 25 (21/22 weekend, 23 national holiday)
    expect(missingWorkdays([day('2026-11-19'), day('2026-11-24')], workdays)).toEqual(['2026-11-20', '2026-11-25']);
    const assess = (records: WorkDayRecord[]) => assessWorktime({ records, reportDate: '2026-11-25', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
    expect(assess([day('2026-11-19'), day('2026-11-24')]).flags).toContain('missing_checkins');
    expect(assess([day('2026-11-19'), day('2026-11-24'), day('2026-11-25', { status: 'day_off' })]).flags).not.toContain('missing_checkins');
  });

  it('mood series has a gap for days without a mood', () => {
    expect(moodSeries([day('2026-11-24', { mood: 3 })], ['2026-11-23', '2026-11-24'])).toEqual([undefined, 3]);
  });

  it('late night on the report date is flagged', () => {
    const a = assessWorktime({ records: [day('2026-11-25', { lateNightMinutes: 1 })], reportDate: '2026-11-25', windowDays: 7, timeZone: 'Asia/Tokyo', isWorkday: workday }, P);
    expect(a.flags).toContain('late_night');
  });
});

it('policy from settings in hours', () => {
  expect(worktimePolicy({ overtimeWarningHours: 40, overtimeNoticeHours: 100, restIntervalMinHours: 9.5, lowMoodDays: 4, missingDays: 3 })).toMatchObject({
    overtimeWarningMinutes: 2400, overtimeNoticeMinutes: 6000, restIntervalMinMinutes: 570, lowMoodDays: 4, missingDays: 3, dailyLegalMinutes: 480,
  });
});
