import { fill } from '../../cards/format';
import type { Locale } from '../../domain/shared/locale';

/**
 * Approval texts outside the card templates: titles per kind, facts, state lines, validation
 * messages, notifications and refusals. Every key exists in both languages.
 */
const ja = {
  titlePrivatePc: '💻 私用PC利用申請',
  titlePaper: '📄 紙資料の持ち出し申請',
  titleIntune: '🔐 デバイス操作の承認',
  validity: '承認されると {date} まで有効です（{months} か月）。',
  summaryApprover: '{name} さん{dept}から承認の依頼が届きました。',
  summaryRequester: '申請を送信しました。承認者: {approvers}',
  factRequestedAt: '申請日時',
  factReason: '理由',
  factValidUntil: '有効期限',
  factDocuments: '持ち出す資料',
  factCustomer: '顧客・同意者',
  factUntil: '持ち出し期限',
  customerConsent: '顧客から持ち出しの許可を得ています',
  noCopies: '持ち出した資料を複製せず、第三者に見せません',
  statePending: '⏳ 承認待ち',
  stateApproved: '✓ 承認されました（{name}、{at}）',
  stateRejected: '✗ 却下されました（{name}、{at}）',
  stateExpired: '期限切れです。必要であれば、もう一度申請してください。',
  stateCancelled: '取り消されました',
  errDeclarations: '3 つの宣言すべてにチェックしてください。会社の基準を満たせない私用PCは申請できません。',
  errReason: '申請理由を入力してください（500 文字まで）。',
  errDocuments: '持ち出す資料を入力してください（500 文字まで）。',
  errCustomer: '顧客名と同意した方を入力してください（200 文字まで）。',
  errConsent: '顧客の許可と、複製・第三者閲覧をしないことの両方にチェックしてください。顧客の許可がない資料は持ち出せません。',
  errUntil: '持ち出し期限を {min} から {max} の間で選んでください。',
  errReasonLength: '理由は 500 文字までにしてください。',
  noApproverTitle: '承認者が見つかりません',
  noApprover: '承認者（上長または管理者）が見つかりません。管理者に連絡してください。',
  pendingExists: 'すでに承認待ちの申請があります。承認者の判断をお待ちください。',
  rejectNeedsComment: '却下する場合は、コメントに理由を入力してください。',
  notifyRequest: '{name} さんから承認の依頼: {title}',
  notifyApproved: '申請が承認されました: {title}',
  notifyRejected: '申請が却下されました: {title}',
  notAllowedTitle: '権限がありません',
  notAllowedText: 'この申請を承認・却下できるのは、申請者の上長または管理者だけです。申請は変更されていません。',
  notFoundTitle: '申請が見つかりません',
  notFoundText: 'この申請は見つからないか、あなたの組織のものではありません。',
} as const;

export type ApprovalMessageKey = keyof typeof ja;

const en: Record<ApprovalMessageKey, string> = {
  titlePrivatePc: '💻 Private PC request',
  titlePaper: '📄 Taking paper documents out',
  titleIntune: '🔐 Device action approval',
  validity: 'Once approved, valid until {date} ({months} months).',
  summaryApprover: '{name}{dept} asks for your approval.',
  summaryRequester: 'Your request was sent. Approvers: {approvers}',
  factRequestedAt: 'Requested',
  factReason: 'Reason',
  factValidUntil: 'Valid until',
  factDocuments: 'Documents',
  factCustomer: 'Customer, consent by',
  factUntil: 'Taken out until',
  customerConsent: 'The customer has allowed the documents to be taken out.',
  noCopies: 'The documents will not be copied or shown to third parties.',
  statePending: '⏳ Waiting for approval',
  stateApproved: '✓ Approved ({name}, {at})',
  stateRejected: '✗ Rejected ({name}, {at})',
  stateExpired: 'Expired. Please send a new request if you still need it.',
  stateCancelled: 'Cancelled',
  errDeclarations: 'Please tick all three declarations. A private PC that does not meet the company standard cannot be approved.',
  errReason: 'Please give a reason (up to 500 characters).',
  errDocuments: 'Please name the documents (up to 500 characters).',
  errCustomer: 'Please name the customer and who gave consent (up to 200 characters).',
  errConsent: 'Please confirm both the customer\'s permission and that nothing is copied or shown to others. Documents cannot be taken out without the customer\'s permission.',
  errUntil: 'Please choose an "until" date between {min} and {max}.',
  errReasonLength: 'Please keep the reason to 500 characters.',
  noApproverTitle: 'No approver found',
  noApprover: 'No approver (manager or admin) was found. Please contact your admin.',
  pendingExists: 'You already have a request waiting for approval. Please wait for the decision.',
  rejectNeedsComment: 'Please give a reason in the comment when rejecting.',
  notifyRequest: '{name} asks for approval: {title}',
  notifyApproved: 'Your request was approved: {title}',
  notifyRejected: 'Your request was rejected: {title}',
  notAllowedTitle: 'Not allowed',
  notAllowedText: "Only the requester's manager or an admin can approve or reject this request. Nothing was changed.",
  notFoundTitle: 'Request not found',
  notFoundText: 'This request was not found, or it belongs to another organization.',
};

const MESSAGES: Readonly<Record<Locale, Readonly<Record<ApprovalMessageKey, string>>>> = { ja, en };

export function approvalMessage(locale: Locale, key: ApprovalMessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fill(MESSAGES[locale][key], values);
}
