import type { EndAnswers, StartAnswers, ViolationKind } from './model';

/**
 * Which guideline rules a check-in breaks (DOMAIN rule table). Results follow VIOLATION_KINDS order so
 * stored records, audit entries and digests compare equal for the same answers.
 */
export interface StartContext {
  /**
   * The user has an active approved private-PC request (G 3: 私用PC … 上長に申請し、許可を受けなければならない);
   * the check-in service asks the approvals feature, or the directory flag where it is not wired.
   */
  readonly privatePcApproved: boolean;
}

export function evaluateStart(answers: StartAnswers, user: StartContext): ViolationKind[] {
  const violations: ViolationKind[] = [];
  if (answers.place === 'other') violations.push('place_other');
  if (answers.connection === 'public_wifi') violations.push('public_wifi');
  if (answers.connection === 'home_wifi_open') violations.push('insecure_wifi');
  if (answers.device === 'private_pc' && !user.privatePcApproved) violations.push('private_pc_unapproved');
  if (!answers.screenPrivate) violations.push('screen_visible');
  if (!answers.notShared) violations.push('pc_shared');
  if (!answers.vpnConnected) violations.push('vpn_not_connected');
  if (!answers.securityUpdated) violations.push('security_outdated');
  return violations;
}

export function evaluateEnd(answers: EndAnswers): ViolationKind[] {
  return answers.vpnDisconnected ? [] : ['vpn_not_disconnected'];
}
