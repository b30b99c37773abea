import type { Purpose } from '../../delivery/outbox';
import { PURPOSES } from '../../delivery/outbox';
import type { FeatureDeps } from '../feature';
import type { ApprovalsCore } from './core';

/** What every approval use case needs; built once by createApprovalsFeature. */
export interface ApprovalContext extends Pick<FeatureDeps, 'db' | 'clock' | 'outbox' | 'audit' | 'logger' | 'roles'> {
  readonly core: ApprovalsCore;
  /** PRIVATE_PC_APPROVAL_MONTHS. */
  readonly privatePcMonths: number;
}

/** The outbox purpose of approval cards: the urgent lane (someone waits for the answer). */
export const APPROVAL_PURPOSE: Purpose = PURPOSES.approval;
