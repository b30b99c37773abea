import type { DayStatus } from '../../domain/checkins/week';
import type { Executor } from '../../store/db';

// The per-person state the reminder rules read: work days (from the check-in hooks), last presence,
// preferences and the VPN gateway's last word.

export interface Workday {
  readonly userId: string;
  readonly workDate: string;
  readonly status: DayStatus;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
}

interface WorkdayRow {
  user_id: string;
  work_date: string;
  status: DayStatus;
  started_at: Date | null;
  ended_at: Date | null;
}

const toWorkday = (row: WorkdayRow): Workday => ({
  userId: row.user_id,
  workDate: row.work_date,
  status: row.status,
  startedAt: row.started_at ? new Date(row.started_at) : undefined,
  endedAt: row.ended_at ? new Date(row.ended_at) : undefined,
});

interface DayKey {
  readonly userId: string;
  readonly tenantId: string;
  readonly workDate: string;
}

export const workdaysRepo = {
  async get(ex: Executor, userId: string, workDate: string): Promise<Workday | undefined> {
    const r = await ex.query<WorkdayRow>('select * from reminder_workdays where user_id = $1 and work_date = $2', [userId, workDate]);
    return r.rows[0] ? toWorkday(r.rows[0]) : undefined;
  },

  /** Start answers recorded (again): an ended day stays ended, as in the check-ins. Returns the status. */
  async start(ex: Executor, day: DayKey, at: Date): Promise<DayStatus> {
    const r = await ex.query<{ status: DayStatus }>(
      `insert into reminder_workdays (user_id, work_date, tenant_id, status, started_at) values ($1, $2, $3, 'started', $4)
       on conflict (user_id, work_date) do update set started_at = coalesce(reminder_workdays.started_at, excluded.started_at),
         status = case when reminder_workdays.status = 'ended' then 'ended' else 'started' end
       returning status`,
      [day.userId, day.workDate, day.tenantId, at],
    );
    return (r.rows[0] as { status: DayStatus }).status;
  },

  /** End answers recorded; the first end time counts (an edit does not move it). */
  async end(ex: Executor, day: DayKey, at: Date): Promise<Workday> {
    const r = await ex.query<WorkdayRow>(
      `insert into reminder_workdays (user_id, work_date, tenant_id, status, ended_at) values ($1, $2, $3, 'ended', $4)
       on conflict (user_id, work_date) do update set status = 'ended', ended_at = coalesce(reminder_workdays.ended_at, excluded.ended_at)
       returning *`,
      [day.userId, day.workDate, day.tenantId, at],
    );
    return toWorkday(r.rows[0] as WorkdayRow);
  },

  async setDayStatus(ex: Executor, day: DayKey, status: 'day_off' | 'office'): Promise<void> {
    await ex.query(
      `insert into reminder_workdays (user_id, work_date, tenant_id, status) values ($1, $2, $3, $4)
       on conflict (user_id, work_date) do update set status = excluded.status`,
      [day.userId, day.workDate, day.tenantId, status],
    );
  },

  /** Days started and not ended, from `since` on: the people whose presence is worth reading. */
  async working(ex: Executor, since: string): Promise<Workday[]> {
    const r = await ex.query<WorkdayRow>(`select * from reminder_workdays where status = 'started' and work_date >= $1`, [since]);
    return r.rows.map(toWorkday);
  },
};

export interface SeenPresence {
  readonly availability: string;
  readonly seenAt: Date;
}

export interface PresenceUpdate {
  readonly userId: string;
  readonly availability: string;
  readonly activity?: string;
}

export const presenceRepo = {
  async seen(ex: Executor, userIds: readonly string[]): Promise<Map<string, SeenPresence>> {
    const r = await ex.query<{ user_id: string; availability: string; seen_at: Date }>(
      'select user_id, availability, seen_at from presence_seen where user_id = any($1::text[])',
      [userIds],
    );
    return new Map(r.rows.map((row) => [row.user_id, { availability: row.availability, seenAt: new Date(row.seen_at) }]));
  },

  /** Stores many observations in one statement. */
  async saveMany(ex: Executor, updates: readonly PresenceUpdate[], at: Date): Promise<void> {
    if (!updates.length) return;
    await ex.query(
      `insert into presence_seen (user_id, availability, activity, seen_at)
       select * from unnest($1::text[], $2::text[], $3::text[], array_fill($4::timestamptz, array[$5::int]))
       on conflict (user_id) do update set availability = excluded.availability, activity = excluded.activity, seen_at = excluded.seen_at`,
      [updates.map((u) => u.userId), updates.map((u) => u.availability), updates.map((u) => u.activity ?? null), at, updates.length],
    );
  },

  /**
   * Stores an observation only if the stored one is still `previous`: of two replicas seeing the same
   * change, one wins and reminds.
   */
  async replace(ex: Executor, update: PresenceUpdate, previous: SeenPresence, at: Date): Promise<boolean> {
    const r = await ex.query(
      `update presence_seen set availability = $2, activity = $3, seen_at = $4 where user_id = $1 and availability = $5 and seen_at = $6 returning user_id`,
      [update.userId, update.availability, update.activity ?? null, at, previous.availability, previous.seenAt],
    );
    return r.rows.length > 0;
  },
};

export const preferencesRepo = {
  /** Whether the person gets the second and later scheduled nudges (default yes). */
  async laterNudges(ex: Executor, userId: string): Promise<boolean> {
    const r = await ex.query<{ later_nudges: boolean }>('select later_nudges from reminder_preferences where user_id = $1', [userId]);
    return r.rows[0]?.later_nudges ?? true;
  },

  async setLaterNudges(ex: Executor, userId: string, on: boolean): Promise<void> {
    await ex.query(
      `insert into reminder_preferences (user_id, later_nudges) values ($1, $2)
       on conflict (user_id) do update set later_nudges = excluded.later_nudges, updated_at = now()`,
      [userId, on],
    );
  },
};

export interface VpnSession {
  readonly open: boolean;
  readonly openedAt?: Date;
  readonly lastEventAt: Date;
}

export const vpnSessionsRepo = {
  async get(ex: Executor, userId: string): Promise<VpnSession | undefined> {
    const r = await ex.query<{ state: 'open' | 'closed'; opened_at: Date | null; last_event_at: Date }>(
      'select state, opened_at, last_event_at from vpn_sessions where user_id = $1',
      [userId],
    );
    const row = r.rows[0];
    return row ? { open: row.state === 'open', openedAt: row.opened_at ? new Date(row.opened_at) : undefined, lastEventAt: new Date(row.last_event_at) } : undefined;
  },

  /**
   * Records a gateway event unless a later one (or this one) is already recorded: events may arrive
   * out of order or twice. True when it changed the state.
   */
  async record(ex: Executor, event: { userId: string; tenantId: string; open: boolean; eventId: string; occurredAt: Date }): Promise<boolean> {
    const r = await ex.query(
      `insert into vpn_sessions (user_id, tenant_id, state, opened_at, last_event_id, last_event_at)
       values ($1, $2, $3, case when $3 = 'open' then $5::timestamptz end, $4, $5)
       on conflict (user_id) do update set state = excluded.state,
         opened_at = case when excluded.state = 'open' then excluded.opened_at else vpn_sessions.opened_at end,
         last_event_id = excluded.last_event_id, last_event_at = excluded.last_event_at
       where vpn_sessions.last_event_at < excluded.last_event_at
          or (vpn_sessions.last_event_at = excluded.last_event_at and vpn_sessions.last_event_id < excluded.last_event_id)
       returning user_id`,
      [event.userId, event.tenantId, event.open ? 'open' : 'closed', event.eventId, event.occurredAt],
    );
    return r.rows.length > 0;
  },
};
