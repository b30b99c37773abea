import type { ReminderAnswer, ReminderKind, ReminderReason } from '../../domain/reminders/rules';
import type { Executor } from '../../store/db';

// Every query on the reminders table. The per-person state the rules read (work days, presence,
// preferences, VPN sessions) is in state-repository.ts.

export type ReminderStatus = 'due' | 'sent' | 'answered' | 'resolved' | 'cancelled' | 'skipped';

export interface Reminder {
  readonly id: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly workDate: string;
  readonly kind: ReminderKind;
  readonly reason: ReminderReason;
  readonly seq: number;
  readonly dueAt: Date;
  readonly status: ReminderStatus;
  readonly sentAt?: Date;
  readonly answer?: ReminderAnswer;
  readonly answeredAt?: Date;
}

export type NewReminder = Omit<Reminder, 'status' | 'sentAt' | 'answer' | 'answeredAt'>;

interface Row {
  id: string;
  user_id: string;
  tenant_id: string;
  work_date: string;
  kind: ReminderKind;
  reason: ReminderReason;
  seq: number;
  due_at: Date;
  status: ReminderStatus;
  sent_at: Date | null;
  answer: ReminderAnswer | null;
  answered_at: Date | null;
}

const toReminder = (row: Row): Reminder => ({
  id: row.id,
  userId: row.user_id,
  tenantId: row.tenant_id,
  workDate: row.work_date,
  kind: row.kind,
  reason: row.reason,
  seq: row.seq,
  dueAt: new Date(row.due_at),
  status: row.status,
  sentAt: row.sent_at ? new Date(row.sent_at) : undefined,
  answer: row.answer ?? undefined,
  answeredAt: row.answered_at ? new Date(row.answered_at) : undefined,
});

const COLUMNS = 'id, user_id, tenant_id, work_date, kind, reason, seq, due_at, status, sent_at, answer, answered_at';
/** Statuses of a reminder that went out (or was about to): what "sent" counts in `my week`. */
const SENT = `('sent', 'answered', 'resolved')`;

/** Stable ids: planning the same reminder twice (a retry, another replica) finds the row already there. */
export const reminderId = (kind: ReminderKind, userId: string, workDate: string, slot: string): string => `${kind}:${userId}:${workDate}:${slot}`;

export interface OpenFilter {
  readonly userId: string;
  readonly kind: ReminderKind;
  /** Every work date when absent (a closed VPN session ends any open chain). */
  readonly workDate?: string;
  readonly reasons?: readonly ReminderReason[];
}

export const remindersRepo = {
  async get(ex: Executor, id: string): Promise<Reminder | undefined> {
    const r = await ex.query<Row>(`select ${COLUMNS} from reminders where id = $1`, [id]);
    return r.rows[0] ? toReminder(r.rows[0]) : undefined;
  },

  /** Plans a reminder; false when it exists already. */
  async plan(ex: Executor, reminder: NewReminder): Promise<boolean> {
    const r = await ex.query(
      `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (id) do nothing returning id`,
      [reminder.id, reminder.userId, reminder.tenantId, reminder.workDate, reminder.kind, reminder.reason, reminder.seq, reminder.dueAt],
    );
    return r.rows.length > 0;
  },

  /** Plans several reminders in one statement (a day's nudges); those planned already stay as they are. */
  async planMany(ex: Executor, ns: readonly NewReminder[]): Promise<void> {
    if (!ns.length) return;
    await ex.query(
      `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::int[], $8::timestamptz[])
       on conflict (id) do nothing`,
      [ns.map((n) => n.id), ns.map((n) => n.userId), ns.map((n) => n.tenantId), ns.map((n) => n.workDate), ns.map((n) => n.kind), ns.map((n) => n.reason), ns.map((n) => n.seq), ns.map((n) => n.dueAt.toISOString())],
    );
  },

  /**
   * Plans the first VPN reminder of a day. A planned signal check (the gateway's) is replaced: an end
   * answer or a newer session decides its time. A planned answer reminder or a sent one stays.
   */
  async planVpnFirst(ex: Executor, reminder: NewReminder): Promise<void> {
    await ex.query(
      `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at) values ($1, $2, $3, $4, 'vpn', $5, 1, $6)
       on conflict (id) do update set reason = excluded.reason, due_at = excluded.due_at
       where reminders.status = 'due' and reminders.reason = 'vpn_signal'`,
      [reminder.id, reminder.userId, reminder.tenantId, reminder.workDate, reminder.reason, reminder.dueAt],
    );
  },

  /** A reminder sent at once (presence): planned and sent in one row. */
  async insertSent(ex: Executor, reminder: NewReminder, sentAt: Date): Promise<boolean> {
    const r = await ex.query(
      `insert into reminders (id, user_id, tenant_id, work_date, kind, reason, seq, due_at, status, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'sent', $9) on conflict (id) do nothing returning id`,
      [reminder.id, reminder.userId, reminder.tenantId, reminder.workDate, reminder.kind, reminder.reason, reminder.seq, reminder.dueAt, sentAt],
    );
    return r.rows.length > 0;
  },

  async dueIds(ex: Executor, now: Date, limit: number): Promise<string[]> {
    const r = await ex.query<{ id: string }>(`select id from reminders where status = 'due' and due_at <= $1 order by due_at limit $2`, [now, limit]);
    return r.rows.map((row) => row.id);
  },

  /** Locks a due reminder for the sweep; undefined when another replica took it or it was closed. */
  async lockDue(ex: Executor, id: string): Promise<Reminder | undefined> {
    const r = await ex.query<Row>(`select ${COLUMNS} from reminders where id = $1 and status = 'due' for update`, [id]);
    return r.rows[0] ? toReminder(r.rows[0]) : undefined;
  },

  async markSent(ex: Executor, id: string, at: Date): Promise<void> {
    await ex.query(`update reminders set status = 'sent', sent_at = $2 where id = $1`, [id, at]);
  },

  async close(ex: Executor, id: string, status: 'cancelled' | 'skipped' | 'resolved', reason: string, at: Date): Promise<void> {
    await ex.query(`update reminders set status = $2, closed_reason = $3, closed_at = $4 where id = $1`, [id, status, reason, at]);
  },

  /** `close` for several reminders in one statement (a check-out ends the day's nudges at once). */
  async closeMany(ex: Executor, ids: readonly string[], status: 'cancelled' | 'skipped' | 'resolved', reason: string, at: Date): Promise<void> {
    if (ids.length === 0) return;
    await ex.query(`update reminders set status = $2, closed_reason = $3, closed_at = $4 where id = any($1::text[])`, [ids, status, reason, at]);
  },

  /** Planned or sent, not answered: what a vanished reason closes. */
  async open(ex: Executor, filter: OpenFilter): Promise<Reminder[]> {
    const r = await ex.query<Row>(
      `select ${COLUMNS} from reminders where user_id = $1 and kind = $2 and status in ('due', 'sent')
         and ($3::date is null or work_date = $3) and ($4::text[] is null or reason = any($4::text[])) order by seq for update`,
      [filter.userId, filter.kind, filter.workDate ?? null, filter.reasons ?? null],
    );
    return r.rows.map(toReminder);
  },

  /** Records the person's answer; a second answer keeps the first. Undefined when not the person's reminder. */
  async answer(ex: Executor, params: { id: string; userId: string; kind: ReminderKind; answer: ReminderAnswer; at: Date }): Promise<Reminder | undefined> {
    await ex.query(
      `update reminders set status = 'answered', answer = $4, answered_at = $5
       where id = $1 and user_id = $2 and kind = $3 and status in ('sent', 'resolved')`,
      [params.id, params.userId, params.kind, params.answer, params.at],
    );
    const r = await ex.query<Row>(`select ${COLUMNS} from reminders where id = $1 and user_id = $2 and kind = $3`, [params.id, params.userId, params.kind]);
    return r.rows[0] ? toReminder(r.rows[0]) : undefined;
  },

  /**
   * The last screen-lock reminder sent that day, how many presence ones were sent, and how many
   * presence rows exist at all (cancelled ones included: the next one's slot).
   */
  async screenLockDay(ex: Executor, userId: string, workDate: string): Promise<{ lastSentAt?: Date; presenceSent: number; presenceRows: number }> {
    const r = await ex.query<{ last: Date | null; presence: number; presence_rows: number }>(
      `select max(sent_at) filter (where status in ${SENT}) as last,
         count(*) filter (where reason = 'presence' and status in ${SENT})::int as presence,
         count(*) filter (where reason = 'presence')::int as presence_rows
       from reminders where user_id = $1 and work_date = $2 and kind = 'screen_lock'`,
      [userId, workDate],
    );
    const row = r.rows[0];
    return { lastSentAt: row?.last ? new Date(row.last) : undefined, presenceSent: row?.presence ?? 0, presenceRows: row?.presence_rows ?? 0 };
  },

  /** Reminders sent and answered per work day, both kinds. */
  async dayCounts(ex: Executor, userId: string, from: string, toInclusive: string): Promise<{ workDate: string; sent: number; answered: number }[]> {
    const r = await ex.query<{ work_date: string; sent: number; answered: number }>(
      `select work_date, count(*)::int as sent, count(*) filter (where status = 'answered')::int as answered from reminders
       where user_id = $1 and work_date between $2 and $3 and status in ${SENT} group by work_date order by work_date`,
      [userId, from, toInclusive],
    );
    return r.rows.map((row) => ({ workDate: row.work_date, sent: row.sent, answered: row.answered }));
  },

  /** VPN reminder chains that went out and were neither acknowledged nor closed by the gateway. */
  async unacknowledgedVpn(
    ex: Executor,
    params: { tenantId: string; from: string; toInclusive: string },
  ): Promise<{ userId: string; workDate: string; sent: number; lastSentAt: Date }[]> {
    const r = await ex.query<{ user_id: string; work_date: string; sent: number; last: Date }>(
      `select user_id, work_date, count(*)::int as sent, max(sent_at) as last from reminders
       where tenant_id = $1 and kind = 'vpn' and work_date between $2 and $3 and status in ${SENT}
       group by user_id, work_date having count(*) filter (where status in ('answered', 'resolved')) = 0
       order by work_date, user_id`,
      [params.tenantId, params.from, params.toInclusive],
    );
    return r.rows.map((row) => ({ userId: row.user_id, workDate: row.work_date, sent: row.sent, lastSentAt: new Date(row.last) }));
  },
};
