/**
 * Every kind of compliance event the audit log records. Features name kinds through this map, so a
 * typo does not compile and an auditor's filter matches what the code writes.
 */
export const AUDIT_KINDS = {
  checkinStart: 'checkin.start',
  checkinEnd: 'checkin.end',
  checkinViolation: 'checkin.violation',
  checkinDayStatus: 'checkin.day_status',
  checkinGapDetected: 'checkin.gap_detected',
  checkinGapReason: 'checkin.gap_reason',
  /** The 80-hour notice to a worker (安衛法66条の8): a working-time record. */
  checkinOvertimeNotice: 'checkin.overtime_notice',
  reminderSent: 'reminder.sent',
  reminderAnswered: 'reminder.answered',
  signalReceived: 'signal.received',
  /** A device.lost signal over the incident limit: stored, no incident opened, nobody alerted. */
  signalSuppressed: 'signal.suppressed',
  incidentReported: 'incident.reported',
  incidentAcknowledged: 'incident.acknowledged',
  incidentClosed: 'incident.closed',
  deviceAction: 'device.action',
  approvalRequested: 'approval.requested',
  approvalDecided: 'approval.decided',
  pledgeAccepted: 'pledge.accepted',
  homeNetworkAnswered: 'homenet.answered',
  roundStarted: 'round.started',
  roundAnswered: 'round.answered',
  roundPhone: 'round.phone',
  /** An admin sent the safety card again to a round's non-responders from the console. */
  roundResent: 'round.resent',
  roundProxyAnswer: 'round.proxy_answer',
  roundEmailSent: 'round.email_sent',
  roundClosed: 'round.closed',
  roundCancelled: 'round.cancelled',
  adminAction: 'admin.action',
  configLoaded: 'config.loaded',
  /** A new version of the company guideline (content hash) was indexed for answers (GUIDELINE_FILE). */
  guidelineLoaded: 'guideline.loaded',
  deliveryFailed: 'delivery.failed',
  /** A directory role group stayed unreadable past ROLE_SYNC_FAIL_CLOSED_HOURS: its members lost the role (counts only). */
  roleGroupFailClosed: 'role.group_fail_closed',
  /** A role group that had failed closed can be read again: its members have the role again (ids only). */
  roleGroupRestored: 'role.group_restored',
  /** The daily retention run: how many records of each kind it deleted or redacted (counts only). */
  retentionApplied: 'retention.applied',
  /** Written by the retention job only: the rows it removed and the hash the chain continues from. */
  checkpoint: 'audit.checkpoint',
} as const;

export type AuditKind = (typeof AUDIT_KINDS)[keyof typeof AUDIT_KINDS];

/**
 * Rows are kept in one hash chain per retention class, so the retention job removes the oldest
 * rows of a class as a prefix of its own chain and never cuts holes into another class's chain.
 */
export const AUDIT_CHAINS = ['working_time', 'general'] as const;
export type AuditChain = (typeof AUDIT_CHAINS)[number];

/** Working-time records (労働基準法109条: 5 years); everything else follows AUDIT_RETENTION_DAYS. */
export function chainOf(kind: Exclude<AuditKind, 'audit.checkpoint'>): AuditChain {
  return kind.startsWith('checkin.') ? 'working_time' : 'general';
}
