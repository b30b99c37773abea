/**
 * The gap-check feature's public file: the self-report gap check (MHLW telework guideline: compare
 * the reported start/end with objective records). It records activity (Teams presence through the
 * reminders' watch and its own after-work watch, VPN gateway events, card interactions), checks each
 * day after the end check-in, asks for a reason when the gap is too large, and hands gaps and
 * reasons to the manager digest. Nothing here imports another feature.
 */
import type { PresenceReader } from '../../graph/presence';
import type { CheckinListener } from '../checkins';
import type { DigestGap, GapSource } from '../digests';
import type { RetentionTask } from '../../jobs/retention';
import type { FeatureDeps } from '../feature';
import type { PresenceListener } from '../reminders';
import type { SignalListener } from '../signals';
import { gapcheckActions, recordAfterAction } from './actions';
import { gapCheckinEvents, runCheck } from './check';
import type { GapContext, GapSettings } from './context';
import { gapcheckJobs } from './jobs';
import { recordPresence, recordVpn, watchAfterWork } from './record';
import { checksRepo } from './repository';
import { gapcheckFieldLabel, gapReasonText } from './texts';

/** @internal the field-label test checks every card input against the features' labels. */
export { gapcheckFieldLabel } from './texts';

export interface GapcheckOptions {
  readonly settings: GapSettings;
  /** Teams presence through Graph; absent in local mode (then VPN signals and card interactions only). */
  readonly presence?: PresenceReader;
}


export function createGapcheckFeature(deps: FeatureDeps, options: GapcheckOptions) {
  const ctx: GapContext = { ...deps, ...options, logger: deps.logger.child({ component: 'gapcheck' }) };
  const gaps: GapSource = {
    async gapsFor(userIds: readonly string[], localDate: string): Promise<DigestGap[]> {
      const checks = await checksRepo.gapsOn(deps.db, userIds, localDate);
      // The reason as the manager reads it, in both languages; the note is the person's own words.
      return checks.map((c) => ({ userId: c.userId, minutes: c.minutes ?? 0, reason: c.reason ? gapReasonText(c.reason) : undefined, note: c.reasonNote }));
    },
  };
  return {
    name: 'gapcheck',
    /** Personal data past its period (docs/security.md#retention). */
    retention: [{ kind: 'gapNotes', name: 'gap check reason notes', run: (ex, before, limit) => checksRepo.redactNotes(ex, before, limit) }] satisfies RetentionTask[],
    actions: gapcheckActions(ctx),
    commands: {},
    jobs: gapcheckJobs({
      presencePollMinutes: ctx.settings.presencePollMinutes,
      run: (userId, workDate) => runCheck(ctx, userId, workDate),
      watchAfterWork: ctx.presence ? () => watchAfterWork(ctx) : undefined,
    }),
    /** Card interactions are activity (check-in and gap answers aside). */
    afterAction: recordAfterAction(ctx),
    fieldLabel: gapcheckFieldLabel,
    /** The reported start and end, and the check planned after the end. */
    checkinListener: gapCheckinEvents(ctx) satisfies CheckinListener,
    /** The reminders' presence readings of people at work. */
    presenceListener: ((readings, at) => recordPresence(ctx, readings, at)) satisfies PresenceListener,
    /** VPN sessions opened or closed. */
    signalListener: { onVpnSignal: (event) => recordVpn(ctx, event) } satisfies SignalListener,
    /** Gaps asked about on one work day (with reasons once given), for the manager digest. */
    gaps,
    /** One check now (the job runs it; tests call it on a fake clock). */
    check: (userId: string, workDate: string) => runCheck(ctx, userId, workDate),
    /** One after-work presence poll; does nothing without Graph. */
    pollPresence: () => watchAfterWork(ctx),
  };
}
