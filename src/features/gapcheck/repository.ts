import type { UserScheduleOverride } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { rowMapper } from '../../store/rows';

// The gap check's SQL: objective activity per person and work day, and one check per day.

export type ActivitySource = 'presence' | 'vpn' | 'card';

export interface Activity {
  readonly first?: Date;
  readonly last?: Date;
  readonly presenceState?: string;
}

/** One presence reading to store: `activeAt` set when the reading counts as activity. */
export interface PresenceMark {
  readonly userId: string;
  readonly workDate: string;
  readonly availability: string;
  readonly activeAt?: Date;
}

const COLUMNS: Readonly<Record<ActivitySource, readonly [string, string]>> = {
  presence: ['first_presence_at', 'last_presence_at'],
  vpn: ['first_vpn_at', 'last_vpn_at'],
  card: ['first_card_at', 'last_card_at'],
};

type TimeCell = Date | string | null;
const date = (v: TimeCell | undefined): Date | undefined => (v ? new Date(v) : undefined);

export const activityRepo = {
  /** One upsert (no transaction of its own): widens the day's first/last of one source. */
  async mark(ex: Executor, source: ActivitySource, userId: string, workDate: string, at: Date): Promise<void> {
    const [first, last] = COLUMNS[source];
    await ex.query(
      `insert into gap_activity (user_id, work_date, ${first}, ${last}) values ($1, $2, $3, $3)
       on conflict (user_id, work_date) do update set ${first} = least(gap_activity.${first}, excluded.${first}),
         ${last} = greatest(gap_activity.${last}, excluded.${last})`,
      [userId, workDate, at],
    );
  },

  /** Many presence readings in one statement: the state always, the times only when active. */
  async markPresence(ex: Executor, marks: readonly PresenceMark[]): Promise<void> {
    if (!marks.length) return;
    await ex.query(
      `insert into gap_activity (user_id, work_date, first_presence_at, last_presence_at, presence_state)
       select u, d::date, a, a, s from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) as x(u, d, a, s)
       on conflict (user_id, work_date) do update set
         first_presence_at = least(gap_activity.first_presence_at, excluded.first_presence_at),
         last_presence_at = greatest(gap_activity.last_presence_at, excluded.last_presence_at),
         presence_state = excluded.presence_state`,
      [marks.map((m) => m.userId), marks.map((m) => m.workDate), marks.map((m) => m.activeAt ?? null), marks.map((m) => m.availability)],
    );
  },

  /** The day's earliest and latest activity over every source. */
  async ofDay(ex: Executor, userId: string, workDate: string): Promise<Activity> {
    const r = await ex.query<{ first: TimeCell; last: TimeCell; presence_state: string | null }>(
      `select least(first_presence_at, first_vpn_at, first_card_at) as first, greatest(last_presence_at, last_vpn_at, last_card_at) as last, presence_state
       from gap_activity where user_id = $1 and work_date = $2`,
      [userId, workDate],
    );
    const row = r.rows[0];
    return { first: date(row?.first), last: date(row?.last), presenceState: row?.presence_state ?? undefined };
  },

  /** Last availability stored per person for these days (the after-work watch compares with it). */
  async presenceStates(ex: Executor, keys: readonly { userId: string; workDate: string }[]): Promise<Map<string, string>> {
    if (!keys.length) return new Map();
    const r = await ex.query<{ user_id: string; presence_state: string }>(
      `select a.user_id, a.presence_state from gap_activity a
       join unnest($1::text[], $2::text[]) as k(u, d) on a.user_id = k.u and a.work_date = k.d::date
       where a.presence_state is not null`,
      [keys.map((k) => k.userId), keys.map((k) => k.workDate)],
    );
    return new Map(r.rows.map((row) => [row.user_id, row.presence_state]));
  },
};

export const GAP_REASONS = ['unrecorded_work', 'forgot_to_correct', 'not_working', 'other'] as const;
export type GapReason = (typeof GAP_REASONS)[number];
export type CheckStatus = 'open' | 'planned' | 'ok' | 'asked' | 'answered' | 'cancelled';

export interface GapCheck {
  readonly userId: string;
  readonly workDate: string;
  readonly tenantId: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly status: CheckStatus;
  readonly dueAt?: Date;
  readonly startMinutes?: number;
  readonly endMinutes?: number;
  readonly minutes?: number;
  readonly reason?: GapReason;
  readonly reasonNote?: string;
  readonly answeredAt?: Date;
}

interface CheckRow {
  user_id: string;
  work_date: string;
  tenant_id: string;
  start_time: string | null;
  end_time: string | null;
  status: CheckStatus;
  due_at: TimeCell;
  start_minutes: number | null;
  end_minutes: number | null;
  minutes: number | null;
  reason: GapReason | null;
  reason_note: string | null;
  answered_at: TimeCell;
}

const toCheck: (row: CheckRow) => GapCheck = rowMapper<CheckRow>()(
  ['user_id', 'work_date', 'tenant_id', 'start_time', 'end_time', 'status', 'due_at',
    'start_minutes', 'end_minutes', 'minutes', 'reason', 'reason_note', 'answered_at'],
  { work_date: String, due_at: date, answered_at: date },
);

interface DayKey {
  readonly userId: string;
  readonly tenantId: string;
  readonly workDate: string;
}

export const checksRepo = {
  async get(ex: Executor, userId: string, workDate: string, lock = false): Promise<GapCheck | undefined> {
    const r = await ex.query<CheckRow>(`select * from gap_checks where user_id = $1 and work_date = $2${lock ? ' for update' : ''}`, [userId, workDate]);
    return r.rows[0] ? toCheck(r.rows[0]) : undefined;
  },

  /** The reported start (again: an edit moves it). */
  async reportStart(ex: Executor, day: DayKey, startTime: string): Promise<void> {
    await ex.query(
      `insert into gap_checks (user_id, work_date, tenant_id, start_time) values ($1, $2, $3, $4)
       on conflict (user_id, work_date) do update set start_time = excluded.start_time`,
      [day.userId, day.workDate, day.tenantId, startTime],
    );
  },

  /**
   * The reported end; the first end answer plans the check (true: the caller creates the job). An
   * edited end moves the time the check compares with, not the check.
   */
  async reportEnd(ex: Executor, day: DayKey, endTime: string, dueAt: Date): Promise<boolean> {
    const r = await ex.query<{ planned: boolean }>(
      `with prior as (select status from gap_checks where user_id = $1 and work_date = $2)
       insert into gap_checks (user_id, work_date, tenant_id, end_time, status, due_at) values ($1, $2, $3, $4, 'planned', $5)
       on conflict (user_id, work_date) do update set end_time = excluded.end_time,
         status = case when gap_checks.status = 'open' then 'planned' else gap_checks.status end,
         due_at = case when gap_checks.status = 'open' then excluded.due_at else gap_checks.due_at end
       returning (gap_checks.status = 'planned' and not exists (select 1 from prior where prior.status <> 'open')) as planned`,
      [day.userId, day.workDate, day.tenantId, endTime, dueAt],
    );
    return r.rows[0]?.planned === true;
  },

  async cancel(ex: Executor, userId: string, workDate: string): Promise<void> {
    await ex.query(`update gap_checks set status = 'cancelled' where user_id = $1 and work_date = $2 and status in ('open', 'planned')`, [userId, workDate]);
  },

  /**
   * Days started but not ended yet (from `since`), with the person's schedule fields: after their
   * scheduled end the gap check watches their presence until the end check-in arrives.
   */
  async openDays(ex: Executor, since: string): Promise<(GapCheck & { timeZone: string; schedule: UserScheduleOverride | null })[]> {
    const r = await ex.query<CheckRow & { time_zone: string; schedule: UserScheduleOverride | null }>(
      `select g.*, u.time_zone, u.schedule from gap_checks g join users u on u.id = g.user_id
       where g.status = 'open' and g.start_time is not null and g.work_date >= $1 and u.active`,
      [since],
    );
    return r.rows.map((row) => ({ ...toCheck(row), timeZone: row.time_zone, schedule: row.schedule }));
  },

  /** The planned checks not yet due: the people whose presence is watched after work. */
  async watched(ex: Executor, now: Date): Promise<GapCheck[]> {
    const r = await ex.query<CheckRow>(`select * from gap_checks where status = 'planned' and due_at > $1`, [now]);
    return r.rows.map(toCheck);
  },

  async settle(ex: Executor, check: Pick<GapCheck, 'userId' | 'workDate'>, result: { status: 'ok' | 'asked'; startMinutes: number; endMinutes: number; minutes: number }, at: Date): Promise<void> {
    await ex.query(
      `update gap_checks set status = $3, start_minutes = $4, end_minutes = $5, minutes = $6, checked_at = $7 where user_id = $1 and work_date = $2`,
      [check.userId, check.workDate, result.status, result.startMinutes, result.endMinutes, result.minutes, at],
    );
  },

  /** Stores the person's reason; undefined when no gap was asked about. */
  async answer(ex: Executor, answer: { userId: string; workDate: string; reason: GapReason; note?: string; at: Date }): Promise<GapCheck | undefined> {
    const r = await ex.query<CheckRow>(
      `update gap_checks set status = 'answered', reason = $3, reason_note = $4, answered_at = $5
       where user_id = $1 and work_date = $2 and status in ('asked', 'answered') returning *`,
      [answer.userId, answer.workDate, answer.reason, answer.note ?? null, answer.at],
    );
    return r.rows[0] ? toCheck(r.rows[0]) : undefined;
  },

  /** Gaps asked about (and their reasons) of these people on one day: for the manager digest. */
  async gapsOn(ex: Executor, userIds: readonly string[], workDate: string): Promise<GapCheck[]> {
    if (!userIds.length) return [];
    const r = await ex.query<CheckRow>(
      `select * from gap_checks where work_date = $2 and user_id = any($1::text[]) and status in ('asked', 'answered') order by user_id`,
      [userIds, workDate],
    );
    return r.rows.map(toCheck);
  },

  /** Retention (RETENTION_GAP_NOTES_DAYS, issue 18): the free-text note of answers given before `before`; the reason code and the times stay. */
  async redactNotes(ex: Executor, before: Date, limit: number): Promise<number> {
    const r = await ex.query(
      `update gap_checks g set reason_note = null
         from (select user_id, work_date from gap_checks where reason_note is not null and answered_at < $1 order by answered_at limit $2 for update skip locked) old
        where g.user_id = old.user_id and g.work_date = old.work_date returning g.user_id`,
      [before, limit],
    );
    return r.rows.length;
  },
};
