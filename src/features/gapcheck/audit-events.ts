import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import type { User } from '../../domain/people/user';
import type { GapCheck, GapReason } from './repository';

/** What the audit log keeps of the gap check (working-time chain): the minutes and the reason's kind, never the note. */
const GAP_DETECTED = AUDIT_KINDS.checkinGapDetected;
const GAP_REASON = AUDIT_KINDS.checkinGapReason;

export const gapDetectedAudit = (user: User, check: Pick<GapCheck, 'workDate' | 'startMinutes' | 'endMinutes' | 'minutes'>): AuditEvent => ({
  kind: GAP_DETECTED,
  tenantId: user.tenantId,
  subjectId: user.id,
  data: { workDate: check.workDate, phase: 'gap', event: 'gap_detected', startMinutes: check.startMinutes ?? 0, endMinutes: check.endMinutes ?? 0, minutes: check.minutes ?? 0 },
});

export const gapReasonAudit = (user: User, workDate: string, reason: GapReason, withNote: boolean): AuditEvent => ({
  kind: GAP_REASON,
  tenantId: user.tenantId,
  actorId: user.id,
  subjectId: user.id,
  data: { workDate, phase: 'gap', event: 'gap_reason', reason, withNote },
});
