/**
 * The signals feature's public file: events from VPN gateways, MDM and SIEM. The webhook
 * (src/http/signals-route.ts) hands valid events to `intake`; a `signals-process` job handles each
 * once and tells the listeners (reminders, gap check, devices) the composition root lists.
 */
import type { IncidentLimits } from '../../domain/signals/incident-limit';
import type { FeatureDeps } from '../feature';
import { createSignalIntake } from './intake';
import { signalJobs, type SignalListener } from './jobs';

export type { DeviceLostSignal, SignalListener, VpnSignal } from './jobs';

export function createSignalsFeature(deps: FeatureDeps, options: { readonly listeners: readonly SignalListener[]; readonly incidentLimits: IncidentLimits }) {
  return {
    name: 'signals',
    actions: {},
    commands: {},
    jobs: signalJobs({ ...deps, listeners: options.listeners, incidentLimits: options.incidentLimits }),
    /** For the webhook route: stores an accepted event and queues its processing. */
    intake: createSignalIntake(deps),
  };
}
