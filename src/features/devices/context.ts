import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import type { IntuneClient } from '../../graph/intune';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../log/logger';
import type { Db, Executor } from '../../store/db';
import type { AppiSettings, IntuneAction } from './model';

export interface DevicesSettings {
  /** SECURITY_TEAM_USER_IDS: alerted and allowed to act, next to the directory's security group. */
  readonly securityTeamUserIds: readonly string[];
  /** INTUNE_FOUR_EYES_ACTIONS: actions that need a second security person's approval. */
  readonly fourEyesActions: readonly IntuneAction[];
  /** Attempts of one Graph action (429 / 5xx / no answer are retried) before it is failed. */
  readonly actionMaxAttempts: number;
  readonly appi: AppiSettings;
  readonly tickSeconds: number;
}

/**
 * The part of the approvals core (src/features/approvals, APPROVALS-PORT.md) this feature uses,
 * as a structural type: the composition root passes the core in, so no import between features.
 */
export interface IntuneApprovals {
  open(
    tx: Executor,
    input: {
      readonly key: string;
      readonly kind: 'intune_action';
      readonly tenantId: string;
      readonly requesterId: string;
      readonly approverIds: readonly string[];
      readonly requesterMayApprove: boolean;
      readonly requiredApprovals: number;
      readonly subjectId?: string;
      readonly payload: Readonly<Record<string, string | number | boolean | null>>;
    },
  ): Promise<{ readonly id: string }>;
  decide(tx: Executor, input: { id: string; actorId: string; decision: 'approve' | 'reject' }): Promise<{ readonly kind: string }>;
}

/** What every use case of the feature needs; built once by createDevicesFeature. */
export interface DevicesContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly queue: Pick<JobQueue, 'send'>;
  /** Intune through Graph; absent in local mode without Graph (then the actions are refused). */
  readonly intune?: IntuneClient;
  readonly approvals?: IntuneApprovals;
  readonly settings: DevicesSettings;
}
