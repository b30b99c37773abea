/**
 * Work-time engine benchmark: the law engine's assessment of one person's agreement year, as the
 * console's watch list, the digests and the end-of-day check-in run it (the manager digest's
 * `assessWorktime`, with the person's law policy), for N people whose year of check-ins is built in
 * memory — no store: this is the engine alone.
 *
 *   npm run bench:worktime -- --users 500 [--zone Asia/Tokyo] [--date 2027-03-19]
 *
 * Each person has a year of check-ins up to `--date` (about 250 workdays: weekdays 08:30–10:00 to
 * 17:30–23:30 with an hour's break, some with known breaks, a few night shifts past midnight and some
 * Saturday or Sunday work). Prints one JSON line with `store` ("none"), `users`, `per person ms`
 * (median of the runs), `total s`, `peak RSS MB` and `per person CPU ms` (the process's CPU time, steadier
 * than wall time on a loaded machine), then a table. Target: ≤ 1 ms a person-year.
 */
import { parseArgs } from 'node:util';
import { addDays, weekdayOf, type LocalDate } from '../src/domain/calendar';
import { assessWorktime } from '../src/domain/worktime/assess';
import { lawPolicy } from '../src/domain/worktime/law';
import { assessmentStart, personLawPolicy } from '../src/domain/worktime/month';
import { DEFAULT_WORKTIME_POLICY } from '../src/domain/worktime/policy';
import type { WorkDayRecord } from '../src/domain/worktime/records';
import { rssSampler, runMain } from './support';

const { values } = parseArgs({ options: { users: { type: 'string', default: '500' }, zone: { type: 'string', default: 'Asia/Tokyo' }, date: { type: 'string', default: '2027-03-19' }, runs: { type: 'string', default: '3' } } });
const USERS = Number(values.users);
const ZONE = values.zone;
const REPORT_DATE: LocalDate = values.date;
const RUNS = Math.max(1, Number(values.runs));

/** A small deterministic generator, so every run assesses the same year. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** One person's check-ins from the start of their assessment range to the report date. */
function personYear(person: number, from: LocalDate): WorkDayRecord[] {
  const next = random(person + 1);
  const records: WorkDayRecord[] = [];
  for (let date = from; date <= REPORT_DATE; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const weekend = weekday === 0 || weekday === 6;
    if (weekend ? next() > 0.08 : next() < 0.04) continue;
    const night = next() < 0.03;
    const start = night ? 20 * 60 + Math.floor(next() * 4) * 30 : 8 * 60 + 30 + Math.floor(next() * 4) * 30;
    const end = start + 8 * 60 + 30 + Math.floor(next() * 6) * 30;
    const known = next() < 0.3;
    const breaks = known ? [{ start: clock(start + 180), end: clock(start + 240) }] : undefined;
    records.push({
      date, status: 'ended', startTime: clock(start), endTime: clock(end), breakMinutes: 60, breaks,
      workingMinutes: end - start - 60, lateNightMinutes: 0, mood: 1 + Math.floor(next() * 5),
    });
  }
  return records;
}

async function main(): Promise<void> {
  const company = lawPolicy({ timeZone: ZONE });
  const law = personLawPolicy(company, { timeZone: ZONE });
  const from = assessmentStart(REPORT_DATE, law);
  const people = Array.from({ length: USERS }, (_, i) => personYear(i, from));
  const rss = rssSampler();
  const assessAll = (): number => {
    let flagged = 0;
    for (const records of people) {
      const a = assessWorktime({ records, reportDate: REPORT_DATE, windowDays: 7, law, isWorkday: (d) => weekdayOf(d) % 6 !== 0 }, DEFAULT_WORKTIME_POLICY);
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
