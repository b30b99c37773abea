import { csvCell } from '../../domain/shared/csv';
import type { LocalDate } from '../../domain/calendar';
import { usersRepo } from '../../store/users';
import type { DigestContext } from './context';
import { flagTexts } from './flags';
import { teamDigest } from './wellbeing';

const COLUMNS = [
  'user_id', 'name', 'department', 'report_date', 'status', 'start', 'end', 'working_minutes', 'late_night_minutes',
  'month_worked_minutes', 'month_overtime_minutes', 'month_legal_holiday_minutes', 'month_health_check_minutes', 'low_mood_run', 'missing_days', 'moods_7_days', 'flags',
] as const;

/**
 * The whole team of a manager for one digest day as CSV (teams too big for one card): statuses and
 * figures only (the month's on the law's basis), no comments: a gap's reason as text, never the person's note. In the manager's language; undefined when the manager is unknown.
 */
export async function digestCsv(ctx: DigestContext, managerId: string, localDate: LocalDate): Promise<string | undefined> {
  const manager = await usersRepo.get(ctx.db, managerId);
  if (!manager) return undefined;
  const team = await teamDigest(ctx, ctx.db, manager, localDate);
  const lines = [COLUMNS.join(',')];
  for (const m of team.members) {
    const r = m.assessment.report;
    lines.push(
      [
        m.user.id, m.user.name, m.user.department, team.reportDate, r?.status ?? 'none', r?.startTime, r?.endTime, r?.workingMinutes, r?.lateNightMinutes,
        m.assessment.month.workedMinutes, m.assessment.month.overtimeMinutes, m.assessment.month.legalHolidayMinutes, m.assessment.month.healthCheckMinutes, m.assessment.lowMoodRun, m.assessment.missing.length,
        m.assessment.moods.map((v) => v ?? '').join(' '), flagTexts(m, ctx, manager.locale, false).join(' / '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
