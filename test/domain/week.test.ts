import { describe, expect, it } from 'vitest';
import { summarizeWeek, type DayRecord } from '../../src/domain/checkins/week';

const ended = (workDate: string, workingMinutes: number, violations: DayRecord['violations'] = []): DayRecord => ({
  workDate,
  startTime: '09:00',
  endTime: '18:00',
  breakMinutes: 540 - workingMinutes,
  workingMinutes,
  violations,
  status: 'ended',
});

describe('summarizeWeek', () => {
  const records: DayRecord[] = [
    ended('2026-01-05', 480),
    ended('2026-01-06', 450, ['public_wifi', 'vpn_not_disconnected']),
    { workDate: '2026-01-07', violations: [], status: 'office' },
    { workDate: '2026-01-08', violations: [], status: 'day_off' },
    { workDate: '2026-01-09', startTime: '09:00', violations: ['place_other'], status: 'started' },
    ended('2026-01-04', 480), // Sunday of the previous week
    ended('2026-01-12', 480), // Monday of the next week
  ];

  it('has seven rows Monday to Sunday with the weekday', () => {
    const week = summarizeWeek(records, '2026-01-05');
    expect(week.weekStart).toBe('2026-01-05');
    expect(week.weekEnd).toBe('2026-01-11');
    expect(week.days.map((d) => [d.date, d.weekday])).toEqual([
      ['2026-01-05', 1],
      ['2026-01-06', 2],
      ['2026-01-07', 3],
      ['2026-01-08', 4],
      ['2026-01-09', 5],
      ['2026-01-10', 6],
      ['2026-01-11', 0],
    ]);
    expect(week.days[5]?.record).toBeUndefined();
    expect(week.days[2]?.record?.status).toBe('office');
  });

  it('totals the week and ignores records outside it', () => {
    expect(summarizeWeek(records, '2026-01-05').totals).toEqual({
      workingMinutes: 930,
      daysWorked: 4,
      teleworkDays: 3,
      officeDays: 1,
      daysOff: 1,
      openDays: 1,
      violationCount: 3,
    });
  });

  it('moves a non-Monday week start back to its Monday', () => {
    expect(summarizeWeek(records, '2026-01-11').weekStart).toBe('2026-01-05');
  });

  it('lets a later record for the same day replace an earlier one', () => {
    const week = summarizeWeek([ended('2026-01-05', 480), ended('2026-01-05', 420)], '2026-01-05');
    expect(week.totals.workingMinutes).toBe(420);
    expect(week.totals.daysWorked).toBe(1);
  });

  it('is empty for a week without records', () => {
    const week = summarizeWeek([], '2026-12-28');
    expect(week.days).toHaveLength(7);
    expect(week.weekEnd).toBe('2027-01-03');
    expect(week.totals.workingMinutes).toBe(0);
    expect(week.totals.daysWorked).toBe(0);
  });
});
