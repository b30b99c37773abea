/**
 * The signals feature's public file: events from VPN gateways, MDM and SIEM. The webhook
 * (src/http/signals-route.ts) hands valid events to `intake`; a `signals-process` job handles each
 * once and tells the listeners (reminders, gap check, devices) the composition root lists.
 */
import type { IncidentLimits } from '../../domain/signals/incident-limit';
import type { RetentionTask } from '../../jobs/retention';
import type { FeatureDeps } from '../feature';
import { signalsRepo } from './repository';
import { createSignalIntake } from './intake';
import { signalJobs, type SignalListener } from './jobs';

export type { DeviceLostSignal, SignalListener, VpnSignal } from './jobs';

export function createSignalsFeature(deps: FeatureDeps, options: { readonly listeners: readonly SignalListener[]; readonly incidentLimits: IncidentLimits }) {
  return {
    name: 'signals',
    /** Personal data past its period (docs/security.md#retention). */
    retention: [{ kind: 'signals', name: 'signal payloads and device names', run: (ex, before, limit) => signalsRepo.redactOld(ex, before, limit) }] satisfies RetentionTask[],
    actions: {},
    commands: {},
    jobs: signalJobs({ ...deps, listeners: options.listeners, incidentLimits: options.incidentLimits }),
    /** For the webhook route: stores an accepted event and queues its processing. */
    intake: createSignalIntake(deps),
  };
}
