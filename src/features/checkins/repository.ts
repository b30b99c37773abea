import type { EndAnswers, StartAnswers, ViolationKind } from '../../domain/checkins/model';
import type { UserScheduleOverride } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { rowMapper } from '../../store/rows';
import type { ScheduleRow } from '../../store/users';

export type CheckinStatus = 'started' | 'ended' | 'day_off' | 'office';

export interface CheckinRecord {
  readonly userId: string;
  readonly workDate: string;
  readonly tenantId: string;
  readonly status: CheckinStatus;
  readonly startAnswers?: StartAnswers;
  readonly endAnswers?: EndAnswers;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly breakMinutes?: number;
  readonly workingMinutes?: number;
  readonly lateNightMinutes?: number;
  readonly revision: number;
  readonly violations: ViolationKind[];
  /** Checked in before the person accepted the current guideline's pledge 誓約書. */
  readonly pledgePending: boolean;
}

interface Row {
  user_id: string;
  work_date: string;
  tenant_id: string;
  status: CheckinStatus;
  start_answers: StartAnswers | null;
  end_answers: EndAnswers | null;
  start_time: string | null;
  end_time: string | null;
  break_minutes: number | null;
  working_minutes: number | null;
  late_night_minutes: number | null;
  revision: number;
  violations: ViolationKind[] | null;
  pledge_pending: boolean;
}

const SELECT = `select c.*, coalesce((select array_agg(v.kind order by v.kind) from violations v
  where v.user_id = c.user_id and v.work_date = c.work_date), '{}') as violations from checkins c`;

const toRecord: (row: Row) => CheckinRecord = rowMapper<Row>()(
  ['user_id', 'work_date', 'tenant_id', 'status', 'start_answers', 'end_answers', 'start_time', 'end_time',
    'break_minutes', 'working_minutes', 'late_night_minutes', 'revision', 'violations', 'pledge_pending'],
  { violations: (kinds) => kinds ?? [] },
);

export interface Times {
  breakMinutes?: number;
  workingMinutes?: number;
  lateNightMinutes?: number;
}

export const checkinsRepo = {
  async get(ex: Executor, userId: string, workDate: string): Promise<CheckinRecord | undefined> {
    const r = await ex.query<Row>(`${SELECT} where c.user_id = $1 and c.work_date = $2`, [userId, workDate]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  },

  /**
   * The day's record with its row locked until the transaction ends (nothing when there is no row yet).
   * Every writer of a day's check-in violations reads it so first: the violations read here stay true.
   */
  async getForUpdate(tx: Executor, userId: string, workDate: string): Promise<CheckinRecord | undefined> {
    const r = await tx.query<Row>(`${SELECT} where c.user_id = $1 and c.work_date = $2 for update of c`, [userId, workDate]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  },

  async listRange(ex: Executor, userId: string, from: string, toInclusive: string): Promise<CheckinRecord[]> {
    const r = await ex.query<Row>(`${SELECT} where c.user_id = $1 and c.work_date between $2 and $3 order by c.work_date`, [
      userId,
      from,
      toInclusive,
    ]);
    return r.rows.map(toRecord);
  },

  /** Upserts the start answers; a second answer for the same day updates the row. */
  async saveStart(
    ex: Executor,
    params: { userId: string; tenantId: string; workDate: string; answers: StartAnswers; times: Times; pledgePending?: boolean },
  ): Promise<{ revision: number; created: boolean; record: CheckinRecord }> {
    const r = await ex.query<Row & { created: boolean }>(
      `insert into checkins (user_id, work_date, tenant_id, status, start_answers, start_time, started_at,
         break_minutes, working_minutes, late_night_minutes, pledge_pending)
       values ($1, $2, $3, 'started', $4, $5, now(), $6, $7, $8, $9)
       on conflict (user_id, work_date) do update set start_answers = excluded.start_answers,
         start_time = excluded.start_time, started_at = coalesce(checkins.started_at, excluded.started_at),
         status = case when checkins.status = 'ended' then 'ended' else 'started' end,
         break_minutes = coalesce(excluded.break_minutes, checkins.break_minutes),
         working_minutes = excluded.working_minutes, late_night_minutes = excluded.late_night_minutes,
         pledge_pending = checkins.pledge_pending or excluded.pledge_pending,
         revision = checkins.revision + 1, updated_at = now()
       returning *, null as violations, (xmax = 0) as created`,
      [params.userId, params.workDate, params.tenantId, JSON.stringify(params.answers), params.answers.startTime, params.times.breakMinutes ?? null,
        params.times.workingMinutes ?? null, params.times.lateNightMinutes ?? null, params.pledgePending ?? false],
    );
    const row = r.rows[0] as Row & { created: boolean };
    // The violations are the caller's to know (replaceViolations): the record comes without them.
    return { revision: row.revision, created: row.created, record: toRecord(row) };
  },

  async saveEnd(
    ex: Executor,
    params: { userId: string; tenantId: string; workDate: string; answers: EndAnswers; times: Times },
  ): Promise<{ revision: number; record: CheckinRecord }> {
    const r = await ex.query<Row>(
      `update checkins set end_answers = $3, end_time = $4, ended_at = coalesce(ended_at, now()), status = 'ended',
         break_minutes = $5, working_minutes = $6, late_night_minutes = $7, revision = revision + 1, updated_at = now()
       where user_id = $1 and work_date = $2 returning *, null as violations`,
      [params.userId, params.workDate, JSON.stringify(params.answers), params.answers.endTime, params.times.breakMinutes ?? null,
        params.times.workingMinutes ?? null, params.times.lateNightMinutes ?? null],
    );
    const row = r.rows[0];
    if (!row) throw new Error('saveEnd without a start row');
    return { revision: row.revision, record: toRecord(row) };
  },

  /** "Not working today" / "office day": ends the day's reminders; never overwrites a real check-in. */
  async saveDayStatus(ex: Executor, params: { userId: string; tenantId: string; workDate: string; status: 'day_off' | 'office' }): Promise<CheckinStatus> {
    const r = await ex.query<{ status: CheckinStatus }>(
      `insert into checkins (user_id, work_date, tenant_id, status) values ($1, $2, $3, $4)
       on conflict (user_id, work_date) do update set
         status = case when checkins.status in ('started', 'ended') then checkins.status else excluded.status end,
         revision = checkins.revision + 1, updated_at = now()
       returning status`,
      [params.userId, params.workDate, params.tenantId, params.status],
    );
    return (r.rows[0] as { status: CheckinStatus }).status;
  },

  /**
   * Replaces the violations of one phase (start or end kinds) with the current ones. `stored`: the
   * day's violations as read with its row locked (getForUpdate; [] when the caller's own upsert created
   * the row); a write that would change nothing is skipped. Without it every statement runs.
   */
  async replaceViolations(
    ex: Executor,
    params: {
      userId: string; tenantId: string; workDate: string; phaseKinds: readonly ViolationKind[];
      current: readonly { kind: ViolationKind; ruleRef: string }[]; stored?: readonly ViolationKind[];
    },
  ): Promise<void> {
    const keep = params.current.map((v) => v.kind);
    const { stored } = params;
    if (!stored || stored.some((k) => params.phaseKinds.includes(k) && !keep.includes(k))) {
      await ex.query(
        `delete from violations where user_id = $1 and work_date = $2 and kind = any($3::text[]) and not (kind = any($4::text[]))`,
        [params.userId, params.workDate, params.phaseKinds, keep],
      );
    }
    for (const v of params.current) {
      if (stored?.includes(v.kind)) continue;
      await ex.query(
        `insert into violations (user_id, work_date, kind, tenant_id, rule_ref) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [params.userId, params.workDate, v.kind, params.tenantId, v.ruleRef],
      );
    }
  },

  /**
   * Retention (RETENTION_CHECKIN_COMMENTS_DAYS, issue 18): the free-text comment of check-ins last
   * changed before `before`. The times, breaks and answers stay (労働基準法109条 working-time records).
   */
  async redactComments(ex: Executor, before: Date, limit: number): Promise<number> {
    const r = await ex.query(
      `update checkins c set start_answers = c.start_answers - 'comment', end_answers = c.end_answers - 'comment'
         from (select user_id, work_date from checkins
                where updated_at < $1 and (start_answers ->> 'comment' is not null or end_answers ->> 'comment' is not null)
                order by updated_at limit $2 for update skip locked) old
        where c.user_id = old.user_id and c.work_date = old.work_date returning c.user_id`,
      [before, limit],
    );
    return r.rows.length;
  },
};


/**
 * The ledger of planned check-in slots (job_plan): one row per (kind, instant), written in the same
 * transaction as its timed slot job, so planning again never creates a second job for the same slot.
 */
export const plannedSendsRepo = {
  /** Keys starting with `prefix` of jobs planned to run at or after `from`. */
  async keysFrom(ex: Executor, from: Date, prefix: string): Promise<Set<string>> {
    const r = await ex.query<{ key: string }>("select key from job_plan where key like $2 || '%' and run_at >= $1", [from, prefix]);
    return new Set(r.rows.map((row) => row.key));
  },

  /** Records a planned job; false when another planner (or an earlier run) already did. */
  async record(ex: Executor, params: { key: string; jobName: string; runAt: Date }): Promise<boolean> {
    const r = await ex.query('insert into job_plan (key, job_name, run_at) values ($1, $2, $3) on conflict do nothing returning key', [
      params.key,
      params.jobName,
      params.runAt,
    ]);
    return r.rows.length > 0;
  },

  /** Every active person's id and schedule fields (only these columns: read for 100,000 people at once). */
  async activePeople(ex: Executor): Promise<(ScheduleRow & { readonly id: string })[]> {
    const r = await ex.query<{ id: string; time_zone: string; schedule: UserScheduleOverride | null }>(
      'select id, time_zone, schedule from users where active',
    );
    return r.rows.map((row) => ({ id: row.id, timeZone: row.time_zone, schedule: row.schedule }));
  },
};
