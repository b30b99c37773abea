import type { OwnStatus, PHONE_RESULTS, ProxyChannel, RoundKind, SafetyAnswer, ScopeKind } from '../../domain/safety/model';
import type { Executor } from '../../store/db';
import { rowMapper } from '../../store/rows';

// Every query of the rounds feature on rounds, recipients, answers and the people they select.
// The cascade steps and the live tally's queries are in tally-repository.ts.

export interface RoundScope {
  readonly scope: ScopeKind;
  readonly departments: readonly string[];
  readonly prefectures: readonly string[];
  readonly people: readonly string[];
}

export interface Round {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: RoundKind;
  readonly isDrill: boolean;
  readonly message?: string;
  readonly scope: RoundScope;
  readonly status: 'open' | 'closed' | 'cancelled';
  readonly source: 'admin' | 'jma';
  readonly eventId?: string;
  readonly maxIntensity?: string;
  readonly startedBy?: string;
  readonly startedAt: Date;
  readonly closedAt?: Date;
}

export interface RoundRow {
  id: string;
  tenant_id: string;
  kind: RoundKind;
  is_drill: boolean;
  message: string | null;
  scope: RoundScope;
  status: Round['status'];
  source: Round['source'];
  event_id: string | null;
  max_intensity: string | null;
  started_by: string | null;
  started_at: Date;
  closed_at: Date | null;
}

export const toRound: (row: RoundRow) => Round = rowMapper<RoundRow>()([
  'id', 'tenant_id', 'kind', 'is_drill', 'message', 'scope', 'status', 'source',
  'event_id', 'max_intensity', 'started_by', 'started_at', 'closed_at',
]);

export type NewRound = Omit<Round, 'status' | 'closedAt'>;

export type PhoneResult = (typeof PHONE_RESULTS)[number];

export interface RecipientRow {
  user_id: string;
  name: string;
  department: string | null;
  manager_id: string | null;
  manager_name: string | null;
  status: 'pending' | 'answered' | 'reached';
  own_status: OwnStatus | null;
  answer: SafetyAnswer | null;
  answered_at: Date | null;
  reached_result: string | null;
  locale: string;
  /** Which of the person's prefectures put them in a prefecture round (null for other scopes). */
  reached_via: 'home' | 'office' | 'today' | null;
  via_prefecture: string | null;
  /** How the latest answer arrived (null before any answer, and for answers older than issue 22). */
  answered_via: 'card' | 'email' | 'proxy' | null;
  /** For an answer recorded by a manager or admin (`answered_via = proxy`): how they reached the person, and their name. */
  proxy_how: ProxyChannel | null;
  proxy_by: string | null;
}

export const RECIPIENTS = `select x.user_id, u.name, x.department, x.manager_id, m.name as manager_name, x.status, x.own_status,
    x.answer, x.answered_at, x.reached_result, u.locale, x.reached_via, x.via_prefecture, x.answered_via,
    case when x.answered_via = 'proxy' then (select a.answers->>'how' from round_answers a
      where a.round_id = x.round_id and a.user_id = x.user_id and a.source = 'proxy' order by a.id desc limit 1) end as proxy_how,
    case when x.answered_via = 'proxy' then rb.name end as proxy_by
  from round_recipients x join users u on u.id = x.user_id left join users m on m.id = x.manager_id and m.tenant_id = u.tenant_id
    left join users rb on rb.id = x.reached_by and rb.tenant_id = u.tenant_id`;

/**
 * The users a scope selects (active users of the tenant). By prefecture: home, office, and today's
 * prefecture from the start check-in when given after `freshSince` (issue 22: people on a trip).
 */
function scopeFilter(scope: RoundScope, firstParam: number, freshSince: Date | null = null): { where: string; params: unknown[] } {
  switch (scope.scope) {
    case 'everyone':
      return { where: 'true', params: [] };
    case 'departments':
      return { where: `u.department = any($${firstParam}::text[])`, params: [scope.departments] };
    case 'prefectures':
      return {
        where: `(u.office_prefecture = any($${firstParam}::text[]) or u.home_prefecture = any($${firstParam}::text[])
          or (u.today_prefecture = any($${firstParam}::text[]) and u.today_prefecture_at >= $${firstParam + 1}::timestamptz))`,
        params: [scope.prefectures, freshSince],
      };
    case 'people':
      return { where: `u.id = any($${firstParam}::text[])`, params: [scope.people] };
  }
}

export const roundsRepo = {
  /** Ids of the open rounds this person has not answered yet. */
  async openPendingFor(ex: Executor, userId: string): Promise<string[]> {
    const r = await ex.query<{ id: string }>(
      `select s.id from round_recipients r join safety_rounds s on s.id = r.round_id
       where r.user_id = $1 and r.status = 'pending' and s.status = 'open'`,
      [userId],
    );
    return r.rows.map((x) => x.id);
  },

  /** The newest open round this person is a recipient of (answered or not). */
  async newestOpenFor(ex: Executor, userId: string): Promise<string | undefined> {
    const r = await ex.query<{ id: string }>(
      `select s.id from round_recipients r join safety_rounds s on s.id = r.round_id
       where r.user_id = $1 and s.status = 'open' order by s.started_at desc limit 1`,
      [userId],
    );
    return r.rows[0]?.id;
  },

  async get(ex: Executor, id: string): Promise<Round | undefined> {
    const r = await ex.query<RoundRow>('select * from safety_rounds where id = $1', [id]);
    return r.rows[0] ? toRound(r.rows[0]) : undefined;
  },

  async byEvent(ex: Executor, tenantId: string, eventId: string): Promise<Round | undefined> {
    const r = await ex.query<RoundRow>('select * from safety_rounds where tenant_id = $1 and event_id = $2', [tenantId, eventId]);
    return r.rows[0] ? toRound(r.rows[0]) : undefined;
  },

  async recent(ex: Executor, tenantId: string, since: Date): Promise<(Round & { answered: number })[]> {
    const r = await ex.query<RoundRow & { answered: number }>(
      `select r.*, (select count(*)::int from round_recipients x where x.round_id = r.id and x.status <> 'pending') as answered
       from safety_rounds r where r.tenant_id = $1 and r.started_at >= $2 order by r.started_at desc`,
      [tenantId, since],
    );
    return r.rows.map((x) => ({ ...toRound(x), answered: x.answered }));
  },

  async countScope(ex: Executor, tenantId: string, scope: RoundScope, freshSince: Date | null = null): Promise<number> {
    const f = scopeFilter(scope, 2, freshSince);
    const r = await ex.query<{ n: number }>(`select count(*)::int as n from users u where u.active and u.tenant_id = $1 and ${f.where}`, [tenantId, ...f.params]);
    return r.rows[0]?.n ?? 0;
  },

  async recipients(ex: Executor, roundId: string, status?: RecipientRow['status']): Promise<RecipientRow[]> {
    const r = await ex.query<RecipientRow>(
      `${RECIPIENTS} where x.round_id = $1 and ($2::text is null or x.status = $2) order by x.department nulls last, u.name, x.user_id`,
      [roundId, status ?? null],
    );
    return r.rows;
  },

  async recipient(ex: Executor, roundId: string, userId: string): Promise<RecipientRow | undefined> {
    const rows = await ex.query<RecipientRow>(`${RECIPIENTS} where x.round_id = $1 and x.user_id = $2`, [roundId, userId]);
    return rows.rows[0];
  },

  async markTallyDirty(ex: Executor, roundId: string): Promise<void> {
    await ex.query('update safety_rounds set tally_dirty = true where id = $1', [roundId]);
  },
  /** Delivery outcomes came in: the open rounds' tallies are refreshed on the next tick. */
  async markTalliesDirty(ex: Executor, roundIds: readonly string[]): Promise<void> {
    await ex.query(`update safety_rounds set tally_dirty = true where id = any($1::uuid[]) and status = 'open' and not tally_dirty`, [roundIds]);
  },

  async insert(ex: Executor, round: NewRound): Promise<void> {
    await ex.query(
      `insert into safety_rounds (id, tenant_id, kind, is_drill, message, scope, source, event_id, max_intensity, prefectures, started_by, started_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [round.id, round.tenantId, round.kind, round.isDrill, round.message ?? null, JSON.stringify(round.scope), round.source, round.eventId ?? null, round.maxIntensity ?? null, round.scope.prefectures, round.startedBy ?? null, round.startedAt],
    );
  },

  /** Makes the active users the scope selects recipients of the round; returns how many were new. */
  async addRecipients(ex: Executor, round: { id: string; tenantId: string }, scope: RoundScope, freshSince: Date | null = null): Promise<number> {
    const f = scopeFilter(scope, 3, freshSince);
    // Which prefecture put the person in (today's first: that is where they are), for the tally and CSV.
    const via = scope.scope === 'prefectures'
      ? `case when u.today_prefecture = any($3::text[]) and u.today_prefecture_at >= $4::timestamptz then 'today'
           when u.office_prefecture = any($3::text[]) then 'office' else 'home' end`
      : 'null';
    const viaPrefecture = scope.scope === 'prefectures'
      ? `case when u.today_prefecture = any($3::text[]) and u.today_prefecture_at >= $4::timestamptz then u.today_prefecture
           when u.office_prefecture = any($3::text[]) then u.office_prefecture else u.home_prefecture end`
      : 'null';
    // Counted in the database: 10,000 ids need not travel back (the start of a round waits for this).
    const r = await ex.query<{ n: number }>(
      `with added as (
         insert into round_recipients (round_id, user_id, manager_id, department, reached_via, via_prefecture)
         select $1, u.id, u.manager_id, u.department, ${via}, ${viaPrefecture} from users u where u.active and u.tenant_id = $2 and ${f.where}
         on conflict do nothing returning 1)
       select count(*)::int as n from added`,
      [round.id, round.tenantId, ...f.params],
    );
    return r.rows[0]?.n ?? 0;
  },

  /** Who gets the safety card, with the language it is written in (`users.locale`: 'ja' or 'en'). */
  async cardRecipients(ex: Executor, roundId: string, which: 'all' | 'pending', limit?: number): Promise<{ userId: string; locale: string }[]> {
    const r = await ex.query<{ user_id: string; locale: string }>(
      `select x.user_id, u.locale from round_recipients x join users u on u.id = x.user_id
       where x.round_id = $1 and ($2::boolean or x.status = 'pending')
       order by x.user_id limit $3`,
      [roundId, which === 'all', limit ?? null],
    );
    return r.rows.map((x) => ({ userId: x.user_id, locale: x.locale }));
  },

  async answeredCount(ex: Executor, roundId: string): Promise<number> {
    const r = await ex.query<{ n: number }>(`select count(*)::int as n from round_recipients where round_id = $1 and status <> 'pending'`, [roundId]);
    return r.rows[0]?.n ?? 0;
  },

  /**
   * Keeps the answer (every answer is kept) and makes it the recipient's latest; returns the answer's id.
   * `via` is where the person answered: their card (the default) or the e-mail page.
   */
  async recordAnswer(ex: Executor, params: { roundId: string; userId: string; answer: SafetyAnswer; at: Date; via?: 'card' | 'email' }): Promise<string> {
    const via = params.via ?? 'card';
    const ins = await ex.query<{ id: number | string }>(
      `insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, $5, $2, $3, $4) returning id`,
      [params.roundId, params.userId, JSON.stringify(params.answer), params.at, via === 'card' ? 'self' : 'email'],
    );
    await ex.query(
      `update round_recipients set status = 'answered', own_status = $3, answer = $4, answered_at = $5, answered_via = $6 where round_id = $1 and user_id = $2`,
      [params.roundId, params.userId, params.answer.ownStatus, JSON.stringify(params.answer), params.at, via],
    );
    return String(ins.rows[0]?.id);
  },

  /** A manager's phone result; an own answer stays the recipient's status, "unreachable" keeps them pending. */
  async recordPhoneResult(ex: Executor, params: { roundId: string; userId: string; result: PhoneResult; by: string; at: Date }): Promise<void> {
    await ex.query(
      `insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, 'manager', $3, $4, $5)`,
      [params.roundId, params.userId, params.by, JSON.stringify({ reachedByPhone: params.result }), params.at],
    );
    await ex.query(
      `update round_recipients set reached_result = $3, reached_by = $4,
         status = case when status = 'answered' then status when $3 = 'unreachable' then 'pending' else 'reached' end
       where round_id = $1 and user_id = $2`,
      [params.roundId, params.userId, params.result, params.by],
    );
  },

  /** Closes an open round; false when it was not open (already closed or cancelled). */
  async close(ex: Executor, roundId: string, at: Date, by: string): Promise<boolean> {
    const r = await ex.query(`update safety_rounds set status = 'closed', closed_at = $2, closed_by = $3 where id = $1 and status = 'open' returning id`, [roundId, at, by]);
    return r.rows.length > 0;
  },

  async cancel(ex: Executor, roundId: string, at: Date): Promise<void> {
    await ex.query(`update safety_rounds set status = 'cancelled', closed_at = $2 where id = $1`, [roundId, at]);
  },

  /** The strongest intensity of the round's event so far (the trigger compares later reports with it). */
  async setMaxIntensity(ex: Executor, roundId: string, maxIntensity: string): Promise<void> {
    await ex.query('update safety_rounds set max_intensity = $2, tally_dirty = true where id = $1', [roundId, maxIntensity]);
  },

  /** The round's scope now covers `prefectures` (sorted, all of them); the tally shows the change. */
  async setPrefectures(ex: Executor, roundId: string, prefectures: readonly string[], maxIntensity?: string): Promise<void> {
    await ex.query(
      `update safety_rounds set scope = jsonb_set(scope, '{prefectures}', $2::jsonb), prefectures = $3, max_intensity = coalesce($4, max_intensity), tally_dirty = true where id = $1`,
      [roundId, JSON.stringify(prefectures), prefectures, maxIntensity ?? null],
    );
  },
};
