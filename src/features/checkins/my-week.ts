import { formatDate, formatMinutes, formatTimeRange } from '../../cards/format';
import { renderCard, type AdaptiveCardJson } from '../../cards/render';
import type { MyWeekRow } from '../../cards/types';
import { addDays, startOfWeek } from '../../domain/calendar';
import { summarizeWeek } from '../../domain/checkins/week';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { checkinsRepo } from './repository';

const DASH = '—';

/** The user's Monday–Sunday week around `day`, as the `my week` card. */
export async function myWeekCard(ex: Executor, user: User, day: string): Promise<AdaptiveCardJson> {
  const monday = startOfWeek(day);
  const records = await checkinsRepo.listRange(ex, user.id, monday, addDays(monday, 6));
  const week = summarizeWeek(records, monday);
  const l = user.locale;
  const statusText = (s: string) =>
    s === 'day_off' ? (l === 'ja' ? '休み' : 'Off') : s === 'office' ? (l === 'ja' ? '出社' : 'Office') : DASH;
  const days: MyWeekRow[] = week.days.map(({ date, record: r }) => ({
    dateLabel: formatDate(date, l, 'short'),
    start: r?.startTime ?? (r ? statusText(r.status) : DASH),
    end: r?.endTime ?? DASH,
    breaks: r?.endTime && r.breakMinutes ? formatMinutes(r.breakMinutes, l) : DASH,
    workingTime: r?.workingMinutes !== undefined ? formatMinutes(r.workingMinutes, l) : DASH,
    violations: r ? String(r.violations.length) : DASH,
    hasViolations: (r?.violations.length ?? 0) > 0,
  }));
  return renderCard(
    'my-week',
    {
      weekLabel: formatTimeRange(formatDate(monday, l, 'short'), formatDate(week.weekEnd, l, 'short'), l),
      days,
      total: { workingTime: formatMinutes(week.totals.workingMinutes, l), violations: String(week.totals.violationCount) },
    },
    l,
  );
}
