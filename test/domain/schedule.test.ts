import { describe, expect, it } from 'vitest';
import { InvalidScheduleError } from '../../src/domain/checkins/errors';
import {
  checkoutReminderAt,
  DEFAULT_SCHEDULE,
  isWorkday,
  plannedSends,
  scheduledEndAt,
  scheduleProblems,
  type CheckinSchedule,
  type PlannedSend,
} from '../../src/domain/checkins/schedule';
import { FakeClock } from '../support/fake-clock';

const NY = 'America/New_York';
const everyDay = [0, 1, 2, 3, 4, 5, 6];
const t = (s: string): Date => new Date(s);
const brief = (sends: PlannedSend[]): string[] => sends.map((s) => `${s.kind} ${s.localDate} ${s.at.toISOString()}`);

describe('isWorkday', () => {
  it('skips weekends, Japanese holidays and company holidays', () => {
    const s: CheckinSchedule = { ...DEFAULT_SCHEDULE, companyHolidays: ['2026-01-07'] };
    expect(isWorkday('2026-01-05', s)).toBe(true);
    expect(isWorkday('2026-01-07', s)).toBe(false); // company holiday
    expect(isWorkday('2026-01-10', s)).toBe(false); // Saturday
    expect(isWorkday('2026-01-11', s)).toBe(false); // Sunday
    expect(isWorkday('2026-01-01', s)).toBe(false); // 元日
    expect(isWorkday('2026-01-12', s)).toBe(false); // 成人の日
    expect(isWorkday('2026-05-06', s)).toBe(false); // 振替休日
    expect(isWorkday('2026-05-07', s)).toBe(true);
  });

  it('can keep Japanese holidays as workdays and add weekend days', () => {
    expect(isWorkday('2026-01-12', { ...DEFAULT_SCHEDULE, skipJapaneseHolidays: false })).toBe(true);
    expect(isWorkday('2026-01-10', { ...DEFAULT_SCHEDULE, workdays: [6] })).toBe(true);
  });
});

describe('plannedSends (Asia/Tokyo default)', () => {
  const weekFrom = t('2026-01-04T15:00:00Z'); // Mon 2026-01-05 00:00 JST, still Sunday in UTC
  const weekUntil = t('2026-01-11T15:00:00Z');

  it('plans a start and an end card on each weekday, sorted', () => {
    const sends = plannedSends(DEFAULT_SCHEDULE, weekFrom, weekUntil);
    expect(sends).toHaveLength(10);
    expect(brief(sends).slice(0, 3)).toEqual([
      'start 2026-01-05 2026-01-05T00:00:00.000Z',
      'end 2026-01-05 2026-01-05T09:00:00.000Z',
      'start 2026-01-06 2026-01-06T00:00:00.000Z',
    ]);
    expect(brief(sends).at(-1)).toBe('end 2026-01-09 2026-01-09T09:00:00.000Z');
  });

  it('skips 成人の日 and Golden Week with its 振替休日', () => {
    const comingOfAge = plannedSends(DEFAULT_SCHEDULE, t('2026-01-11T15:00:00Z'), t('2026-01-18T15:00:00Z'));
    expect(comingOfAge).toHaveLength(8);
    expect(comingOfAge[0]?.localDate).toBe('2026-01-13');
    const goldenWeek = plannedSends(DEFAULT_SCHEDULE, t('2026-05-03T15:00:00Z'), t('2026-05-10T15:00:00Z'));
    expect([...new Set(goldenWeek.map((s) => s.localDate))]).toEqual(['2026-05-07', '2026-05-08']);
    expect(plannedSends(DEFAULT_SCHEDULE, t('2025-12-31T15:00:00Z'), t('2026-01-01T15:00:00Z'))).toEqual([]);
  });

  it('skips company holidays', () => {
    const s: CheckinSchedule = { ...DEFAULT_SCHEDULE, companyHolidays: ['2026-01-06', '2026-01-07'] };
    const dates = new Set(plannedSends(s, weekFrom, weekUntil).map((x) => x.localDate));
    expect([...dates]).toEqual(['2026-01-05', '2026-01-08', '2026-01-09']);
  });

  it('includes a send exactly at `from` and excludes one exactly at `until`', () => {
    const at = t('2026-01-05T00:00:00Z');
    expect(brief(plannedSends(DEFAULT_SCHEDULE, at, t('2026-01-05T00:00:01Z')))).toEqual([
      'start 2026-01-05 2026-01-05T00:00:00.000Z',
    ]);
    expect(plannedSends(DEFAULT_SCHEDULE, t('2026-01-04T23:00:00Z'), at)).toEqual([]);
    expect(plannedSends(DEFAULT_SCHEDULE, t('2026-01-05T00:00:00.001Z'), t('2026-01-05T08:59:59.999Z'))).toEqual([]);
  });

  it('plans each send once when a periodic planner covers the week in consecutive windows', () => {
    const clock = new FakeClock(weekFrom);
    const collected: PlannedSend[] = [];
    while (clock.now() < weekUntil) {
      const from = clock.now();
      clock.advance({ minutes: 7 }); // not a divisor of an hour, to hit windows straddling sends
      collected.push(...plannedSends(DEFAULT_SCHEDULE, from, clock.now() < weekUntil ? clock.now() : weekUntil));
    }
    expect(brief(collected)).toEqual(brief(plannedSends(DEFAULT_SCHEDULE, weekFrom, weekUntil)));
  });

  it('plans nothing when the clock jumps backwards or the window is empty', () => {
    const clock = new FakeClock('2026-01-05T08:00:00Z');
    const lastRun = clock.now();
    clock.rewind({ hours: 3 });
    expect(plannedSends(DEFAULT_SCHEDULE, lastRun, clock.now())).toEqual([]);
    expect(plannedSends(DEFAULT_SCHEDULE, lastRun, lastRun)).toEqual([]);
    // After the jump the planner resumes from the new "now" and still finds the next send.
    const next = plannedSends(DEFAULT_SCHEDULE, clock.now(), clock.advance({ hours: 5 }).now());
    expect(brief(next)).toEqual(['end 2026-01-05 2026-01-05T09:00:00.000Z']);
  });

  it('rejects an invalid schedule and an over-long window', () => {
    expect(() => plannedSends({ ...DEFAULT_SCHEDULE, timeZone: 'Asia/Nowhere' }, t('2026-01-05T00:00:00Z'), t('2026-01-06T00:00:00Z'))).toThrow(
      InvalidScheduleError,
    );
    expect(() => plannedSends(DEFAULT_SCHEDULE, t('2000-01-01T00:00:00Z'), t('2026-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('lists schedule problems', () => {
    expect(scheduleProblems(DEFAULT_SCHEDULE)).toEqual([]);
    const bad = scheduleProblems({ ...DEFAULT_SCHEDULE, startTime: '9:00', endTime: '9:00', workdays: [7], companyHolidays: ['2026-13-01'] });
    expect(bad).toHaveLength(5);
  });
});

describe('plannedSends in a DST zone (America/New_York)', () => {
  const ny: CheckinSchedule = { ...DEFAULT_SCHEDULE, timeZone: NY, workdays: everyDay, skipJapaneseHolidays: false };

  it('keeps 09:00 local across spring forward (2026-03-08)', () => {
    const sends = plannedSends({ ...ny, startTime: '09:00' }, t('2026-03-07T00:00:00Z'), t('2026-03-10T00:00:00Z'));
    expect(brief(sends.filter((s) => s.kind === 'start'))).toEqual([
      'start 2026-03-07 2026-03-07T14:00:00.000Z',
      'start 2026-03-08 2026-03-08T13:00:00.000Z',
      'start 2026-03-09 2026-03-09T13:00:00.000Z',
    ]);
  });

  it('sends a card planned at the nonexistent 02:30 once, after the gap', () => {
    const sends = plannedSends({ ...ny, startTime: '02:30' }, t('2026-03-08T00:00:00Z'), t('2026-03-08T12:00:00Z'));
    expect(brief(sends)).toEqual(['start 2026-03-08 2026-03-08T07:30:00.000Z']);
  });

  it('sends a card planned at the repeated 01:30 once, at its first occurrence (2026-11-01)', () => {
    const sends = plannedSends({ ...ny, startTime: '01:30' }, t('2026-11-01T00:00:00Z'), t('2026-11-01T12:00:00Z'));
    expect(brief(sends)).toEqual(['start 2026-11-01 2026-11-01T05:30:00.000Z']);
  });

  it('keeps 18:00 local across fall back', () => {
    const ends = plannedSends(ny, t('2026-10-31T12:00:00Z'), t('2026-11-02T12:00:00Z')).filter((s) => s.kind === 'end');
    expect(ends.map((s) => s.at.toISOString())).toEqual(['2026-10-31T22:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  });
});

describe('night shift', () => {
  const night: CheckinSchedule = { ...DEFAULT_SCHEDULE, startTime: '22:00', endTime: '06:00' };

  it('sends the end card on the next morning, filed under the work day', () => {
    // Saturday 2026-01-10 in Tokyo: no start (weekend) but Friday's end card.
    const sends = plannedSends(night, t('2026-01-09T15:00:00Z'), t('2026-01-10T15:00:00Z'));
    expect(brief(sends)).toEqual(['end 2026-01-09 2026-01-09T21:00:00.000Z']);
    expect(scheduledEndAt('2026-01-09', night).toISOString()).toBe('2026-01-09T21:00:00.000Z');
  });
});

describe('checkoutReminderAt', () => {
  it('is two hours after the scheduled end', () => {
    expect(checkoutReminderAt('2026-01-05', DEFAULT_SCHEDULE).toISOString()).toBe('2026-01-05T11:00:00.000Z');
  });

  it('counts elapsed time, not wall time, across a DST change', () => {
    const s: CheckinSchedule = { ...DEFAULT_SCHEDULE, timeZone: NY, startTime: '17:00', endTime: '00:30' };
    // Scheduled end 2026-11-01 00:30 EDT (04:30Z); the wall clock falls back in between.
    expect(checkoutReminderAt('2026-10-31', s).toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });
});
