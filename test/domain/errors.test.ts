import { describe, expect, it } from 'vitest';
import {
  CHECKIN_ERROR_CODES,
  EndBeforeStartError,
  InvalidBreaksError,
  InvalidScheduleError,
  NoStartError,
} from '../../src/domain/checkins/errors';
import { DomainError } from '../../src/domain/shared/errors';

describe('check-in domain errors', () => {
  it('carry stable codes and are DomainErrors', () => {
    const errors = [
      new EndBeforeStartError('09:00', '08:00'),
      new NoStartError('2026-01-05'),
      new InvalidBreaksError([{ code: 'breaks_overlap', breaks: [1, 2] }]),
      new InvalidScheduleError(['unknown time zone "X"']),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'CHECKIN.END_BEFORE_START',
      'CHECKIN.NO_START',
      'CHECKIN.INVALID_BREAKS',
      'CHECKIN.INVALID_SCHEDULE',
    ]);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(Object.values(CHECKIN_ERROR_CODES)));
    for (const e of errors) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(e.constructor.name);
    }
  });

  it('keep their details for the edges', () => {
    const e = new NoStartError('2026-01-05');
    expect(e.workDate).toBe('2026-01-05');
    expect(e.message).toContain('2026-01-05');
    expect(new InvalidBreaksError([{ code: 'break_incomplete', breaks: [2] }]).message).toContain('break_incomplete[2]');
  });
});
