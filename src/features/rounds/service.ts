import type { User } from '../../domain/people/user';
import type { RoundForm, SafetyAnswer } from '../../domain/safety/model';
import type { Locale } from '../../domain/shared/locale';
import { discarded, formCard, preview, tallyFor } from './admin-cards';
import { adminAccess } from './admins';
import { answer, checkCard } from './answer';
import { refreshTalliesNow, tick } from './cascade';
import { close } from './close';
import type { RoundContext, RoundDeps } from './context';
import { cancelByEvent, extendPrefectures, notifyAdmins } from './jma-events';
import { emailPage, emailSubmit, sendEmailFallbacks } from './email';
import { phone } from './phone';
import { proxyAnswer, type ProxyAnswer } from './proxy';
import { roundsRepo, type PhoneResult } from './repository';
import { roundBatch } from './tally';
import { roundText } from './texts';
import type { Executor } from '../../store/db';
import { startFromAdmin, startRound, type StartRound } from './start';

export type RoundService = ReturnType<typeof createRoundService>;

const TALLY_SOON_MS = 100;

/** The safety-round use cases (one file each), sharing one set of collaborators. */
export function createRoundService(deps: RoundDeps) {
  const ctx: RoundContext = { ...deps, ...adminAccess(deps.roles) };
  // An answer refreshes the tallies shortly after it (answers within TALLY_SOON_MS share one refresh),
  // not on the next tick: the admins see it within a second. The ticker still catches what this misses.
  let tallyTimer: NodeJS.Timeout | undefined;
  const tallySoon = () => {
    if (tallyTimer) return;
    tallyTimer = setTimeout(() => {
      tallyTimer = undefined;
      refreshTalliesNow(ctx).catch((err: unknown) => ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'tally refresh after an answer failed; the ticker retries'));
    }, TALLY_SOON_MS);
    tallyTimer.unref();
  };
  return {
    isAdmin: ctx.isAdmin,
    // Admins
    formCard: (admin: User, prefill?: RoundForm) => formCard(ctx, admin, prefill),
    discard: (admin: User) => discarded(ctx, admin),
    preview: (admin: User, form: RoundForm) => preview(ctx, admin, form),
    start: (p: StartRound) => startRound(ctx, p),
    startFromAdmin: (admin: User, form: RoundForm, invoke?: { conversationId: string; activityId: string }) => startFromAdmin(ctx, admin, form, invoke),
    tallyFor: (admin: User, roundId: string) => tallyFor(ctx, admin, roundId),
    /** "Close" asks first: the same tally, with close / keep open. */
    confirmClose: (admin: User, roundId: string) => tallyFor(ctx, admin, roundId, true),
    close: (admin: User, roundId: string) => close(ctx, admin, roundId),
    // Recipients and their managers
    checkCard: (user: User, roundId: string) => checkCard(ctx, user, roundId),
    /** `安否`: the person's card of the newest open round again (with their answer, to change it), or "none now". */
    async mySafety(user: User) {
      const roundId = await roundsRepo.newestOpenFor(ctx.db, user.id);
      if (roundId) return checkCard(ctx, user, roundId);
      return ctx.views.notice(user.locale, roundText(user.locale, 'noOpenRoundTitle'), roundText(user.locale, 'noOpenRoundText'));
    },
    inOpenRound: async (user: User) => (await roundsRepo.newestOpenFor(ctx.db, user.id)) !== undefined,
    async answer(user: User, given: SafetyAnswer) {
      const card = await answer(ctx, user, given);
      tallySoon();
      return card;
    },
    phone: (actor: User, p: { roundId: string; userId: string; result: PhoneResult }) => phone(ctx, actor, p),
    proxyAnswer: (actor: User, p: ProxyAnswer) => proxyAnswer(ctx, actor, p),
    // The JMA feed
    cancelByEvent: (tenantId: string, eventId: string) => cancelByEvent(ctx, tenantId, eventId),
    extendPrefectures: (roundId: string, added: readonly string[], maxIntensity?: string) => extendPrefectures(ctx, roundId, added, maxIntensity),
    notifyAdmins: (tenantId: string, subject: string, text: Record<Locale, { title: string; text: string }>) => notifyAdmins(ctx, tenantId, subject, text),
    /**
     * A person opened the bot for the first time: the card of every open round they have not
     * answered, which could not reach them before (the app was not installed), goes now.
     */
    firstContact: async (tx: Executor, userId: string) =>
      ctx.outbox.reachable(tx, userId, (await roundsRepo.openPendingFor(tx, userId)).map(roundBatch)),
    // The ticker (cascade steps, live tallies)
    tick: async () => {
      await tick(ctx);
      // People the card did not reach, or who have not answered: an e-mail with a one-round link.
      if (ctx.email) await sendEmailFallbacks(ctx, ctx.email);
    },
    // The e-mail answer page (no Teams): GET shows the form or the recorded answer, POST records it.
    emailPage: (roundId: string, userId: string, nonce: string, locale: Locale) => emailPage(ctx, roundId, userId, nonce, locale),
    emailSubmit: (roundId: string, userId: string, nonce: string, form: Record<string, string>, locale: Locale) => emailSubmit(ctx, roundId, userId, nonce, form, locale),
  };
}
