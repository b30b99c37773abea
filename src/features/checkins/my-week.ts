import { COMMON_STRINGS } from '../../cards/strings';
import { formatDate, formatMinutes } from '../../cards/format';
import type { AdaptiveCardJson } from '../../cards/render';
import { addDays, startOfWeek, type LocalDate } from '../../domain/calendar';
import { scheduleFor } from '../../domain/checkins/schedule';
import { summarizeWeek } from '../../domain/checkins/week';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import { weekdayNumber, type LawPolicy, type MonthAssessment } from '../../domain/worktime/law';
import { assessmentStart, assessRecords, monthSoFar, personLawPolicy } from '../../domain/worktime/month';
import type { WorkDayRecord } from '../../domain/worktime/records';
import type { Executor } from '../../store/db';
import { checkinsRepo, type CheckinRecord } from './repository';
import { checkinText } from './texts';
import { myWeekView, type LawFacts } from './views';

/** Reminders sent and answered per work day (the reminders feature's, handed in by the composition root). */
export type ReminderCounts = (userId: string, from: string, toInclusive: string) => Promise<readonly { workDate: string; sent: number; answered: number }[]>;

/** A stored check-in as the law engine's record (the same conversion the digests' repository makes in SQL). */
function workDayRecord(record: CheckinRecord): WorkDayRecord {
  const e = record.endAnswers;
  const pairs = e ? [[e.break1Start, e.break1End], [e.break2Start, e.break2End]] : [];
  return {
    date: record.workDate, status: record.status, startTime: record.startTime, endTime: record.endTime, breakMinutes: record.breakMinutes,
    breaks: pairs.flatMap(([start, end]) => (start && end ? [{ start, end }] : [])), workingMinutes: record.workingMinutes, lateNightMinutes: record.lateNightMinutes,
  };
}

const weekdayName = (name: LawPolicy['weekStartsOn'], locale: Locale): string =>
  checkinText(locale, 'lawWeekday', { wd: COMMON_STRINGS[locale].calendar.weekdays[weekdayNumber(name)] });

/**
 * The week's and the month's figures on the law's basis, from the same engine and spans as the
 * digests: 時間外, 休日労働 and 深夜 of the card's Monday–Sunday, the month's 時間外 and 安衛法 basis so far.
 */
function lawFacts(records: readonly CheckinRecord[], policy: LawPolicy, monday: LocalDate, today: LocalDate, locale: Locale): LawFacts {
  const sunday = addDays(monday, 6);
  const workDays = records.map(workDayRecord);
  const week = assessRecords(workDays, policy, sunday).flatMap((m: MonthAssessment) => m.days).filter((d) => d.date >= monday && d.date <= sunday);
  const sum = (pick: (d: (typeof week)[number]) => number): string => formatMinutes(week.reduce((total, d) => total + pick(d), 0), locale);
  const month = monthSoFar(workDays, policy, today);
  const facts = [
    // Under flextime 時間外 exists per settlement period only, so the week has none to show.
    ...(policy.flex ? [] : [{ title: checkinText(locale, 'lawWeekOvertime'), value: sum((d) => d.overtimeMinutes) }]),
    { title: checkinText(locale, 'lawWeekHoliday'), value: sum((d) => d.legalHolidayMinutes) },
    { title: checkinText(locale, 'lawWeekLateNight'), value: sum((d) => d.lateNightMinutes) },
    { title: checkinText(locale, 'lawMonthOvertime', { date: formatDate(today, locale, 'short') }), value: formatMinutes(month.overtimeMinutes, locale) },
    { title: checkinText(locale, 'lawMonthHealth'), value: formatMinutes(month.healthCheckMinutes, locale) },
  ];
  const holiday = policy.legalHoliday === 'unspecified' ? checkinText(locale, 'lawHolidayUnspecified') : weekdayName(policy.legalHoliday, locale);
  const note = policy.flex
    ? checkinText(locale, 'lawNoteFlex', { months: policy.flex.settlementMonths })
    : checkinText(locale, 'lawNoteFixed', { limit: policy.weeklyLimitHours, weekStart: weekdayName(policy.weekStartsOn, locale), holiday });
  return { facts, note };
}

/**
 * The user's Monday–Sunday week around `day`, as the `my week` card; with the company's law policy,
 * the week's and the month's figures on the law's basis too (records read back as far as the engine
 * needs: the week, flextime period and agreement year around them).
 */
export async function myWeekCard(ex: Executor, user: User, day: string, reminderCounts?: ReminderCounts, law?: LawPolicy): Promise<AdaptiveCardJson> {
  const monday = startOfWeek(day);
  const sunday = addDays(monday, 6);
  const policy = law ? personLawPolicy(law, { timeZone: scheduleFor(user, []).timeZone, flex: user.schedule?.flex }) : undefined;
  const from = policy ? [assessmentStart(day, policy), monday].reduce((a, b) => (a < b ? a : b)) : monday;
  const records = await checkinsRepo.listRange(ex, user.id, from, sunday);
  const reminders = new Map((await reminderCounts?.(user.id, monday, sunday))?.map((c) => [c.workDate, c]));
  const week = records.filter((r) => r.workDate >= monday);
  const facts = policy ? lawFacts(records, policy, monday, day, user.locale) : undefined;
  return myWeekView(user, summarizeWeek(week, monday), reminders, facts);
}
