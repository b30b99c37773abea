/**
 * The gap-check feature's public file: the self-report gap check (MHLW telework guideline: compare
 * the reported start/end with objective records). It records activity (Teams presence through the
 * reminders' watch and its own after-work watch, VPN gateway events, card interactions), checks each
 * day after the end check-in, asks for a reason when the gap is too large, and hands gaps and
 * reasons to the manager digest. Nothing here imports another feature.
 */
import type { ActionHandler } from '../../cards/actions';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { gapcheckActions, observedActions } from './actions';
import { gapCheckinEvents, runCheck } from './check';
import type { GapContext } from './context';
import { gapcheckJobs } from './jobs';
import { recordPresence, recordVpn, watchAfterWork, type PresenceReading, type VpnEvent } from './record';
import { checksRepo, type GapReason } from './repository';

export type GapcheckDeps = GapContext;

/** What the check-ins tell other features (structurally the check-ins' CheckinEvents). */
interface CheckinHooks<S, E> {
  started(tx: Executor, user: User, workDate: string, answers: S): Promise<void>;
  ended(tx: Executor, user: User, workDate: string, answers: E): Promise<void>;
  dayStatus(tx: Executor, user: User, workDate: string, status: 'day_off' | 'office'): Promise<void>;
}

/** A gap for the manager digest: minutes outside the reported times, and the reason once given. */
export interface DayGap {
  readonly userId: string;
  readonly minutes: number;
  readonly reason?: GapReason;
  /** The person's own words (free text: show it only to the manager, never log it). */
  readonly note?: string;
}

export function createGapcheckFeature(deps: GapcheckDeps) {
  const ctx: GapContext = { ...deps, logger: deps.logger.child({ component: 'gapcheck' }) };
  const events = gapCheckinEvents(ctx);
  return {
    actions: gapcheckActions(ctx),
    jobs: gapcheckJobs({
      presencePollMinutes: ctx.settings.presencePollMinutes,
      run: (userId, workDate) => runCheck(ctx, userId, workDate),
      watchAfterWork: ctx.presence ? () => watchAfterWork(ctx) : undefined,
    }),
    /** The check-in hooks run after `inner`'s (e.g. the reminders'), in the same transaction. */
    withCheckinEvents<S extends { startTime: string }, E extends { endTime: string }>(inner: CheckinHooks<S, E>): CheckinHooks<S, E> {
      return {
        started: async (tx, user, workDate, answers) => {
          await inner.started(tx, user, workDate, answers);
          await events.started(tx, user, workDate, answers);
        },
        ended: async (tx, user, workDate, answers) => {
          await inner.ended(tx, user, workDate, answers);
          await events.ended(tx, user, workDate, answers);
        },
        dayStatus: async (tx, user, workDate, status) => {
          await inner.dayStatus(tx, user, workDate, status);
          await events.dayStatus(tx, user, workDate);
        },
      };
    },
    /** Every action handler, recording card interactions as activity (one upsert after the handler). */
    observe: <H extends Readonly<Record<string, ActionHandler>>>(handlers: H): H => observedActions(ctx, handlers),
    /** For the reminders' presence watch: the readings of people at work. */
    onPresence: (readings: readonly PresenceReading[], at: Date) => recordPresence(ctx, readings, at),
    /** For the signals feature: a VPN session opened or closed. */
    onVpnSignal: (event: VpnEvent) => recordVpn(ctx, event),
    /** Gaps asked about on one work day (with reasons once given), for the manager digest. */
    async gapsFor(userIds: readonly string[], localDate: string): Promise<DayGap[]> {
      const checks = await checksRepo.gapsOn(deps.db, userIds, localDate);
      return checks.map((c) => ({ userId: c.userId, minutes: c.minutes ?? 0, reason: c.reason, note: c.reasonNote }));
    },
    /** One check now (the job runs it; tests call it on a fake clock). */
    check: (userId: string, workDate: string) => runCheck(ctx, userId, workDate),
    /** One after-work presence poll; does nothing without Graph. */
    pollPresence: () => watchAfterWork(ctx),
  };
}
