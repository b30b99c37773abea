import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import type { DeviceActionRow, Incident } from './model';

/**
 * What the audit log keeps of an incident: who reported, who was alerted, each Intune action and its
 * result, and the close with the reports filed. Never the free text (where, data on it, report numbers).
 */
export const incidentReportedAudit = (i: Incident, alerted: { manager: boolean; security: number }): AuditEvent => ({
  kind: AUDIT_KINDS.incidentReported,
  tenantId: i.tenantId,
  actorId: i.reportedBy,
  subjectId: i.id,
  data: {
    userId: i.userId, source: i.source, kind: i.kind, deviceType: i.deviceType, encrypted: i.encrypted, screenLocked: i.screenLocked,
    personalData: i.personalData, appi: i.appiPreliminaryDue !== undefined, managerAlerted: alerted.manager, securityAlerted: alerted.security,
  },
});

/** One step of an Intune action: requested, approved, rejected, succeeded, failed. */
export const deviceActionAudit = (i: Incident, a: DeviceActionRow, step: string, actorId?: string, error?: string): AuditEvent => ({
  kind: AUDIT_KINDS.deviceAction,
  tenantId: i.tenantId,
  actorId,
  subjectId: i.id,
  data: { actionId: a.id, action: a.action, targetId: a.targetId, step, attempts: a.attempts, error: error ?? null },
});

/** Acknowledge and close: the security team's steps on the incident (close names the reports filed). */
export const incidentStepAudit = (i: Incident, step: 'acknowledged' | 'alert_acknowledged' | 'closed' | 'final_filed', actorId: string, reports?: readonly string[]): AuditEvent => ({
  kind: step === 'closed' || step === 'final_filed' ? AUDIT_KINDS.incidentClosed : AUDIT_KINDS.incidentAcknowledged,
  tenantId: i.tenantId,
  actorId,
  subjectId: i.id,
  // The manager's (or an admin's) "seen" on the alert is told apart from the security team's acknowledgement.
  data: step === 'alert_acknowledged' ? { reports: null, alert: true } : { reports: reports ? [...reports] : null, ...(step === 'final_filed' ? { finalFiled: true } : {}) },
});
