import { describe, expect, it } from 'vitest';
import { personYear } from '../../bench/worktime-data';
import { weekdayOf } from '../../src/domain/calendar';
import { assessWorktime } from '../../src/domain/worktime/assess';
import { lawPolicy } from '../../src/domain/worktime/law';
import { assessmentStart } from '../../src/domain/worktime/month';
import { DEFAULT_WORKTIME_POLICY } from '../../src/domain/worktime/policy';

/**
 * The console's watch list and the digests run the law engine over each person's agreement year:
 * it must stay far below the ~20 ms a person-year it once took (docs/benchmarks.md "Work-time
 * engine"; about 1 ms now). The bound is loose so a busy CI machine does not fail it; a return of
 * the slow conversions (ICU for every instant, an object spread per day) does.
 */
describe('work-time engine speed', () => {
  it('assesses 100 person-years (~250 days each) in well under 5 ms a person', () => {
    const reportDate = '2027-03-19';
    const law = lawPolicy({ timeZone: 'Asia/Tokyo' });
    const people = Array.from({ length: 100 }, (_, i) => personYear(i + 1000, assessmentStart(reportDate, law), reportDate));
    const assess = () => people.map((records) => assessWorktime({ records, reportDate, windowDays: 7, law, isWorkday: (d) => weekdayOf(d) % 6 !== 0 }, DEFAULT_WORKTIME_POLICY));
    assess(); // warm: the first run compiles the code and fills the calendar's caches
    const cpu = process.cpuUsage();
    const assessed = assess();
    const used = process.cpuUsage(cpu);
    expect(assessed.every((a) => a.month.month === '2027-03' && a.month.workedMinutes > 0)).toBe(true);
    expect((used.user + used.system) / 1000 / people.length).toBeLessThan(5);
  });
});
