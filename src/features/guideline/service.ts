import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AdaptiveCardJson } from '../../cards/render';
import { AUDIT_KINDS } from '../../audit/kinds';
import { localDateOf } from '../../domain/calendar';
import { buildGuidelineIndex, type GuidelineIndex } from '../../domain/guideline/answer';
import { parseGuideline } from '../../domain/guideline/parse';
import { parseSynonyms } from '../../domain/guideline/synonyms';
import { MAX_QUESTION_CHARS, terms } from '../../domain/guideline/tokenize';
import type { User } from '../../domain/people/user';
import { RULES } from '../../domain/policy/rules';
import type { FeatureDeps } from '../feature';
import { guidelineRepo } from './repository';
import { answerCardView } from './views';

export interface GuidelineSettings {
  /** The company's guideline (Markdown) and the synonyms table next to it. */
  readonly file: string;
  readonly synonymsFile: string;
  /** GUIDELINE_VERSION: recorded with each stored question and the audit event of a new file. */
  readonly version: string;
  /** Stored questions, votes and counts are deleted after this many days. */
  readonly retentionDays: number;
  /** The zone the statistics' days and the weekly digest follow. */
  readonly timeZone: string;
}

/** The rule table's quotes with our English, so English readers see it next to the Japanese original. */
const ENGLISH_RULES = Object.values(RULES).map((rule) => ({ ref: rule.ref, ja: rule.text.ja, en: rule.text.en }));

/** Reads and indexes the files; throws (stopping the start) on a missing or unreadable file. */
export function loadGuideline(settings: Pick<GuidelineSettings, 'file' | 'synonymsFile'>): { index: GuidelineIndex; hash: string } {
  const markdown = readFileSync(settings.file, 'utf8');
  const synonymsText = readFileSync(settings.synonymsFile, 'utf8');
  const hash = createHash('sha256').update(markdown).update('\u0000').update(synonymsText).digest('hex');
  let synonyms;
  try {
    synonyms = parseSynonyms(JSON.parse(synonymsText));
  } catch (err) {
    throw new Error(`GUIDELINE_SYNONYMS_FILE ${settings.synonymsFile}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return { index: buildGuidelineIndex(parseGuideline(markdown), synonyms, ENGLISH_RULES), hash };
}

export type GuidelineService = ReturnType<typeof createGuidelineService>;

export function createGuidelineService(deps: FeatureDeps & { readonly settings: GuidelineSettings; readonly index: GuidelineIndex; readonly hash: string }) {
  const { db, clock, settings, index } = deps;
  const today = () => localDateOf(clock.now(), settings.timeZone);

  return {
    /**
     * Records a new version of the file (content hash) once, with an audit event, whichever replica
     * starts first; the index itself is built in memory at every start.
     */
    async recordVersion(): Promise<boolean> {
      return db.transaction(async (tx) => {
        const passages = index.guideline.passages.length;
        const fresh = await guidelineRepo.recordVersion(tx, { hash: deps.hash, version: settings.version, passages, at: clock.now() });
        if (fresh) {
          await deps.audit.append(tx, {
            kind: AUDIT_KINDS.guidelineLoaded,
            data: { contentHash: deps.hash, guidelineVersion: settings.version, passages, sections: index.guideline.sections.length },
          });
        }
        return fresh;
      });
    },

    /** A chat question: the passages that answer it (or "not in the guideline"), counted anonymously. */
    async ask(user: User, text: string): Promise<AdaptiveCardJson> {
      const question = text.slice(0, MAX_QUESTION_CHARS);
      const answer = index.ask(question);
      await db.transaction(async (tx) => {
        await guidelineRepo.count(tx, { tenantId: user.tenantId, day: today(), counter: answer.found ? 'answered' : 'unanswered' });
        // Punctuation, emoji or a pasted blob without one word tells the admins nothing: counted only.
        if (!answer.found && terms(question).words.length > 0) await guidelineRepo.storeQuestion(tx, { tenantId: user.tenantId, at: clock.now(), outcome: 'unanswered', question, version: settings.version });
      });
      return answerCardView(user, index.guideline, answer, { answerId: randomUUID(), question });
    },

    /** 👍/👎 on an answer card: one vote per card; a 👎 keeps the question (without the asker) for the digest. */
    async feedback(user: User, vote: { answerId: string; question: string; helpful: boolean }): Promise<AdaptiveCardJson> {
      const question = vote.question.slice(0, MAX_QUESTION_CHARS);
      const answer = index.ask(question);
      await db.transaction(async (tx) => {
        if (!(await guidelineRepo.vote(tx, { answerId: vote.answerId, helpful: vote.helpful, at: clock.now() }))) return;
        await guidelineRepo.count(tx, { tenantId: user.tenantId, day: today(), counter: vote.helpful ? 'helpful' : 'unhelpful' });
        if (!vote.helpful && answer.found) {
          const topCitation = answer.quotes[0]?.passage.citation;
          await guidelineRepo.storeQuestion(tx, { tenantId: user.tenantId, at: clock.now(), outcome: 'unhelpful', question, topCitation, version: settings.version });
        }
      });
      return answerCardView(user, index.guideline, answer, { answerId: vote.answerId, question }, vote.helpful ? 'thanks' : 'thanksUnhelpful');
    },

    /** Deletes what is older than the retention (the daily purge). */
    purge: () => guidelineRepo.purge(db, new Date(clock.now().getTime() - settings.retentionDays * 86_400_000)),
  };
}
