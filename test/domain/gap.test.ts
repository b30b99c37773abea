// The self-report gap rule (MHLW telework guideline): reported start/end against objective activity.
import { describe, expect, it } from 'vitest';
import { presenceIsActivity, reportedSpan, selfReportGap } from '../../src/domain/worktime/gap';

const DAY = '2026-11-24';
const TZ = 'Asia/Tokyo';
const at = (time: string, date = DAY) => new Date(`${date}T${time}:00+09:00`);
const span = reportedSpan(DAY, '09:00', '18:00', TZ);
const gap = (first: string | undefined, last: string | undefined, thresholdMinutes = 30) =>
  selfReportGap({ reportedStart: span.start, reportedEnd: span.end, firstActivity: first ? at(first) : undefined, lastActivity: last ? at(last) : undefined, thresholdMinutes });

describe('selfReportGap', () => {
  it('reported end 18:00, last activity 20:15: 135 minutes to ask about', () => {
    expect(gap('09:00', '20:15')).toEqual({ startMinutes: 0, endMinutes: 135, minutes: 135 });
  });

  it('reported end 18:00, last activity 18:20: nothing', () => {
    expect(gap('09:00', '18:20')).toEqual({ startMinutes: 0, endMinutes: 20, minutes: 0 });
  });

  it('exactly the threshold is not above it; one minute more is', () => {
    expect(gap(undefined, '18:30').minutes).toBe(0);
    expect(gap(undefined, '18:31').minutes).toBe(31);
  });

  it('activity before the reported start counts the same way, and both sides add up', () => {
    expect(gap('07:45', '17:00')).toEqual({ startMinutes: 75, endMinutes: 0, minutes: 75 });
    expect(gap('08:40', '20:00')).toEqual({ startMinutes: 20, endMinutes: 120, minutes: 120 });
    expect(gap('08:00', '19:00')).toEqual({ startMinutes: 60, endMinutes: 60, minutes: 120 });
  });

  it('activity inside the reported day, or none at all, agrees with the report', () => {
    expect(gap('10:00', '16:00').minutes).toBe(0);
    expect(gap(undefined, undefined).minutes).toBe(0);
  });

  it('a configurable threshold (GAP_CHECK_MINUTES)', () => {
    expect(gap(undefined, '18:20', 15).minutes).toBe(20);
    expect(gap(undefined, '18:20', 60).minutes).toBe(0);
  });
});

describe('reportedSpan', () => {
  it('is the local day in the person’s zone', () => {
    expect(span.start.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(span.end.toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('an end at or before the start is on the next day (night work)', () => {
    const night = reportedSpan(DAY, '22:00', '06:00', TZ);
    expect(night.end.toISOString()).toBe(at('06:00', '2026-11-25').toISOString());
  });
});

describe('presenceIsActivity', () => {
  it('seen at the PC counts', () => {
    for (const a of ['Available', 'Busy', 'DoNotDisturb']) expect(presenceIsActivity(undefined, a)).toBe(true);
  });

  it('having just left the PC counts; idle states and sleep do not', () => {
    expect(presenceIsActivity('Available', 'Away')).toBe(true);
    expect(presenceIsActivity('Busy', 'Offline')).toBe(true);
    expect(presenceIsActivity('Away', 'Offline')).toBe(false);
    expect(presenceIsActivity(undefined, 'Away')).toBe(false);
    expect(presenceIsActivity('Offline', 'Offline')).toBe(false);
    expect(presenceIsActivity('BeRightBack', 'AvailableIdle')).toBe(false);
  });
});
