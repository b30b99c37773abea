import type { Localized } from '../domain/shared/locale';

/**
 * Text commands: what the message routes match, what the help card lists (`word`: the keyword shown
 * to a person of that language) and, for the first ten (`menu`: Teams allows ten per command list),
 * what the manifest's command menu offers.
 */
export const COMMANDS = [
  { id: 'start', title: 'start', menu: true, word: { ja: '出勤', en: 'start' }, pattern: /^(start|check ?in|出勤|始業)$/i, description: { en: 'Start-of-work check-in', ja: '出勤（始業）報告' } },
  { id: 'end', title: 'end', menu: true, word: { ja: '退勤', en: 'end' }, pattern: /^(end|check ?out|退勤|終業)$/i, description: { en: 'End-of-work check-out', ja: '退勤（終業）報告' } },
  { id: 'week', title: 'my week', menu: true, word: { ja: '今週', en: 'my week' }, pattern: /^(my ?week|week|今週|週報)$/i, description: { en: 'Show my week', ja: '今週の勤務記録' } },
  { id: 'safety', title: 'safety round', menu: true, word: { ja: '安否確認', en: 'safety round' }, pattern: /^(safety ?round|安否確認)$/i, description: { en: 'Start a safety check (admins)', ja: '安否確認を開始（管理者）' } },
  { id: 'help', title: 'help', menu: true, word: { ja: 'ヘルプ', en: 'help' }, pattern: /^(help|\?|ヘルプ|使い方)$/i, description: { en: 'What I can do', ja: '使い方' } },
  { id: 'homeNetwork', title: 'home network', menu: true, word: { ja: '自宅ネットワーク', en: 'home network' }, pattern: /^(home ?network|自宅ネットワーク)$/i, description: { en: 'Home network self-check', ja: '自宅ネットワークのセルフチェック' } },
  { id: 'privatePc', title: 'private pc', menu: true, word: { ja: '私用PC', en: 'private pc' }, pattern: /^(private ?pc|私用 ?pc)$/i, description: { en: 'Request to use a private PC', ja: '私用PC利用申請' } },
  { id: 'paper', title: 'paper', menu: true, word: { ja: '書類持ち出し', en: 'paper' }, pattern: /^(paper|書類持ち出し|紙資料持ち出し)$/i, description: { en: 'Request to take paper documents out', ja: '紙資料の持ち出し申請' } },
  { id: 'lostDevice', title: 'lost device', menu: true, word: { ja: '紛失', en: 'lost device' }, pattern: /^(lost ?device|stolen ?device|紛失|盗難|端末紛失)$/i, description: { en: 'Report a lost or stolen device', ja: '端末の紛失・盗難を報告' } },
  { id: 'pledge', title: 'pledge', menu: true, word: { ja: '誓約書', en: 'pledge' }, pattern: /^(pledge|誓約書)$/i, description: { en: 'Show the security pledge', ja: '誓約書を表示' } },
  { id: 'pending', title: 'pending', menu: false, word: { ja: '承認待ち', en: 'pending' }, pattern: /^(pending|approvals?|承認待ち)$/i, description: { en: 'Requests waiting for my approval', ja: '承認待ちの申請' } },
  { id: 'incidents', title: 'incidents', menu: false, word: { ja: 'インシデント', en: 'incidents' }, pattern: /^(incidents?|インシデント)$/i, description: { en: 'Open lost-device incidents', ja: '対応中の紛失・盗難インシデント' } },
  { id: 'mySafety', title: 'my safety', menu: false, word: { ja: '安否', en: 'my safety' }, pattern: /^(my ?safety|安否)$/i, description: { en: 'Show my safety check again', ja: '自分の安否確認カードをもう一度表示' } },
  { id: 'worktimeExport', title: 'worktime export', menu: false, word: { ja: '勤怠エクスポート', en: 'worktime export' }, pattern: /^(worktime ?export|勤怠エクスポート|勤怠 ?csv)$/i, description: { en: 'Monthly working-time CSV (admins)', ja: '勤怠エクスポート（管理者）' } },
] as const satisfies readonly { id: string; title: string; menu: boolean; word: Localized; pattern: RegExp; description: Localized }[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/**
 * Longer than any command wrapped in the HTML Teams sends (`<p>…</p>`, mentions): such a message
 * cannot be one, and nothing costs more than this to look at.
 */
const MAX_COMMAND_MESSAGE = 1000;

/**
 * Full-width letters and spaces (common with Japanese IMEs) are folded before matching. Tags are
 * stripped with a pattern that cannot backtrack (`<[^<>]*>`): `<[^>]*>` took seconds on 100 KB of `<`.
 */
export function parseCommand(text: unknown): CommandId | undefined {
  if (typeof text !== 'string' || text.length > MAX_COMMAND_MESSAGE) return undefined;
  const normalized = text.normalize('NFKC').replace(/<[^<>]*>/g, '').trim().replace(/\s+/g, ' ');
  return COMMANDS.find((c) => c.pattern.test(normalized))?.id;
}

/** Read of a message taken as a question: far more than any question, cut before anything else looks at it. */
const MAX_QUESTION_MESSAGE = 2000;

/** The few entities Teams writes into the HTML of a typed message. */
const ENTITIES: Readonly<Record<string, string>> = { '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/**
 * The plain text of a message that is not a command (Teams wraps it in HTML), as typed (no width
 * folding: it may be shown to admins), or undefined when nothing is left.
 */
export function questionText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const plain = text
    .slice(0, MAX_QUESTION_MESSAGE)
    // Paragraphs and line breaks separate words; inline tags (<b>, mentions) do not.
    .replace(/<\/?(?:p|br|div|li)\b[^<>]*>/gi, ' ')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  return plain || undefined;
}
