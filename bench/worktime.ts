/**
 * Work-time engine benchmark: the law engine's assessment of one person's agreement year, as the
 * console's watch list, the digests and the end-of-day check-in run it (the manager digest's
 * `assessWorktime`, with the person's law policy), for N people whose year of check-ins is built in
 * memory — no store: this is the engine alone.
 *
 *   npm run bench:worktime -- --users 500 [--zone Asia/Tokyo] [--date 2027-03-19] [--runs 3]
 *
 * Each person has a year of check-ins up to `--date` (about 250 workdays, bench/worktime-data.ts:
 * 8½–11 hours from 08:30–10:00 with an hour's break, some with known breaks, a few night shifts past
 * midnight and some Saturday or Sunday work). Prints one JSON line with `store` ("none"), `users`, `per person ms`
 * (median of the runs), `total s`, `peak RSS MB` and `per person CPU ms` (the process's CPU time, steadier
 * than wall time on a loaded machine), then a table. Target: ≤ 1 ms a person-year.
 */
import { parseArgs } from 'node:util';
import { weekdayOf, type LocalDate } from '../src/domain/calendar';
import { assessWorktime } from '../src/domain/worktime/assess';
import { lawPolicy } from '../src/domain/worktime/law';
import { assessmentStart, personLawPolicy } from '../src/domain/worktime/month';
import { worktimePolicy } from '../src/domain/worktime/policy';
import { rssSampler, runMain } from './support';
import { personYear } from './worktime-data';

const { values } = parseArgs({ options: { users: { type: 'string', default: '500' }, zone: { type: 'string', default: 'Asia/Tokyo' }, date: { type: 'string', default: '2027-03-19' }, runs: { type: 'string', default: '3' } } });
const USERS = Number(values.users);
const ZONE = values.zone;
const REPORT_DATE: LocalDate = values.date;
const RUNS = Math.max(1, Number(values.runs));

/** The default lines (45 h, 80 h, 11 h rest), as the settings give them. */
const POLICY = worktimePolicy({ overtimeWarningHours: 45, overtimeNoticeHours: 80, restIntervalMinHours: 11, lowMoodDays: 3, missingDays: 2 });

async function main(): Promise<void> {
  const company = lawPolicy({ timeZone: ZONE });
  const law = personLawPolicy(company, { timeZone: ZONE });
  const from = assessmentStart(REPORT_DATE, law);
  const people = Array.from({ length: USERS }, (_, i) => personYear(i, from, REPORT_DATE));
  const rss = rssSampler();
  const assessAll = (): number => {
    let flagged = 0;
    for (const records of people) {
      const a = assessWorktime({ records, reportDate: REPORT_DATE, windowDays: 7, law, isWorkday: (d) => weekdayOf(d) % 6 !== 0 }, POLICY);
      if (a.flags.length) flagged++;
    }
    return flagged;
  };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let flagged = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    flagged = assessAll();
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  rss.stop();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const cpuMedian = [...cpuTimes].sort((a, b) => a - b)[Math.floor(cpuTimes.length / 2)] ?? 0;
  const row = {
    store: 'none',
    users: USERS,
    'per person ms': Number((median / USERS).toFixed(3)),
    'total s': Number((median / 1000).toFixed(2)),
    'peak RSS MB': rss.peakMb(),
    // CPU time: on a loaded machine (other processes on the cores) wall time overstates the engine's cost.
    'per person CPU ms': Number((cpuMedian / USERS).toFixed(3)),
    'first run s': Number(((times[0] ?? 0) / 1000).toFixed(2)),
    'days a person': Math.round(people.reduce((n, p) => n + p.length, 0) / Math.max(1, USERS)),
    flagged,
  };
  console.log(`work-time engine benchmark: ${USERS} people, a year of check-ins each up to ${REPORT_DATE} (${ZONE}), ${RUNS} runs`);
  console.log(JSON.stringify(row));
  console.table([row]);
}

runMain(main);
