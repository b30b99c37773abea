import { fill } from '../../cards/format';
import { cardMessage } from '../../cards/render';
import { addDays, localDateOf, localTimeOf, startOfWeek, zonedTimeToUtc } from '../../domain/calendar';
import { PURPOSES } from '../../delivery/outbox';
import type { FeatureDeps } from '../feature';
import { guidelineRepo } from './repository';
import { guidelineText, GUIDELINE_TEXTS } from './texts';
import { digestCardView } from './views';

/** Questions listed in one digest (the newest); the rest are counted. */
const MAX_LISTED = 30;
/** The digest goes on Monday from this local time, for the week before. */
const DIGEST_TIME = '09:00';

/**
 * The admins' weekly digest of the questions the guideline did not answer and the answers marked
 * not helpful, without the askers (until the admin console lists them). Safe to run on every replica
 * and every hour: one delivery per admin and week (the outbox key).
 */
export function createGuidelineDigest(deps: FeatureDeps & { readonly timeZone: string; readonly retentionDays: number }) {
  const { db, clock, timeZone } = deps;
  return {
    async sendDue(): Promise<number> {
      const now = clock.now();
      const weekStart = startOfWeek(localDateOf(now, timeZone));
      if (localDateOf(now, timeZone) === weekStart && localTimeOf(now, timeZone) < DIGEST_TIME) return 0;
      const from = addDays(weekStart, -7);
      const fromAt = zonedTimeToUtc(from, '00:00', timeZone);
      const toAt = zonedTimeToUtc(weekStart, '00:00', timeZone);
      let sent = 0;
      for (const tenantId of await guidelineRepo.tenantsWithStats(db, from, weekStart)) {
        const stats = await guidelineRepo.stats(db, { tenantId, from, to: weekStart });
        const { rows, total } = await guidelineRepo.questions(db, { tenantId, from: fromAt, to: toAt, limit: MAX_LISTED });
        const admins = await deps.roles.adminsOf(db, tenantId);
        await db.transaction(async (tx) => {
          for (const admin of admins) {
            const texts = GUIDELINE_TEXTS[admin.locale].guideline;
            const card = digestCardView(admin.locale, {
              intro: fill(texts.digestIntro, { from, to: addDays(weekStart, -1) }),
              counts: fill(texts.digestCounts, { ...stats }),
              questions: rows.map((row) => ({
                outcome: row.outcome === 'unanswered' ? texts.digestUnanswered : texts.digestUnhelpful,
                question: row.question,
                ...(row.topCitation ? { citation: row.topCitation } : {}),
              })),
            }, { total, retentionDays: deps.retentionDays });
            const activity = cardMessage(card, guidelineText(admin.locale, 'digestSummary'));
            if (await deps.outbox.enqueueFor(tx, { purpose: PURPOSES.guidelineDigest, to: admin, subject: from, batchId: `guideline-digest:${from}`, activity })) sent += 1;
          }
        });
      }
      if (sent) deps.outbox.notify();
      return sent;
    },
  };
}
