import type { AuditLog } from '../../audit/log';
import type { Outbox, Purpose } from '../../delivery/outbox';
import { PURPOSES } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import type { ApprovalsCore } from './core';

/** What every approval use case needs; built once by createApprovalsFeature. */
export interface ApprovalContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly core: ApprovalsCore;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** ADMIN_USER_IDS: admins besides the directory's admin flag. */
  readonly adminIds: readonly string[];
  /** PRIVATE_PC_APPROVAL_MONTHS. */
  readonly privatePcMonths: number;
}

/** The outbox purpose of approval cards: the urgent lane (someone waits for the answer). */
export const APPROVAL_PURPOSE: Purpose = PURPOSES.approval;
