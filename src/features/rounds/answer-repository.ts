import type { JoinedAppend } from '../../audit/joined';
import type { SafetyAnswer } from '../../domain/safety/model';
import type { Executor } from '../../store/db';
import { RECIPIENTS, toRound, type RecipientRow, type Round, type RoundRow } from './repository';

// The query of a recipient's own answer (the hot path of a round): one statement, see answer.ts.

type FoundRow = Omit<RoundRow, 'status'> & { round_status: Round['status'] } & RecipientRow & { answer_id: number | string | null };

export const answerRepo = {
  /**
   * Reads the round and this person's place in it and, when they are one of its recipients, the round
   * is of their tenant and not cancelled, keeps the answer (every answer is kept), makes it the
   * recipient's latest and flags the round's tally — one statement (data-modifying CTEs share its
   * snapshot: the row read is the recipient as it was before this answer). No `answerId` when nothing
   * was written (no such round, not a recipient, cancelled). The flag is set even when it is set
   * already: the row lock makes a tally taken meanwhile wait for this answer. With `audit`, the same
   * statement appends the audit row, its late value the new answer's id (nothing when nothing was
   * written): the whole answer is then one round trip and needs no transaction. The CTEs are chained
   * (answer → latest → tally → audit) so that the rows are locked before the audit log's lock is taken,
   * in the order every transaction takes them (row locks first, the log's lock last): an unreferenced
   * data-modifying CTE runs only after the main query, i.e. after the audit call, and an urgent answer's
   * transaction holding the round's row while waiting for the log's lock would deadlock with it.
   */
  async answer(
    ex: Executor,
    params: { roundId: string; userId: string; tenantId: string; answer: SafetyAnswer; at: Date; audit?: JoinedAppend },
  ): Promise<{ round?: Round; recipient?: RecipientRow; answerId?: string }> {
    const answer = JSON.stringify(params.answer);
    const audit = params.audit;
    const r = await ex.query<FoundRow>(
      `with found as (
         select s.id, s.tenant_id, s.kind, s.is_drill, s.message, s.scope, s.status as round_status, s.source, s.event_id,
                s.max_intensity, s.started_by, s.started_at, s.closed_at, x.*
         from safety_rounds s left join lateral (${RECIPIENTS} where x.round_id = s.id and x.user_id = $2) x on true
         where s.id = $1
       ), answer as (
         insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at)
         select $1, $2, 'self', $2, $3, $4 from found where found.user_id is not null and found.round_status <> 'cancelled' and found.tenant_id = $6
         returning id
       ), latest as (
         update round_recipients set status = 'answered', own_status = $5, answer = $3, answered_at = $4, answered_via = 'card'
         where round_id = $1 and user_id = $2 and exists (select 1 from answer)
         returning (select id from answer) as answer_id
       ), tally as (
         update safety_rounds set tally_dirty = true where id = $1 and exists (select 1 from latest)
         returning (select answer_id from latest) as answer_id
       )${audit ? `, audit as (select l.seq from tally cross join ${audit.call(7, 'tally.answer_id')} as l)` : ''}
       select found.*, (select id from answer) as answer_id${audit ? ', (select seq from audit) as audit_seq' : ''} from found`,
      [params.roundId, params.userId, answer, params.at, params.answer.ownStatus, params.tenantId, ...(audit?.params ?? [])],
    );
    const row = r.rows[0];
    if (!row) return {};
    const { round_status, answer_id, ...rest } = row;
    const round = toRound({ ...rest, status: round_status });
    if (row.user_id === null) return { round };
    if (answer_id === null) return { round, recipient: row };
    // As RECIPIENTS would read it now: an own answer by card (no proxy's channel or name).
    const recipient: RecipientRow = {
      ...row, status: 'answered', own_status: params.answer.ownStatus, answer: JSON.parse(answer) as SafetyAnswer, answered_at: params.at, answered_via: 'card', proxy_how: null, proxy_by: null,
    };
    return { round, recipient, answerId: String(answer_id) };
  },
};
