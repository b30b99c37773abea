import { describe, expect, it } from 'vitest';
import { assessMonths, lawPolicy, policyProblem, spansProblem, WorktimeInputError, type WorkedSpan } from '../../src/domain/worktime/law';
import { shift, worked } from '../support/worktime-law';

const assess = (spans: readonly WorkedSpan[], timeZone = 'Asia/Tokyo') => assessMonths(spans, lawPolicy({ timeZone }));

describe('a shift across midnight is the work of the day it started (昭63.1.1 基発1号)', () => {
  it('22:00–07:00 with a 60 min break: one day of 480 minutes on the start date, no overtime', () => {
    const [november] = assess([shift('2026-11-04', '22:00', '07:00', 60)]);
    expect(november?.days).toEqual([{ date: '2026-11-04', workedMinutes: 480, lateNightMinutes: 420, overtimeMinutes: 0, legalHolidayMinutes: 0 }]);
  });

  it('a night shift started on the last day of a month is that month’s', () => {
    const months = assess([shift('2026-11-30', '22:00', '07:00', 0)]);
    expect(months.map((m) => [m.month, m.workedMinutes, m.lateNightMinutes, m.overtimeMinutes])).toEqual([['2026-11', 540, 420, 60]]);
  });

  it('a shift started on Saturday evening and running into Sunday (the 法定休日) is Saturday’s ordinary work', () => {
    const [november] = assess([shift('2026-11-07', '20:00', '04:00', 0)]);
    expect(november).toMatchObject({ legalHolidayMinutes: 0, workedMinutes: 480 });
  });

  it('a shift started on the 法定休日 is 休日労働 as a whole', () => {
    const [november] = assess([shift('2026-11-08', '20:00', '06:00', 0)]);
    expect(november).toMatchObject({ legalHolidayMinutes: 600, overtimeMinutes: 0, lateNightMinutes: 420 });
  });

  it('two spans of one day (中抜け) add up before the 8 h line', () => {
    const [november] = assess([shift('2026-11-04', '08:00', '12:00'), shift('2026-11-04', '13:00', '18:30')]);
    expect(november).toMatchObject({ workedMinutes: 570, overtimeMinutes: 90 });
  });
});

describe('深夜 22:00–05:00 local (労基法37条4項)', () => {
  it.each([
    ['22:00–07:00, no break', shift('2026-11-04', '22:00', '07:00'), 420],
    ['22:00–07:00, 60 min break of unknown time: not taken off', shift('2026-11-04', '22:00', '07:00', 60), 420],
    ['22:00–07:00, known break 01:00–02:00', shift('2026-11-04', '22:00', '07:00', 60, [['01:00', '02:00']]), 360],
    ['22:00–07:00, known break 04:30–05:30: only its night half', shift('2026-11-04', '22:00', '07:00', 60, [['04:30', '05:30']]), 390],
    ['22:00–07:00, known break 05:30–06:00 (daytime)', shift('2026-11-04', '22:00', '07:00', 30, [['05:30', '06:00']]), 420],
    ['09:00–21:59: just under the line', shift('2026-11-04', '09:00', '21:59'), 0],
    ['09:00–22:00: at the line', shift('2026-11-04', '09:00', '22:00'), 0],
    ['09:00–22:01: just over the line', shift('2026-11-04', '09:00', '22:01'), 1],
    ['04:59–09:00: one early minute', shift('2026-11-04', '04:59', '09:00'), 1],
    ['05:00–09:00: none', shift('2026-11-04', '05:00', '09:00'), 0],
  ])('%s', (_label, span, lateNight) => {
    expect(assess([span])[0]?.lateNightMinutes).toBe(lateNight);
  });

  it('reads the night in the policy’s zone across a DST change (New York, 2026-03-08)', () => {
    // 22:00 EST to 07:00 EDT is 8 h; the night 22:00–05:00 is 6 h because 02:00–03:00 never happened.
    const [march] = assess([{ start: '2026-03-07T22:00:00-05:00', end: '2026-03-08T07:00:00-04:00', breakMinutes: 0 }], 'America/New_York');
    expect(march).toMatchObject({ workedMinutes: 480, lateNightMinutes: 360 });
    expect(march?.days[0]?.date).toBe('2026-03-07');
  });
});

describe('input problems name the field', () => {
  const good = worked('2026-11-02', 480);
  it.each([
    ['an end before the start', [{ ...good, end: good.start }], 'days[0].end'],
    ['a time without offset', [{ ...good, start: '2026-11-02T09:00:00' }], 'days[0].start'],
    ['a negative break', [good, { ...worked('2026-11-03', 60), breakMinutes: -1 }], 'days[1].breakMinutes'],
    ['a break longer than the shift', [{ ...worked('2026-11-03', 60), breakMinutes: 61 }], 'days[0].breakMinutes'],
    ['overlapping shifts', [good, worked('2026-11-02', 30)], 'days[1].start'],
    ['a known break outside the shift', [shift('2026-11-02', '09:00', '18:00', 60, [['17:30', '18:30']])], 'days[0].breaks[0].end'],
    ['known breaks longer than breakMinutes', [shift('2026-11-02', '09:00', '18:00', 30, [['12:00', '13:00']])], 'days[0].breakMinutes'],
  ])('%s', (_label, spans, path) => {
    expect(spansProblem(spans)?.path).toBe(path);
    expect(() => assessMonths(spans, lawPolicy())).toThrow(WorktimeInputError);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'policy.timeZone'],
    [{ agreementYearStart: '02-30' }, 'policy.agreementYearStart'],
    [{ flex: { settlementMonths: 1, firstMonth: '2026-13' } }, 'policy.flex.firstMonth'],
  ] as const)('policy %j', (given, path) => {
    expect(policyProblem(lawPolicy(given))?.path).toBe(path);
  });

  it('good input has no problem and no days give no months', () => {
    expect(spansProblem([good, shift('2026-11-02', '18:00', '19:00')])).toBeUndefined();
    expect(policyProblem(lawPolicy())).toBeUndefined();
    expect(assessMonths([], lawPolicy())).toEqual([]);
  });

  it('the error carries a stable code and the field', () => {
    const error = (() => {
      try {
        assessMonths([{ ...good, end: good.start }], lawPolicy());
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WorktimeInputError);
    expect(error).toMatchObject({ code: 'WORKTIME.BAD_INPUT', message: 'days[0].end: must be an ISO date-time with offset, after start' });
  });
});
