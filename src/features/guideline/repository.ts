import type { Executor } from '../../store/db';

export type QuestionOutcome = 'unanswered' | 'unhelpful';
type Counter = 'answered' | 'unanswered' | 'helpful' | 'unhelpful';

export interface StoredQuestion {
  readonly outcome: QuestionOutcome;
  readonly question: string;
  readonly topCitation?: string;
  readonly askedAt: Date;
}

export interface QuestionStats {
  readonly answered: number;
  readonly unanswered: number;
  readonly helpful: number;
  readonly unhelpful: number;
}

/**
 * The guideline's tables: indexed versions, anonymous counts, the questions kept for the admins'
 * digest (never with the asker's id) and one vote per answer card.
 */
export const guidelineRepo = {
  /** Records a version of the file the first time any replica indexes it; false when it was known. */
  async recordVersion(ex: Executor, params: { hash: string; version: string; passages: number; at: Date }): Promise<boolean> {
    const r = await ex.query('insert into guideline_versions (content_hash, version, passages, loaded_at) values ($1, $2, $3, $4) on conflict do nothing returning content_hash', [
      params.hash, params.version, params.passages, params.at,
    ]);
    return r.rows.length > 0;
  },

  async count(ex: Executor, params: { tenantId: string; day: string; counter: Counter }): Promise<void> {
    // The column name comes from the Counter union, never from input.
    await ex.query(
      `insert into guideline_stats (tenant_id, day, ${params.counter}) values ($1, $2, 1)
       on conflict (tenant_id, day) do update set ${params.counter} = guideline_stats.${params.counter} + 1`,
      [params.tenantId, params.day],
    );
  },

  async storeQuestion(ex: Executor, params: { tenantId: string; at: Date; outcome: QuestionOutcome; question: string; topCitation?: string; version: string }): Promise<void> {
    await ex.query('insert into guideline_questions (tenant_id, asked_at, outcome, question, top_citation, guideline_version) values ($1, $2, $3, $4, $5, $6)', [
      params.tenantId, params.at, params.outcome, params.question, params.topCitation ?? null, params.version,
    ]);
  },

  /** The vote of one answer card; false when that card was voted on already (a replayed click). */
  async vote(ex: Executor, params: { answerId: string; helpful: boolean; at: Date }): Promise<boolean> {
    const r = await ex.query('insert into guideline_feedback (answer_id, helpful, at) values ($1, $2, $3) on conflict do nothing returning answer_id', [params.answerId, params.helpful, params.at]);
    return r.rows.length > 0;
  },

  /** Tenants with any question statistics in [from, to): who gets a digest. */
  async tenantsWithStats(ex: Executor, from: string, to: string): Promise<string[]> {
    const r = await ex.query<{ tenant_id: string }>('select distinct tenant_id from guideline_stats where day >= $1 and day < $2 order by tenant_id', [from, to]);
    return r.rows.map((row) => row.tenant_id);
  },

  async stats(ex: Executor, params: { tenantId: string; from: string; to: string }): Promise<QuestionStats> {
    const r = await ex.query<{ answered: string | null; unanswered: string | null; helpful: string | null; unhelpful: string | null }>(
      `select sum(answered) as answered, sum(unanswered) as unanswered, sum(helpful) as helpful, sum(unhelpful) as unhelpful
       from guideline_stats where tenant_id = $1 and day >= $2 and day < $3`,
      [params.tenantId, params.from, params.to],
    );
    const row = r.rows[0];
    return { answered: Number(row?.answered ?? 0), unanswered: Number(row?.unanswered ?? 0), helpful: Number(row?.helpful ?? 0), unhelpful: Number(row?.unhelpful ?? 0) };
  },

  /** The newest stored questions of a tenant in [from, to), and how many there are in all. */
  async questions(ex: Executor, params: { tenantId: string; from: Date; to: Date; limit: number }): Promise<{ rows: StoredQuestion[]; total: number }> {
    const r = await ex.query<{ outcome: QuestionOutcome; question: string; top_citation: string | null; asked_at: Date; total: string }>(
      `select outcome, question, top_citation, asked_at, count(*) over () as total from guideline_questions
       where tenant_id = $1 and asked_at >= $2 and asked_at < $3 order by asked_at desc, id desc limit $4`,
      [params.tenantId, params.from, params.to, params.limit],
    );
    return {
      rows: r.rows.map((row) => ({ outcome: row.outcome, question: row.question, topCitation: row.top_citation ?? undefined, askedAt: new Date(row.asked_at) })),
      total: Number(r.rows[0]?.total ?? 0),
    };
  },

  /** Deletes stored questions, votes and counts older than the retention; returns how many questions went. */
  async purge(ex: Executor, before: Date): Promise<number> {
    const r = await ex.query('delete from guideline_questions where asked_at < $1 returning id', [before]);
    await ex.query('delete from guideline_feedback where at < $1', [before]);
    await ex.query('delete from guideline_stats where day < $1::date', [before.toISOString().slice(0, 10)]);
    return r.rows.length;
  },
};
