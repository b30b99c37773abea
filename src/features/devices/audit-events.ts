import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import type { DeviceActionRow, Incident } from './model';

/**
 * What the audit log keeps of an incident: who reported, who was alerted, each Intune action and its
 * result, and the close with the reports filed. Never the free text (where, data on it, report numbers).
 */
export const incidentReportedAudit = (incident: Incident, alerted: { manager: boolean; security: number }): AuditEvent => ({
  kind: AUDIT_KINDS.incidentReported,
  tenantId: incident.tenantId,
  actorId: incident.reportedBy,
  subjectId: incident.id,
  data: {
    userId: incident.userId, source: incident.source, kind: incident.kind, deviceType: incident.deviceType, encrypted: incident.encrypted, screenLocked: incident.screenLocked,
    personalData: incident.personalData, appi: incident.appiPreliminaryDue !== undefined, managerAlerted: alerted.manager, securityAlerted: alerted.security,
  },
});

/** One step of an Intune action: requested, approved, rejected, succeeded, failed. */
export const deviceActionAudit = (incident: Incident, action: DeviceActionRow, step: string, actorId?: string, error?: string): AuditEvent => ({
  kind: AUDIT_KINDS.deviceAction,
  tenantId: incident.tenantId,
  actorId,
  subjectId: incident.id,
  data: { actionId: action.id, action: action.action, targetId: action.targetId, step, attempts: action.attempts, error: error ?? null },
});

/** Acknowledge and close: the security team's steps on the incident (close names the reports filed). */
export const incidentStepAudit = (incident: Incident, step: 'acknowledged' | 'alert_acknowledged' | 'closed' | 'final_filed', actorId: string, reports?: readonly string[]): AuditEvent => ({
  kind: step === 'closed' || step === 'final_filed' ? AUDIT_KINDS.incidentClosed : AUDIT_KINDS.incidentAcknowledged,
  tenantId: incident.tenantId,
  actorId,
  subjectId: incident.id,
  // The manager's (or an admin's) "seen" on the alert is told apart from the security team's acknowledgement.
  data: step === 'alert_acknowledged' ? { reports: null, alert: true } : { reports: reports ? [...reports] : null, ...(step === 'final_filed' ? { finalFiled: true } : {}) },
});
