/**
 * The lost-device incident as the feature sees it, and the pure rules on it: who may act, which
 * Intune actions need a second person, and the APPI (個人情報保護法) deadlines for the PPC reports.
 */
import type { IntuneAction } from '../../graph/intune';

export const DEVICE_TYPES = ['company_pc', 'company_phone', 'private_phone', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export type IncidentKind = 'lost' | 'stolen';
export type IncidentState = 'open' | 'acknowledged' | 'closed';
export type ReportFiled = 'preliminary' | 'final' | 'none_needed';
export type AppiDeadline = 'preliminary' | 'final';
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

export interface AppiSettings {
  /** Days from discovery to the preliminary report (PPC: about 3–5 days). */
  readonly preliminaryDays: number;
  /** How long before each deadline the security team is reminded. */
  readonly reminderHoursBefore: number;
}

const DAY_MS = 86_400_000;

/**
 * APPI: a leak of personal data on a device that was not (known to be) encrypted must be reported
 * to the PPC: preliminary within a few days of discovery, final within 30 days (60 when stolen,
 * i.e. a malicious act). No report is due when no personal data was on it or it was encrypted.
 */
export function appiDeadlines(r: Pick<IncidentReport, 'personalData' | 'encrypted' | 'kind'>, discoveredAt: Date, s: AppiSettings): { preliminary: Date; final: Date } | undefined {
  if (r.personalData === 'no' || r.encrypted === 'yes') return undefined;
  const at = discoveredAt.getTime();
  return { preliminary: new Date(at + s.preliminaryDays * DAY_MS), final: new Date(at + (r.kind === 'stolen' ? 60 : 30) * DAY_MS) };
}

/**
 * The PPC reports an incident still owes: none once "none needed" or the final report is recorded;
 * the final one alone once the preliminary is filed. Closing does not settle them (APPI 26条).
 */
export function outstandingReports(i: Pick<Incident, 'appiPreliminaryDue' | 'appiFinalDue' | 'reportsFiled'>): AppiDeadline[] {
  if (!i.appiPreliminaryDue || !i.appiFinalDue) return [];
  const filed = new Set(i.reportsFiled);
  if (filed.has('none_needed') || filed.has('final')) return [];
  return filed.has('preliminary') ? ['final'] : ['preliminary', 'final'];
}

/** When the reminder before a deadline is due: never before the discovery itself. */
export function reminderDue(deadline: Date, discoveredAt: Date, s: AppiSettings): Date {
  return new Date(Math.max(discoveredAt.getTime(), deadline.getTime() - s.reminderHoursBefore * 3_600_000));
}
