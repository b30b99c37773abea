import type { SafetyAnswer } from '../../domain/safety/model';
import type { Executor } from '../../store/db';
import { roundsRepo } from './repository';

// The e-mail fallback's queries: who gets a mail, the one-round links, and answers by e-mail.

export interface EmailCandidate {
  roundId: string;
  userId: string;
  email: string;
  name: string;
  locale: string;
  kind: string;
  isDrill: boolean;
  message: string | null;
  reason: 'card_failed' | 'no_answer';
}

export interface EmailLink {
  roundId: string;
  userId: string;
  nonce: string;
  usedAt?: Date;
}

export const emailRepo = {
  /**
   * Pending recipients of open rounds with an e-mail address and no mail yet: at once when their
   * safety card failed for good (app not installed, user gone, repeated errors), else once the
   * round is `afterMinutes` old (0 = failed cards only).
   */
  async candidates(ex: Executor, now: Date, afterMinutes: number, limit = 500): Promise<EmailCandidate[]> {
    const r = await ex.query<{ round_id: string; user_id: string; email: string; name: string; locale: string; kind: string; is_drill: boolean; message: string | null; started_at: Date; failed: boolean }>(
      `select x.round_id, x.user_id, u.email, u.name, u.locale, s.kind, s.is_drill, s.message, s.started_at,
          exists (select 1 from deliveries d where d.batch_id = 'round:' || s.id::text and d.recipient_id = x.user_id
                    and d.purpose = 'safety-check' and d.status = 'failed') as failed
        from round_recipients x join safety_rounds s on s.id = x.round_id join users u on u.id = x.user_id
        where s.status = 'open' and x.status = 'pending' and u.email is not null and u.email <> ''
          and not exists (select 1 from round_email_links l where l.round_id = x.round_id and l.user_id = x.user_id)
        order by s.started_at, x.user_id limit $1`,
      [limit],
    );
    const due = now.getTime() - afterMinutes * 60_000;
    return r.rows
      .filter((c) => c.failed || (afterMinutes > 0 && c.started_at.getTime() <= due))
      .map((c) => ({ roundId: c.round_id, userId: c.user_id, email: c.email, name: c.name, locale: c.locale, kind: c.kind, isDrill: c.is_drill, message: c.message, reason: c.failed ? 'card_failed' : 'no_answer' }));
  },

  /** Claims the person's one link of the round; false when another replica (or an earlier tick) has it. */
  async claim(ex: Executor, params: { roundId: string; userId: string; nonce: string; reason: EmailCandidate['reason']; at: Date }): Promise<boolean> {
    const r = await ex.query(
      `insert into round_email_links (round_id, user_id, nonce, reason, sent_at) values ($1, $2, $3, $4, $5) on conflict do nothing returning 1`,
      [params.roundId, params.userId, params.nonce, params.reason, params.at],
    );
    return r.rows.length > 0;
  },

  /** A mail that could not be handed over: the next tick tries again. */
  async release(ex: Executor, roundId: string, userId: string): Promise<void> {
    await ex.query('delete from round_email_links where round_id = $1 and user_id = $2 and used_at is null', [roundId, userId]);
  },

  async link(ex: Executor, roundId: string, userId: string, lock = false): Promise<EmailLink | undefined> {
    const r = await ex.query<{ nonce: string; used_at: Date | null }>(
      `select nonce, used_at from round_email_links where round_id = $1 and user_id = $2${lock ? ' for update' : ''}`,
      [roundId, userId],
    );
    const row = r.rows[0];
    return row ? { roundId, userId, nonce: row.nonce, usedAt: row.used_at ?? undefined } : undefined;
  },

  /** The answer from the e-mail page: kept like every answer, the recipient's latest, marked as by e-mail. */
  async recordEmailAnswer(ex: Executor, params: { roundId: string; userId: string; answer: SafetyAnswer; at: Date }): Promise<string> {
    const answerId = await roundsRepo.recordAnswer(ex, { ...params, via: 'email' });
    await ex.query('update round_email_links set used_at = $3 where round_id = $1 and user_id = $2', [params.roundId, params.userId, params.at]);
    return answerId;
  },
};
