import type { Executor } from '../../store/db';
import { rowMapper } from '../../store/rows';
import type { Round } from './repository';

// The console's read model of a round (docs/console.md): every recipient's delivery state and
// outcome in one query, grouped. The outcome keys are the chat tally's (tally-repository.ts
// statusCounts), so the tab, the chat card and the CSV count the same people the same way.

/** How far a person's safety card got; "answered" wins over every delivery state. */
export const DELIVERY_STATES = ['queued', 'sent', 'read', 'answered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The chat tally's keys: own answer, else the phone result, else pending. */
export const OUTCOMES = ['safe', 'minor_injury', 'serious_injury', 'needs_help', 'reached_safe', 'reached_injured', 'unreachable', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface StateGroup {
  readonly department: string;
  readonly prefecture: string;
  readonly delivery: DeliveryState;
  readonly outcome: Outcome;
  readonly n: number;
}

/** Whose recipients a view counts: the whole round (admins) or one manager's direct reports. */
export type RecipientFilter = { readonly managerId?: string };

const PER_RECIPIENT = `
  with d as (
    select recipient_id,
      bool_or(read_at is not null) as read,
      bool_or(status = 'sent') as sent,
      bool_or(status in ('queued', 'claimed', 'sending', 'retrying')) as waiting,
      bool_or(status = 'failed') as failed,
      min(sent_at) as first_sent_at
    from deliveries where batch_id = $1 and kind = 'send' group by recipient_id)
  select x.user_id, u.name, u.email, coalesce(x.department, '—') as department,
    coalesce(u.office_prefecture, u.home_prefecture, '—') as prefecture,
    case when x.status <> 'pending' then 'answered' when d.read then 'read' when d.sent then 'sent'
         when d.waiting or d.recipient_id is null then 'queued' else 'failed' end as delivery,
    case when x.status = 'answered' then x.own_status
         when x.reached_result = 'safe' then 'reached_safe'
         when x.reached_result = 'injured' then 'reached_injured'
         when x.reached_result = 'unreachable' then 'unreachable'
         else 'pending' end as outcome,
    d.first_sent_at, x.manager_id, m.name as manager_name, m.email as manager_email, x.reached_result, u.time_zone
  from round_recipients x join users u on u.id = x.user_id
    left join users m on m.id = x.manager_id and m.tenant_id = u.tenant_id
    left join d on d.recipient_id = x.user_id
  where x.round_id = $2 and ($3::text is null or x.manager_id = $3)`;

export interface AttentionRow {
  readonly userId: string;
  readonly name: string;
  readonly email?: string;
  readonly department: string;
  readonly delivery: DeliveryState;
  readonly outcome: Outcome;
  readonly firstSentAt?: Date;
  readonly managerId?: string;
  readonly managerName?: string;
  readonly managerEmail?: string;
  /** A start-of-work check-in (or "at the office") today in the person's time zone: we know where they work today. */
  readonly checkedInToday: boolean;
}

interface AttentionDbRow {
  user_id: string;
  name: string;
  email: string | null;
  department: string;
  delivery: DeliveryState;
  outcome: Outcome;
  first_sent_at: Date | null;
  manager_id: string | null;
  manager_name: string | null;
  manager_email: string | null;
  checked_in_today: boolean;
}

/**
 * Whether the person checked in today (their time zone, as the check-in's work date is): a start
 * check-in, or "at the office". Read here in SQL, not through the check-ins feature.
 */
const CHECKED_IN_TODAY = `exists (select 1 from checkins c where c.user_id = p.user_id
    and c.work_date = ($6::timestamptz at time zone p.time_zone)::date and c.status in ('started', 'ended', 'office'))`;

const toAttention: (row: AttentionDbRow) => AttentionRow = rowMapper<AttentionDbRow>()([
  'user_id', 'name', 'email', 'department', 'delivery', 'outcome', 'first_sent_at', 'manager_id', 'manager_name', 'manager_email', 'checked_in_today',
]);

export const liveRepo = {
  /** Recipients counted by department × prefecture × delivery state × outcome (a few hundred rows for 10,000 people). */
  async groups(ex: Executor, roundId: string, filter: RecipientFilter): Promise<StateGroup[]> {
    const r = await ex.query<StateGroup>(
      `select department, prefecture, delivery, outcome, count(*)::int as n from (${PER_RECIPIENT}) p group by 1, 2, 3, 4`,
      [`round:${roundId}`, roundId, filter.managerId ?? null],
    );
    return r.rows;
  },

  /**
   * Who needs someone's attention, riskiest first: asked for help, then the card has not reached
   * them (not delivered or failed), then delivered but not read, then read but no check-in today
   * (we do not know where they are), then the rest; inside each, the longest silent first.
   * `now` is the clock's time: "today" is its date in each person's time zone.
   */
  async attention(ex: Executor, roundId: string, filter: RecipientFilter & { department?: string }, limit: number, now: Date): Promise<AttentionRow[]> {
    const r = await ex.query<AttentionDbRow>(
      `select * from (select p.*, ${CHECKED_IN_TODAY} as checked_in_today from (${PER_RECIPIENT}) p
         where (p.outcome in ('pending', 'unreachable') or p.outcome = 'needs_help') and ($4::text is null or p.department = $4)) q
       order by case when q.outcome = 'needs_help' then 0 when q.delivery in ('queued', 'failed') then 1 when q.delivery = 'sent' then 2
           when not q.checked_in_today then 3 else 4 end,
         q.first_sent_at nulls first, q.name, q.user_id
       limit $5`,
      [`round:${roundId}`, roundId, filter.managerId ?? null, filter.department ?? null, limit, now],
    );
    return r.rows.map(toAttention);
  },

  /** The pending recipients of the round, optionally of one department, with their card language. */
  async pending(ex: Executor, roundId: string, department?: string): Promise<{ userId: string; locale: string }[]> {
    const r = await ex.query<{ user_id: string; locale: string }>(
      `select x.user_id, u.locale from round_recipients x join users u on u.id = x.user_id
       where x.round_id = $1 and x.status = 'pending' and ($2::text is null or coalesce(x.department, '—') = $2) order by x.user_id`,
      [roundId, department ?? null],
    );
    return r.rows.map((x) => ({ userId: x.user_id, locale: x.locale }));
  },

  /** Rounds of the tenant (or those one manager's reports are in), newest first, with answered/total. */
  async rounds(ex: Executor, tenantId: string, filter: RecipientFilter, limit: number): Promise<(Pick<Round, 'id' | 'kind' | 'isDrill' | 'status' | 'source' | 'startedAt' | 'closedAt'> & { total: number; answered: number })[]> {
    const r = await ex.query<{ id: string; kind: Round['kind']; is_drill: boolean; status: Round['status']; source: Round['source']; started_at: Date; closed_at: Date | null; total: number; answered: number }>(
      `select s.id, s.kind, s.is_drill, s.status, s.source, s.started_at, s.closed_at,
         count(x.user_id)::int as total, count(x.user_id) filter (where x.status <> 'pending')::int as answered
       from safety_rounds s join round_recipients x on x.round_id = s.id and ($2::text is null or x.manager_id = $2)
       where s.tenant_id = $1 group by s.id order by s.started_at desc limit $3`,
      [tenantId, filter.managerId ?? null, limit],
    );
    return r.rows.map((x) => ({ id: x.id, kind: x.kind, isDrill: x.is_drill, status: x.status, source: x.source, startedAt: x.started_at, closedAt: x.closed_at ?? undefined, total: x.total, answered: x.answered }));
  },
};
