/**
 * The lost-device incident as the feature sees it. The APPI (個人情報保護法) rules on its PPC
 * reports are in src/domain/appi/deadlines.ts.
 */
import type { AppiReport, ReportRecorded } from '../../domain/appi/deadlines';
import type { IntuneAction } from '../../graph/intune';

export const DEVICE_TYPES = ['company_pc', 'company_phone', 'private_phone', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export type IncidentKind = 'lost' | 'stolen';
export type IncidentState = 'open' | 'acknowledged' | 'closed';
export type { AppiSettings } from '../../domain/appi/deadlines';
/** The PPC reports (the rules on them: src/domain/appi/deadlines.ts). */
export type ReportFiled = ReportRecorded;
export type AppiDeadline = AppiReport;
export type { IntuneAction };

/** What the person reports (DOMAIN.md "Lost or stolen device"); free text stays in the incident tables. */
export interface IncidentReport {
  readonly kind: IncidentKind;
  readonly deviceType: DeviceType;
  readonly serial?: string;
  readonly lostWhen?: string;
  readonly lostWhere?: string;
  readonly lastUsed?: string;
  readonly encrypted: YesNoUnknown;
  readonly screenLocked: YesNoUnknown;
  readonly dataOnIt?: string;
  readonly personalData: YesNoUnknown;
  readonly policeReport?: string;
}

export interface Incident extends IncidentReport {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly reportedBy?: string;
  readonly source: 'report' | 'signal';
  readonly state: IncidentState;
  readonly discoveredAt: Date;
  readonly appiPreliminaryDue?: Date;
  readonly appiFinalDue?: Date;
  readonly reportsFiled: readonly ReportFiled[];
  readonly devicesRead: boolean;
  readonly reporterCardId?: string;
  readonly version: number;
  readonly closedAt?: Date;
}

/** Why the job did not run an action (shown in words on the card: SKIP_KEYS in views.ts). */
export type SkipReason = 'incident_closed' | 'device_not_owned' | 'approval_invalid';

/** expired: the approval ran out; cancelled: the incident was closed first; skipped: the run-time check refused it. */
export type ActionStatus = 'awaiting_approval' | 'queued' | 'running' | 'succeeded' | 'failed' | 'rejected' | 'expired' | 'cancelled' | 'skipped';

export interface DeviceActionRow {
  readonly id: string;
  readonly incidentId: string;
  readonly action: IntuneAction;
  readonly targetId: string;
  readonly status: ActionStatus;
  readonly requestedBy: string;
  readonly approvalId?: string;
  readonly attempts: number;
  readonly error?: string;
}
