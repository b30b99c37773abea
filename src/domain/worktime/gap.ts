import { addDays, MS_PER_MINUTE, zonedTimeToUtc, type LocalDate, type LocalTime } from '../calendar';

/**
 * The self-report gap check (MHLW telework guideline: compare self-reported hours with objective
 * records). Pure rules: which Teams presence reading counts as activity, where the reported day
 * lies, and how far the objective activity reaches outside it.
 */

/** Presence that means "at the PC" (Graph availability values). */
const AT_DESK: ReadonlySet<string> = new Set(['Available', 'Busy', 'DoNotDisturb']);

/**
 * A presence reading is evidence of activity when the person is seen at the PC, or has just left it
 * (at-desk before, something else now). Away → Offline (the PC went to sleep) is not.
 */
export function presenceIsActivity(previous: string | undefined, current: string): boolean {
  return AT_DESK.has(current) || (previous !== undefined && AT_DESK.has(previous) && previous !== current);
}

/** The reported day as instants; an end at or before the start is on the next day (night work). */
export function reportedSpan(workDate: LocalDate, startTime: LocalTime, endTime: LocalTime, timeZone: string): { start: Date; end: Date } {
  const start = zonedTimeToUtc(workDate, startTime, timeZone);
  let end = zonedTimeToUtc(workDate, endTime, timeZone);
  if (end.getTime() <= start.getTime()) end = zonedTimeToUtc(addDays(workDate, 1), endTime, timeZone);
  return { start, end };
}

export interface GapInput {
  readonly reportedStart: Date;
  readonly reportedEnd: Date;
  /** Earliest and latest objective activity of the day (presence, VPN, card interactions), if any. */
  readonly firstActivity?: Date;
  readonly lastActivity?: Date;
  /** A side counts only when its gap is above this many minutes (GAP_CHECK_MINUTES, default 30). */
  readonly thresholdMinutes: number;
}

export interface GapResult {
  /** Activity before the reported start, whole minutes (0 when none). */
  readonly startMinutes: number;
  /** Activity after the reported end, whole minutes (0 when none). */
  readonly endMinutes: number;
  /** The sides above the threshold, added up: 0 means nothing to ask. */
  readonly minutes: number;
}

const wholeMinutes = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / MS_PER_MINUTE));

/**
 * How far the objective activity lies outside the reported day. Activity inside the reported span
 * agrees with the report (absence of activity proves nothing), so only the edges are compared.
 * Reported end 18:00, last activity 20:15 → 135 minutes; 18:20 → 20, not above 30 → 0.
 */
export function selfReportGap(input: GapInput): GapResult {
  const startMinutes = input.firstActivity ? wholeMinutes(input.firstActivity, input.reportedStart) : 0;
  const endMinutes = input.lastActivity ? wholeMinutes(input.reportedEnd, input.lastActivity) : 0;
  const above = (m: number) => (m > input.thresholdMinutes ? m : 0);
  return { startMinutes, endMinutes, minutes: above(startMinutes) + above(endMinutes) };
}
