import { describe, expect, it } from 'vitest';
import { InvalidBreaksError } from '../../src/domain/checkins/errors';
import {
  assertValidBreaks,
  breakMinutes,
  isOvernight,
  lateNightMinutes,
  validateBreaks,
  workingMinutes,
  workSpanMinutes,
  type EndTimes,
} from '../../src/domain/checkins/working-time';

const end = (endTime: string, b1?: [string?, string?], b2?: [string?, string?]): EndTimes => ({
  endTime,
  break1Start: b1?.[0],
  break1End: b1?.[1],
  break2Start: b2?.[0],
  break2End: b2?.[1],
});

describe('breakMinutes', () => {
  it('sums complete break pairs', () => {
    expect(breakMinutes(end('18:00'))).toBe(0);
    expect(breakMinutes(end('18:00', ['12:00', '13:00']))).toBe(60);
    expect(breakMinutes(end('18:00', ['12:00', '13:00'], ['15:00', '15:20']))).toBe(80);
  });

  it('ignores incomplete pairs and pairs whose end is not after the start', () => {
    expect(breakMinutes(end('18:00', ['12:00', undefined], [undefined, '15:20']))).toBe(0);
    expect(breakMinutes(end('18:00', ['13:00', '12:00'], ['15:00', '15:00']))).toBe(0);
  });

  it('reads a night-shift break across midnight on the work timeline when given the start', () => {
    expect(breakMinutes(end('06:00', ['23:30', '00:30']))).toBe(0);
    expect(breakMinutes(end('06:00', ['23:30', '00:30']), '22:00')).toBe(60);
  });
});

describe('workingMinutes', () => {
  it('is end − start − breaks', () => {
    expect(workingMinutes('09:00', end('18:00', ['12:00', '13:00']))).toBe(480);
    expect(workingMinutes('09:00', end('18:00', ['12:00', '13:00'], ['15:00', '15:30']))).toBe(450);
    expect(workingMinutes('09:15', end('09:45'))).toBe(30);
  });

  it('treats an end before the start as overnight work', () => {
    expect(isOvernight('22:00', '06:00')).toBe(true);
    expect(isOvernight('09:00', '18:00')).toBe(false);
    expect(workSpanMinutes('22:00', '06:00')).toBe(480);
    expect(workingMinutes('22:00', end('06:00', ['02:00', '03:00']))).toBe(420);
    expect(workingMinutes('22:00', end('06:00', ['23:30', '00:30']))).toBe(420);
  });

  it('is zero for an end equal to the start and never negative', () => {
    expect(workingMinutes('09:00', end('09:00'))).toBe(0);
    expect(workingMinutes('09:00', end('09:30', ['09:00', '10:00']))).toBe(0);
  });
});

describe('validateBreaks', () => {
  it('accepts consistent breaks, including adjacent ones and overnight ones', () => {
    expect(validateBreaks(end('18:00'), '09:00')).toEqual([]);
    expect(validateBreaks(end('18:00', ['12:00', '13:00'], ['13:00', '13:15']), '09:00')).toEqual([]);
    expect(validateBreaks(end('06:00', ['23:30', '00:30'], ['03:00', '03:15']), '22:00')).toEqual([]);
    expect(validateBreaks(end('18:00', ['09:00', '09:10'], ['17:50', '18:00']), '09:00')).toEqual([]);
  });

  it('reports a break with only one side', () => {
    expect(validateBreaks(end('18:00', ['12:00', undefined]), '09:00')).toEqual([{ code: 'break_incomplete', breaks: [1] }]);
  });

  it('reports a break that ends before (or when) it starts', () => {
    expect(validateBreaks(end('18:00', undefined, ['13:00', '12:00']), '09:00')).toEqual([
      { code: 'break_end_before_start', breaks: [2] },
    ]);
    expect(validateBreaks(end('18:00', ['12:00', '12:00']), '09:00')).toEqual([{ code: 'break_end_before_start', breaks: [1] }]);
  });

  it('reports a break outside the work span', () => {
    expect(validateBreaks(end('18:00', ['08:00', '08:30']), '09:00')).toEqual([{ code: 'break_outside_work', breaks: [1] }]);
    expect(validateBreaks(end('18:00', ['08:30', '09:30']), '09:00')).toEqual([{ code: 'break_outside_work', breaks: [1] }]);
    expect(validateBreaks(end('18:00', ['17:30', '18:30']), '09:00')).toEqual([{ code: 'break_outside_work', breaks: [1] }]);
    expect(validateBreaks(end('06:00', ['05:30', '06:30']), '22:00')).toEqual([{ code: 'break_outside_work', breaks: [1] }]);
  });

  it('reports overlapping breaks', () => {
    expect(validateBreaks(end('18:00', ['12:00', '13:00'], ['12:30', '13:30']), '09:00')).toEqual([
      { code: 'breaks_overlap', breaks: [1, 2] },
    ]);
  });

  it('throws InvalidBreaksError with the problems from assertValidBreaks', () => {
    expect(() => assertValidBreaks(end('18:00', ['12:00', '13:00']), '09:00')).not.toThrow();
    try {
      assertValidBreaks(end('18:00', ['12:00', undefined]), '09:00');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidBreaksError);
      expect((e as InvalidBreaksError).code).toBe('CHECKIN.INVALID_BREAKS');
      expect((e as InvalidBreaksError).problems).toEqual([{ code: 'break_incomplete', breaks: [1] }]);
    }
  });
});

describe('lateNightMinutes (22:00–05:00)', () => {
  it('is zero for a day shift', () => {
    expect(lateNightMinutes('09:00', '18:00')).toBe(0);
    expect(lateNightMinutes('05:00', '22:00')).toBe(0);
  });

  it('counts the evening part', () => {
    expect(lateNightMinutes('09:00', '23:30')).toBe(90);
    expect(lateNightMinutes('21:00', '23:59')).toBe(119);
  });

  it('counts the early-morning part', () => {
    expect(lateNightMinutes('04:00', '12:00')).toBe(60);
    expect(lateNightMinutes('00:00', '05:00')).toBe(300);
  });

  it('counts overnight work across midnight', () => {
    expect(lateNightMinutes('22:00', '06:00')).toBe(420);
    expect(lateNightMinutes('18:00', '01:00')).toBe(180);
    // Nearly 24 h: the night before 05:00 and the night from 22:00.
    expect(lateNightMinutes('04:00', '03:00')).toBe(60 + 300);
  });

  it('leaves out breaks taken at night, once even if breaks overlap', () => {
    expect(lateNightMinutes('22:00', '06:00', end('06:00', ['23:30', '00:30']))).toBe(360);
    expect(lateNightMinutes('22:00', '06:00', end('06:00', ['01:00', '02:00'], ['01:30', '02:30']))).toBe(330);
    expect(lateNightMinutes('20:00', '23:00', end('23:00', ['20:30', '21:30']))).toBe(60);
  });
});
