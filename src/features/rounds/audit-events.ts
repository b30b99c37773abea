import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import type { User } from '../../domain/people/user';
import type { SafetyAnswer } from '../../domain/safety/model';
import type { PhoneResult, Round } from './repository';

/**
 * What the audit log keeps of a round: who started, answered, called or closed it, and the
 * statuses. Never the message, a comment or a free-text location (they stay in the round tables).
 */
export const roundStartedAudit = (round: Round, recipients: number): AuditEvent => ({
  kind: AUDIT_KINDS.roundStarted,
  tenantId: round.tenantId,
  actorId: round.startedBy,
  subjectId: round.id,
  data: {
    source: round.source,
    kind: round.kind,
    drill: round.isDrill,
    scope: round.scope.scope,
    prefectures: [...round.scope.prefectures],
    departments: round.scope.departments.length,
    people: round.scope.people.length,
    recipients,
    maxIntensity: round.maxIntensity,
  },
});

/**
 * A recipient's own answer by card. The answer is kept only in a round of the person's tenant
 * (answer-repository.ts), so the person's tenant is the round's. Without `answerId` the statement that
 * keeps the answer adds it (`AuditLog.joined`, late key `answerId`).
 */
export const roundAnsweredAudit = (user: User, answer: SafetyAnswer, answerId?: string): AuditEvent => ({
  kind: AUDIT_KINDS.roundAnswered,
  tenantId: user.tenantId,
  actorId: user.id,
  subjectId: answer.roundId,
  data: { answerId, ownStatus: answer.ownStatus, familyStatus: answer.familyStatus, homeDamage: answer.homeDamage, canWork: answer.canWork, location: answer.location },
});

export const roundPhoneAudit = (round: Round, actor: User, userId: string, result: PhoneResult): AuditEvent => ({
  kind: AUDIT_KINDS.roundPhone,
  tenantId: round.tenantId,
  actorId: actor.id,
  subjectId: round.id,
  data: { userId, result },
});

/** An answer recorded for the person by a manager or admin who reached them (who: actorId; how: phone, in person). */
export const roundProxyAudit = (round: Round, actor: User, params: { userId: string; ownStatus: string; how: string }): AuditEvent => ({
  kind: AUDIT_KINDS.roundProxyAnswer,
  tenantId: round.tenantId,
  actorId: actor.id,
  subjectId: round.id,
  data: { userId: params.userId, ownStatus: params.ownStatus, how: params.how, answeredVia: 'proxy' },
});

/** An answer through the e-mail link (no Teams): the person themselves, marked "answered by e-mail". */
export const roundEmailAnswerAudit = (round: Round, userId: string, answerId: string, ownStatus: string): AuditEvent => ({
  kind: AUDIT_KINDS.roundAnswered,
  tenantId: round.tenantId,
  actorId: userId,
  subjectId: round.id,
  data: { answerId, ownStatus, answeredVia: 'email' },
});

export const roundClosedAudit = (round: Round, admin: User, counts: { total: number; answered: number; pending: number }): AuditEvent => ({
  kind: AUDIT_KINDS.roundClosed,
  tenantId: round.tenantId,
  actorId: admin.id,
  subjectId: round.id,
  data: { ...counts },
});

/** JMA 取消 of the event that started the round (nobody had answered yet). */
export const roundCancelledAudit = (round: Round): AuditEvent => ({
  kind: AUDIT_KINDS.roundCancelled,
  tenantId: round.tenantId,
  subjectId: round.id,
  data: { reason: 'jma_cancelled', source: round.source },
});
