import type { ViolationKind } from '../../domain/checkins/model';
import type { WorkDayRecord } from '../../domain/worktime/records';
import type { Executor } from '../../store/db';
import { rowMapper } from '../../store/rows';

interface RecordRow {
  user_id: string;
  work_date: string;
  status: WorkDayRecord['status'];
  start_time: string | null;
  end_time: string | null;
  working_minutes: number | null;
  late_night_minutes: number | null;
  break_minutes: number | null;
  breaks: { break1Start?: string; break1End?: string; break2Start?: string; break2End?: string } | null;
  mood: number | null;
}

/** The end card's breaks with both times given (the law engine takes only those out of the 深夜 minutes). */
function knownBreaks(breaks: RecordRow['breaks']): { start: string; end: string }[] {
  if (!breaks) return [];
  const pairs = [[breaks.break1Start, breaks.break1End], [breaks.break2Start, breaks.break2End]];
  return pairs.flatMap(([start, end]) => (start && end ? [{ start, end }] : []));
}

const dayFields = rowMapper<RecordRow>()(
  ['status', 'start_time', 'end_time', 'working_minutes', 'late_night_minutes', 'break_minutes', 'breaks', 'mood'],
  { breaks: knownBreaks },
);
const toDay = (row: RecordRow): WorkDayRecord => ({ date: row.work_date, ...dayFields(row) });

/** A digest recipient as the planner needs it. */
export interface RecipientRow {
  readonly id: string;
  readonly tenantId: string;
  readonly timeZone: string;
  readonly schedule: { startTime?: string; endTime?: string; workdays?: readonly number[]; timeZone?: string } | null;
}

/** Reads of the check-in, user and delivery tables, and the digest ledgers (011_digests.sql). */
export const digestsRepo = {
  /** Active people with at least one active report, and the security team (`securityIds`: the roles service's, every tenant). */
  async recipients(ex: Executor, securityIds: readonly string[]): Promise<RecipientRow[]> {
    const r = await ex.query<{ id: string; tenant_id: string; time_zone: string; schedule: RecipientRow['schedule'] }>(
      `select u.id, u.tenant_id, u.time_zone, u.schedule from users u
       where u.active and (u.id = any($1::text[]) or u.id in (select manager_id from users where active and manager_id is not null))
       order by u.id`,
      [securityIds],
    );
    return r.rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, timeZone: row.time_zone, schedule: row.schedule }));
  },

  /** Active reports of a manager in the tenant: direct, or the whole chain below (bounded, cycles cut). */
  async reportIds(ex: Executor, params: { tenantId: string; managerId: string; indirect: boolean }): Promise<string[]> {
    const r = params.indirect
      ? await ex.query<{ id: string }>(
          `with recursive chain (id, depth) as (
             select id, 1 from users where manager_id = $1 and tenant_id = $2 and active
             union
             select u.id, c.depth + 1 from users u join chain c on u.manager_id = c.id
             where u.tenant_id = $2 and u.active and c.depth < 20 and u.id <> $1)
           select distinct id from chain order by id`,
          [params.managerId, params.tenantId],
        )
      : await ex.query<{ id: string }>('select id from users where manager_id = $1 and tenant_id = $2 and active order by id', [params.managerId, params.tenantId]);
    return r.rows.map((row) => row.id);
  },

  /**
   * Check-in days of the people between the dates (both included); mood is the day's latest answer.
   * Every row as stored: the law's figures are computed from them on each read (nothing migrated).
   */
  async records(ex: Executor, userIds: readonly string[], from: string, to: string): Promise<Map<string, WorkDayRecord[]>> {
    const r = await ex.query<RecordRow>(
      `select user_id, work_date, status, start_time, end_time, working_minutes, late_night_minutes, break_minutes,
         jsonb_build_object('break1Start', end_answers->>'break1Start', 'break1End', end_answers->>'break1End',
           'break2Start', end_answers->>'break2Start', 'break2End', end_answers->>'break2End') as breaks,
         coalesce((end_answers->>'mood')::int, (start_answers->>'mood')::int) as mood
       from checkins where user_id = any($1::text[]) and work_date between $2 and $3 order by user_id, work_date`,
      [userIds, from, to],
    );
    const out = new Map<string, WorkDayRecord[]>();
    for (const row of r.rows) {
      const list = out.get(row.user_id) ?? [];
      list.push(toDay(row));
      out.set(row.user_id, list);
    }
    return out;
  },

  /** The departments of a tenant's active people, null for people without one (the HR export's choices). */
  async departments(ex: Executor, tenantId: string): Promise<(string | null)[]> {
    const r = await ex.query<{ department: string | null }>(
      `select distinct nullif(department, '') as department from users where tenant_id = $1 and active order by 1 nulls last`,
      [tenantId],
    );
    return r.rows.map((row) => row.department);
  },

  /** Violations recorded for the people (or the whole tenant) between the dates. */
  async violations(ex: Executor, params: { tenantId: string; userIds?: readonly string[]; from: string; to: string }): Promise<{ userId: string; workDate: string; kind: ViolationKind }[]> {
    const r = await ex.query<{ user_id: string; work_date: string; kind: ViolationKind }>(
      `select user_id, work_date, kind from violations
       where tenant_id = $1 and work_date between $2 and $3 and ($4::text[] is null or user_id = any($4::text[]))
       order by work_date, user_id, kind`,
      [params.tenantId, params.from, params.to, params.userIds ?? null],
    );
    return r.rows.map((row) => ({ userId: row.user_id, workDate: row.work_date, kind: row.kind }));
  },

  /**
   * Records the month's 80-hour notice; false when the person already had it this month. total =
   * 時間外 + 休日労働 (36協定 basis), health_check = the 安衛法 basis the notice is about (016).
   */
  async recordNotice(ex: Executor, notice: { userId: string; tenantId: string; month: string; workedMinutes: number; overtimeMinutes: number; legalHolidayMinutes: number; healthCheckMinutes: number }): Promise<boolean> {
    const r = await ex.query(
      `insert into overtime_notices (user_id, month, tenant_id, total_minutes, overtime_minutes, holiday_minutes, worked_minutes, health_check_minutes)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning user_id`,
      [notice.userId, notice.month, notice.tenantId, notice.overtimeMinutes + notice.legalHolidayMinutes, notice.overtimeMinutes, notice.legalHolidayMinutes, notice.workedMinutes, notice.healthCheckMinutes],
    );
    return r.rows.length > 0;
  },

  async recordRun(ex: Executor, run: { recipientId: string; kind: 'wellbeing' | 'incident'; localDate: string; tenantId: string; reportDate: string; members: number; flagged: number }): Promise<boolean> {
    const r = await ex.query(
      `insert into digest_runs (recipient_id, kind, local_date, tenant_id, report_date, members, flagged)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning recipient_id`,
      [run.recipientId, run.kind, run.localDate, run.tenantId, run.reportDate, run.members, run.flagged],
    );
    return r.rows.length > 0;
  },

  /** Keys of digest slot jobs already planned to run at or after `from`. */
  async plannedKeys(ex: Executor, from: Date): Promise<Set<string>> {
    const r = await ex.query<{ key: string }>(`select key from job_plan where key like 'digest-slot:%' and run_at >= $1`, [from]);
    return new Set(r.rows.map((row) => row.key));
  },

  /** The distinct schedules of the recipients (a handful of rows however many managers there are). */
  async recipientSchedules(ex: Executor, securityIds: readonly string[]): Promise<Pick<RecipientRow, 'timeZone' | 'schedule'>[]> {
    const r = await ex.query<{ time_zone: string; schedule: RecipientRow['schedule'] }>(
      `select u.time_zone, u.schedule from users u
       where u.active and (u.id = any($1::text[]) or u.id in (select manager_id from users where active and manager_id is not null))
       group by u.time_zone, u.schedule`,
      [securityIds],
    );
    return r.rows.map((row) => ({ timeZone: row.time_zone, schedule: row.schedule }));
  },

  /** Ledger rows for many planned jobs at once; returns the keys that are new. */
  async recordPlans(ex: Executor, jobName: string, plans: readonly { key: string; runAt: Date }[]): Promise<Set<string>> {
    const r = await ex.query<{ key: string }>(
      `insert into job_plan (key, job_name, run_at) select k, $1, t from unnest($2::text[], $3::timestamptz[]) as p (k, t)
       on conflict do nothing returning key`,
      [jobName, plans.map((p) => p.key), plans.map((p) => p.runAt.toISOString())],
    );
    return new Set(r.rows.map((row) => row.key));
  },
};
