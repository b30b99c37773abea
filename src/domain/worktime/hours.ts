import { addDays, MS_PER_MINUTE, zonedTimeToUtc, type LocalDate } from '../calendar';
import { isOvernight } from '../checkins/working-time';
import type { WorktimePolicy } from './policy';
import { byDate, type WorkDayRecord } from './records';

export interface RestInterval {
  /** The work day that ended and the next one that started. */
  readonly fromDate: LocalDate;
  readonly toDate: LocalDate;
  readonly minutes: number;
}

/** The end of a day's work as an instant; an end earlier than the start is on the next day. */
function endInstant(record: WorkDayRecord, timeZone: string): Date | undefined {
  if (!record.startTime || !record.endTime) return undefined;
  const endDate = isOvernight(record.startTime, record.endTime) ? addDays(record.date, 1) : record.date;
  return zonedTimeToUtc(endDate, record.endTime, timeZone);
}

/**
 * Rest between the end of each worked day and the start of the next worked day (勤務間インターバル),
 * in the person's time zone. Days without an end or a start are skipped. @internal (tested directly)
 */
export function restIntervals(records: readonly WorkDayRecord[], timeZone: string): RestInterval[] {
  const days = byDate(records).filter((r) => r.startTime);
  const out: RestInterval[] = [];
  for (let i = 1; i < days.length; i++) {
    const prev = days[i - 1];
    const next = days[i];
    if (!prev || !next?.startTime) continue;
    const end = endInstant(prev, timeZone);
    if (!end) continue;
    const start = zonedTimeToUtc(next.date, next.startTime, timeZone);
    out.push({ fromDate: prev.date, toDate: next.date, minutes: Math.round((start.getTime() - end.getTime()) / MS_PER_MINUTE) });
  }
  return out;
}

/** Rest intervals shorter than the policy's minimum. */
export function shortRests(records: readonly WorkDayRecord[], timeZone: string, policy: Pick<WorktimePolicy, 'restIntervalMinMinutes'>): RestInterval[] {
  return restIntervals(records, timeZone).filter((r) => r.minutes < policy.restIntervalMinMinutes);
}
