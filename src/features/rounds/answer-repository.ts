import type { SafetyAnswer } from '../../domain/safety/model';
import type { Executor } from '../../store/db';
import { RECIPIENTS, toRound, type RecipientRow, type Round, type RoundRow } from './repository';

// The queries of a recipient's own answer (the hot path of a round): two statements, see answer.ts.

export const answerRepo = {
  /** The round and this person's place in it, in one statement; no recipient when they are not one. */
  async roundAndRecipient(ex: Executor, roundId: string, userId: string): Promise<{ round?: Round; recipient?: RecipientRow }> {
    const r = await ex.query<Omit<RoundRow, 'status'> & { round_status: Round['status'] } & RecipientRow>(
      `select s.id, s.tenant_id, s.kind, s.is_drill, s.message, s.scope, s.status as round_status, s.source, s.event_id,
              s.max_intensity, s.started_by, s.started_at, s.closed_at, x.*
       from safety_rounds s left join lateral (${RECIPIENTS} where x.round_id = s.id and x.user_id = $2) x on true
       where s.id = $1`,
      [roundId, userId],
    );
    const row = r.rows[0];
    if (!row) return {};
    const { round_status, ...rest } = row;
    return { round: toRound({ ...rest, status: round_status }), recipient: row.user_id === null ? undefined : row };
  },

  /**
   * Keeps the answer (every answer is kept), makes it the recipient's latest and flags the round's
   * tally, in one statement; returns the answer's id and the recipient as it now is. The flag is set
   * even when it is set already: the row lock makes a tally taken meanwhile wait for this answer.
   */
  async record(ex: Executor, params: { before: RecipientRow; roundId: string; userId: string; answer: SafetyAnswer; at: Date }): Promise<{ answerId: string; recipient: RecipientRow }> {
    const answer = JSON.stringify(params.answer);
    const r = await ex.query<{ id: number | string }>(
      `with answer as (
         insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, 'self', $2, $3, $4) returning id
       ), latest as (
         update round_recipients set status = 'answered', own_status = $5, answer = $3, answered_at = $4, answered_via = 'card' where round_id = $1 and user_id = $2
       ), tally as (
         update safety_rounds set tally_dirty = true where id = $1
       )
       select id from answer`,
      [params.roundId, params.userId, answer, params.at, params.answer.ownStatus],
    );
    // As RECIPIENTS would read it now: an own answer by card (no proxy's channel or name).
    const recipient: RecipientRow = {
      ...params.before, status: 'answered', own_status: params.answer.ownStatus, answer: JSON.parse(answer) as SafetyAnswer, answered_at: params.at, answered_via: 'card', proxy_how: null, proxy_by: null,
    };
    return { answerId: String(r.rows[0]?.id), recipient };
  },
};
