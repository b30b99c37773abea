/**
 * The approvals feature's public file: the one approval mechanism (`ApprovalsCore`, used by the
 * devices feature for Intune four-eyes) and the private-PC and paper take-out requests built on it
 * (G 1.3, G 1.6). Nothing here imports another feature.
 */
import { every } from '../../jobs/recurring';
import type { User } from '../../domain/people/user';
import type { Locale } from '../../domain/shared/locale';
import type { RetentionTask } from '../../jobs/retention';
import type { FeatureDeps } from '../feature';
import { approvalActions, approvalCommands } from './actions';
import { pendingApprovals } from './console';
import { createApprovalsCore } from './core';
import type { ApprovalContext } from './context';
import { pendingApprovalsSection } from './digest';
import { expireDue } from './expire';
import { approvalsRepo } from './repository';
import { approvalRequests } from './requests';
import type { ApprovalKind } from './types';
import { approvalFieldLabel } from './texts';

/** @internal the field-label test checks every card input against the features' labels. */
export { approvalFieldLabel } from './texts';

/** @internal the approvals core alone (its tests) */
export { createApprovalsCore } from './core';

/** The approvals core as other features use it (devices: Intune actions that need a second person). */
export type { ApprovalsCore } from './core';

export interface ApprovalsOptions {
  readonly settings: { readonly privatePcMonths: number };
}

const EXPIRY_SWEEP_SECONDS = 300;

export function createApprovalsFeature(deps: FeatureDeps, options: ApprovalsOptions) {
  const core = createApprovalsCore(deps);
  const ctx: ApprovalContext = { ...deps, core, logger: deps.logger.child({ component: 'approvals' }), privatePcMonths: options.settings.privatePcMonths };
  const requests = approvalRequests(ctx);
  return {
    name: 'approvals',
    /** Personal data past its period (docs/security.md#retention). */
    retention: [{ kind: 'approvalPayloads', name: 'approval payloads and comments', run: (ex, before, limit) => approvalsRepo.redactDecided(ex, before, limit) }] satisfies RetentionTask[],
    /** The approval mechanism itself (devices: Intune actions that need a second person). */
    core,
    actions: approvalActions(ctx, requests),
    commands: approvalCommands(ctx, requests),
    /** `承認待ち` is offered to people who approve: managers (someone reports to them) and admins. */
    commandVisible: { pending: (user: User) => approvalsRepo.isApprover(deps.db, user, deps.roles) },
    fieldLabel: approvalFieldLabel,
    /** The approved, unexpired request of a kind a person has at a time (check-ins: `privatePcApproved`). */
    activeFor: (userId: string, kind: ApprovalKind, at: Date) => core.activeFor(userId, kind, at),
    /** For the digests: requests waiting for this approver's decision, oldest first (at most `limit`). */
    pendingFor: (approverId: string, at: Date, limit = 20) => approvalsRepo.pendingFor(deps.db, approverId, at, limit),
    /** The incident-digest section of pending requests (a `DigestSectionProvider` for the digests feature). */
    digestSection: pendingApprovalsSection(deps.db, deps.clock),
    /** The expiry sweep (every 5 minutes on every replica); tests call `expireDue` on a fake clock. */
    jobs: { handlers: {}, recurring: [every(EXPIRY_SWEEP_SECONDS, { name: 'approval expiry', run: () => expireDue(ctx) })] },
    expireDue: () => expireDue(ctx),
    /** The console's compliance overview: pending requests of the tenant or a manager's reports. */
    compliance: { pendingApprovals: (scope: { tenantId: string; managerId?: string }, at: Date, locale: Locale) => pendingApprovals(deps.db, scope, at, locale) },
  };
}
