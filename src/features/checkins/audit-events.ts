import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import type { EndAnswers, StartAnswers, ViolationKind } from '../../domain/checkins/model';
import type { User } from '../../domain/people/user';
import type { Times } from './repository';

/**
 * What the audit log keeps of a check-in: times, the checklist and the violations with their rule.
 * Never the comment or the mood (free text and wellbeing stay in the check-in tables).
 */
const by = (user: User) => ({ tenantId: user.tenantId, actorId: user.id, subjectId: user.id });

function violationEvent(user: User, workDate: string, phase: 'start' | 'end', violations: readonly { kind: ViolationKind; ruleRef: string }[]): AuditEvent[] {
  if (!violations.length) return [];
  return [{ kind: AUDIT_KINDS.checkinViolation, ...by(user), data: { workDate, phase, violations: violations.map((v) => ({ kind: v.kind, ruleRef: v.ruleRef })) } }];
}

export function startAudit(user: User, workDate: string, answers: StartAnswers, revision: number, violations: readonly { kind: ViolationKind; ruleRef: string }[]): AuditEvent[] {
  const { startTime, place, connection, device, screenPrivate, notShared, vpnConnected, securityUpdated, rulesAcknowledged } = answers;
  return [
    { kind: AUDIT_KINDS.checkinStart, ...by(user), data: { workDate, revision, startTime, place, connection, device, screenPrivate, notShared, vpnConnected, securityUpdated, rulesAcknowledged } },
    ...violationEvent(user, workDate, 'start', violations),
  ];
}

export function endAudit(user: User, workDate: string, answers: EndAnswers, revision: number, times: Times, violations: readonly { kind: ViolationKind; ruleRef: string }[]): AuditEvent[] {
  const { endTime, vpnDisconnected, loggedOff, pcStored } = answers;
  const { breakMinutes, workingMinutes, lateNightMinutes } = times;
  return [
    { kind: AUDIT_KINDS.checkinEnd, ...by(user), data: { workDate, revision, endTime, breakMinutes, workingMinutes, lateNightMinutes, vpnDisconnected, loggedOff, pcStored } },
    ...violationEvent(user, workDate, 'end', violations),
  ];
}

export const dayStatusAudit = (user: User, workDate: string, requested: 'day_off' | 'office', stored: string): AuditEvent => ({
  kind: AUDIT_KINDS.checkinDayStatus,
  ...by(user),
  data: { workDate, requested, stored },
});
