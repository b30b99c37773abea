import type { IntuneClient } from '../../graph/intune';
import type { JobQueue } from '../../jobs/queue';
import type { ApprovalsCore } from '../approvals';
import type { FeatureDeps } from '../feature';
import type { AppiSettings, IntuneAction } from './model';

export interface DevicesSettings {
  /** INTUNE_FOUR_EYES_ACTIONS: actions that need a second security person's approval. */
  readonly fourEyesActions: readonly IntuneAction[];
  /** Attempts of one Graph action (429 / 5xx / no answer are retried) before it is failed. */
  readonly actionMaxAttempts: number;
  /** INTUNE_APPROVAL_MINUTES: how long a four-eyes action waits for its second person. */
  readonly approvalMinutes: number;
  /** INTUNE_SECOND_APPROVER_ADMINS: admins may be the second person when the security team has one member. */
  readonly secondApproverAdmins: boolean;
  readonly appi: AppiSettings;
  readonly tickSeconds: number;
}

/** The approvals core, for Intune actions that need a second person (four-eyes). */
export type IntuneApprovals = Pick<ApprovalsCore, 'open' | 'decide' | 'cancel' | 'get'>;

/** What every use case of the feature needs; built once by createDevicesFeature. */
export interface DevicesContext extends Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'logger' | 'roles'> {
  readonly queue: Pick<JobQueue, 'send'>;
  /** Intune through Graph; absent in local mode without Graph (then the actions are refused). */
  readonly intune?: IntuneClient;
  readonly approvals?: IntuneApprovals;
  readonly settings: DevicesSettings;
}
