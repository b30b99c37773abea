import { cardRenderer, renderCommonCard, type AdaptiveCardJson } from '../../cards/render';
import { formatDate, formatMinutes, formatTimeRange } from '../../cards/format';
import { COMMON_STRINGS } from '../../cards/strings';
import type { ViolationKind } from '../../domain/checkins/model';
import type { DayStatus, WeekSummary } from '../../domain/checkins/week';
import type { User } from '../../domain/people/user';
import { PREFECTURES, prefectureName } from '../../domain/people/prefectures';
import type { CheckinCardData, MyWeekRow } from './card-data';
import { endPrefill, endSummaryFacts, startPrefill, startSummaryFacts, violationItem } from './format';
import { CHECKIN_TEXTS, checkinText, type CheckinTextKey } from './texts';
import type { CheckinRecord } from './repository';

/**
 * Renders cards/checkin-*.json and cards/my-week.json with the check-in strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderCheckinCard = cardRenderer<CheckinCardData>(CHECKIN_TEXTS);

/** The start card of a work day; `nowTime` (`HH:MM`) is the default start time without a previous answer. */
export function startCardView(user: User, workDate: string, nowTime: string, record?: CheckinRecord, suggestedPrefecture?: string): AdaptiveCardJson {
  const prefill = record?.startAnswers ? startPrefill(record.startAnswers) : suggestedPrefecture ? { todayPrefecture: suggestedPrefecture } : undefined;
  return renderCheckinCard(
    'checkin-start',
    {
      date: workDate,
      dateLabel: formatDate(workDate, user.locale),
      userName: user.name,
      defaultStartTime: nowTime,
      prefill,
      prefectureChoices: PREFECTURES.map(([code]) => ({ title: prefectureName(code, user.locale), value: code })),
    },
    user.locale,
  );
}

/** The end card of a work day, reminding of the recorded start time. */
export function endCardView(user: User, workDate: string, nowTime: string, record?: CheckinRecord): AdaptiveCardJson {
  return renderCheckinCard(
    'checkin-end',
    {
      date: workDate,
      dateLabel: formatDate(workDate, user.locale),
      defaultEndTime: nowTime,
      startTime: record?.startTime,
      prefill: record?.endAnswers ? endPrefill(record.endAnswers) : undefined,
    },
    user.locale,
  );
}

/** The read-only summary of the start or end answers, with the violations of that phase. */
export function summaryCardView(user: User, kind: 'start' | 'end', record: CheckinRecord, violations: readonly ViolationKind[]): AdaptiveCardJson {
  const facts =
    kind === 'start' && record.startAnswers
      ? startSummaryFacts(record.startAnswers, user.locale)
      : record.endAnswers
        ? endSummaryFacts(record.endAnswers, user.locale)
        : [];
  return renderCheckinCard(
    'checkin-summary',
    {
      kind,
      date: record.workDate,
      dateLabel: formatDate(record.workDate, user.locale),
      facts,
      workingTime: kind === 'end' && record.workingMinutes !== undefined ? formatMinutes(record.workingMinutes, user.locale) : undefined,
      violations: violations.map((v) => violationItem(v, user.locale)),
      pledgePending: kind === 'start' && record.pledgePending,
      privatePcRequest: violations.includes('private_pc_unapproved'),
    },
    user.locale,
  );
}

const NOTICES: Readonly<Record<DayStatus, { title: CheckinTextKey; text: CheckinTextKey }>> = {
  started: { title: 'alreadyRecordedTitle', text: 'alreadyRecordedText' },
  ended: { title: 'alreadyRecordedTitle', text: 'alreadyRecordedText' },
  day_off: { title: 'dayOffTitle', text: 'dayOffText' },
  office: { title: 'officeDayTitle', text: 'officeDayText' },
};

/** What "not working today" / "office day" recorded: the day's status as stored (an earlier check-in wins). */
export function dayStatusView(user: User, workDate: string, status: DayStatus): AdaptiveCardJson {
  const date = formatDate(workDate, user.locale);
  const keys = NOTICES[status];
  return renderCommonCard(
    'notice',
    { title: checkinText(user.locale, keys.title), text: checkinText(user.locale, keys.text, { date }) },
    user.locale,
  );
}

const NOTIFICATIONS: Readonly<Record<'start' | 'end' | 'checkout_reminder', CheckinTextKey>> = {
  start: 'notifyStart',
  end: 'notifyEnd',
  checkout_reminder: 'notifyCheckoutReminder',
};

/** The text Teams shows in the notification of a scheduled card. */
export function notificationText(user: User, kind: 'start' | 'end' | 'checkout_reminder'): string {
  return checkinText(user.locale, NOTIFICATIONS[kind]);
}

/** Reminders of one work day: how many went out and how many the person answered. */
export interface ReminderDayCount {
  readonly sent: number;
  readonly answered: number;
}

const reminderCell = (c: ReminderDayCount | undefined, none: string): string => (c && c.sent > 0 ? `${c.sent} / ${c.answered}` : none);

/** The week's and month's figures on the law's basis, and how they are counted (my-week.ts). */
export interface LawFacts {
  readonly facts: { title: string; value: string }[];
  readonly note: string;
}

/** The user's Monday–Sunday week as the `my week` card, with the reminders of each day when known. */
export function myWeekView(user: User, week: WeekSummary, reminders: ReadonlyMap<string, ReminderDayCount> = new Map(), law?: LawFacts): AdaptiveCardJson {
  const l = user.locale;
  const none = COMMON_STRINGS[l].common.none;
  const statusText = (s: DayStatus) => (s === 'day_off' ? checkinText(l, 'weekDayOff') : s === 'office' ? checkinText(l, 'weekOffice') : none);
  const days: MyWeekRow[] = week.days.map(({ date, record: r }) => ({
    dateLabel: formatDate(date, l, 'short'),
    start: r?.startTime ?? (r ? statusText(r.status) : none),
    end: r?.endTime ?? none,
    breaks: r?.endTime && r.breakMinutes ? formatMinutes(r.breakMinutes, l) : none,
    workingTime: r?.workingMinutes !== undefined ? formatMinutes(r.workingMinutes, l) : none,
    violations: r ? String(r.violations.length) : none,
    hasViolations: (r?.violations.length ?? 0) > 0,
    reminders: reminderCell(reminders.get(date), none),
    pledgePending: r?.pledgePending ?? false,
  }));
  const sum = (k: keyof ReminderDayCount) => week.days.reduce((n, d) => n + (reminders.get(d.date)?.[k] ?? 0), 0);
  return renderCheckinCard(
    'my-week',
    {
      weekLabel: formatTimeRange(formatDate(week.weekStart, l, 'short'), formatDate(week.weekEnd, l, 'short'), l),
      days,
      anyPledgePending: days.some((d) => d.pledgePending),
      total: {
        workingTime: formatMinutes(week.totals.workingMinutes, l),
        violations: String(week.totals.violationCount),
        reminders: reminderCell({ sent: sum('sent'), answered: sum('answered') }, none),
      },
      law: law?.facts,
      lawNote: law?.note,
    },
    l,
  );
}
