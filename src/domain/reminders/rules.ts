import { MS_PER_MINUTE, zonedTimeToUtc, type LocalDate, type LocalTime } from '../calendar';
import { isWorkday, scheduledEndAt, scheduledStartAt, type CheckinSchedule } from '../checkins/schedule';
import type { DayStatus } from '../checkins/week';

/**
 * Screen-lock and VPN-disconnect reminders (G 3: lock the screen whenever leaving the PC; end the
 * VPN / remote desktop promptly when work ends). Pure rules: when a reminder may go out, and when not.
 */
export type ReminderKind = 'screen_lock' | 'vpn';
/** Why a reminder exists: a fixed nudge time, Teams presence turning away, the end card, or the VPN gateway. */
export type ReminderReason = 'scheduled' | 'presence' | 'checkout_answer' | 'vpn_signal';
export type ScreenLockAnswer = 'locked' | 'at_pc';
export type VpnAnswer = 'disconnected';
export type ReminderAnswer = ScreenLockAnswer | VpnAnswer;

/** Why a planned reminder was not sent; stored with the row so "no reminder" is explained too. */
export type SkipReason =
  | 'not_started'
  | 'checked_out'
  | 'day_off'
  | 'not_workday'
  | 'outside_hours'
  | 'late'
  | 'opted_out'
  | 'too_soon'
  | 'daily_limit'
  | 'vpn_closed';

/** Company settings (config) for both reminder kinds. */
export interface ReminderPolicy {
  /** Local times of the scheduled screen-lock nudges; the second and later can be turned off per person. */
  readonly screenLockTimes: readonly LocalTime[];
  /** Presence-triggered screen-lock reminders per person and day. */
  readonly screenLockMaxPerDay: number;
  /** Minimum time between two screen-lock reminders of either reason. */
  readonly screenLockMinGapMinutes: number;
  readonly vpnDelayMinutes: number;
  readonly vpnRepeatMinutes: number;
  readonly vpnMax: number;
  /** After the end check-in, an open VPN session (signals) waits this long before a reminder. */
  readonly vpnSignalGraceMinutes: number;
  /** Without an end check-in, an open VPN session is reminded this long after the scheduled end. */
  readonly vpnNoCheckoutMinutes: number;
}

/**
 * A planned reminder that could not go out on time (the app was down, the sweep fell behind) is
 * skipped once it is this late: it would ask about a moment that has passed.
 */
const LATE_LIMIT_MINUTES = 30;

/** Graph presence availabilities that mean "at the PC" (AvailableIdle/BusyIdle already mean idle). */
const AT_DESK: ReadonlySet<string> = new Set(['Available', 'Busy', 'DoNotDisturb']);
const AWAY: ReadonlySet<string> = new Set(['Away', 'BeRightBack']);

/** The person just left the PC according to Teams presence. */
export function leftDesk(previous: string | undefined, current: string): boolean {
  return previous !== undefined && AT_DESK.has(previous) && AWAY.has(current);
}

/** Within the scheduled hours of a work day (not a weekend, Japanese or company holiday). */
export function inWorkingHours(now: Date, workDate: LocalDate, schedule: CheckinSchedule): boolean {
  if (!isWorkday(workDate, schedule)) return false;
  const t = now.getTime();
  return t >= scheduledStartAt(workDate, schedule).getTime() && t < scheduledEndAt(workDate, schedule).getTime();
}

/** The scheduled nudges of a work day still ahead of `after` and inside working hours; seq counts from 1. */
export function upcomingNudges(workDate: LocalDate, schedule: CheckinSchedule, times: readonly LocalTime[], after: Date): { seq: number; at: Date }[] {
  return times
    .map((time, i) => ({ seq: i + 1, at: zonedTimeToUtc(workDate, time, schedule.timeZone) }))
    .filter((n) => n.at.getTime() > after.getTime() && inWorkingHours(n.at, workDate, schedule));
}

const minutesBetween = (a: Date, b: Date): number => (b.getTime() - a.getTime()) / MS_PER_MINUTE;

interface DayContext {
  readonly now: Date;
  readonly workDate: LocalDate;
  readonly schedule: CheckinSchedule;
  /** The day as the check-in hooks recorded it; undefined when the person has not checked in. */
  readonly dayStatus: DayStatus | undefined;
}

export interface ScreenLockCheck extends DayContext {
  readonly reason: 'scheduled' | 'presence';
  /** When the reminder was due (scheduled) or the presence change seen (presence). */
  readonly dueAt: Date;
  /** Scheduled nudge number: 2 and later are the ones a person can turn off. */
  readonly seq: number;
  readonly laterNudgesOn: boolean;
  /** Last screen-lock reminder sent to the person this day (either reason). */
  readonly lastSentAt: Date | undefined;
  /** Presence reminders already sent this day. */
  readonly presenceSentToday: number;
  readonly policy: ReminderPolicy;
}

/** Why a screen-lock reminder must not go out now, or undefined when it may. */
export function screenLockSkip(check: ScreenLockCheck): SkipReason | undefined {
  if (check.dayStatus === 'ended') return 'checked_out';
  if (check.dayStatus === 'day_off' || check.dayStatus === 'office') return 'day_off';
  if (check.dayStatus !== 'started') return 'not_started';
  if (!isWorkday(check.workDate, check.schedule)) return 'not_workday';
  if (!inWorkingHours(check.now, check.workDate, check.schedule)) return 'outside_hours';
  if (minutesBetween(check.dueAt, check.now) > LATE_LIMIT_MINUTES) return 'late';
  if (check.reason === 'scheduled' && check.seq >= 2 && !check.laterNudgesOn) return 'opted_out';
  if (check.reason === 'presence' && check.presenceSentToday >= check.policy.screenLockMaxPerDay) return 'daily_limit';
  if (check.lastSentAt && minutesBetween(check.lastSentAt, check.now) < check.policy.screenLockMinGapMinutes) return 'too_soon';
  return undefined;
}

export interface VpnCheck extends DayContext {
  readonly reason: 'checkout_answer' | 'vpn_signal';
  readonly dueAt: Date;
  /** What the VPN gateway last said for the person, when it reports at all. */
  readonly session: { readonly open: boolean; readonly lastEventAt: Date } | undefined;
}

/**
 * Why a VPN reminder must not go out now, or undefined when it may. VPN reminders come after work by
 * nature, so they are bound to the work day (no holiday, day off or office day), not to its hours.
 */
export function vpnSkip(check: VpnCheck): SkipReason | undefined {
  if (check.dayStatus === 'day_off' || check.dayStatus === 'office') return 'day_off';
  if (!isWorkday(check.workDate, check.schedule)) return 'not_workday';
  if (minutesBetween(check.dueAt, check.now) > LATE_LIMIT_MINUTES) return 'late';
  // The gateway is the better witness: a session it saw closed since the day began needs no reminder.
  const dayStart = scheduledStartAt(check.workDate, check.schedule).getTime();
  if (check.session && !check.session.open && check.session.lastEventAt.getTime() >= dayStart) return 'vpn_closed';
  if (check.reason === 'vpn_signal' && !check.session?.open) return 'vpn_closed';
  return undefined;
}

/**
 * When an open VPN session (signals) becomes worth a reminder: `vpnSignalGraceMinutes` after the end
 * check-in, or `vpnNoCheckoutMinutes` after the scheduled end without one — and never sooner than the
 * grace after the session opened (a reconnect after check-out gets its own grace).
 */
export function vpnSignalDueAt(params: { workDate: LocalDate; schedule: CheckinSchedule; openedAt: Date; endedAt?: Date; policy: ReminderPolicy }): Date {
  const grace = params.policy.vpnSignalGraceMinutes * MS_PER_MINUTE;
  const base = params.endedAt
    ? params.endedAt.getTime() + grace
    : scheduledEndAt(params.workDate, params.schedule).getTime() + params.policy.vpnNoCheckoutMinutes * MS_PER_MINUTE;
  return new Date(Math.max(base, params.openedAt.getTime() + grace));
}
