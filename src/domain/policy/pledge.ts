import type { Rule } from './rules';

/**
 * What the security pledge 誓約書 lists (G 目的: 初めて在宅勤務を実行する時には、「在宅勤務時のセキュリティ遵守に
 * 関する誓約書」の事前提出が必要). The Japanese is quoted from seeds/002 (G 1 and G 3) without rewording;
 * the English is our translation. The pledge is given again whenever GUIDELINE_VERSION changes.
 */
const rule = (ref: string, ja: string, en: string): Rule => Object.freeze({ ref, text: Object.freeze({ ja, en }) });

export const PLEDGE_RULES: readonly Rule[] = Object.freeze([
  rule('G 1.1', '在宅勤務中は、自宅以外の場所での業務を禁止する', 'While working from home, working anywhere other than your home is prohibited.'),
  rule(
    'G 1.2',
    '公衆やフリーのアクセスポイント等、漏洩リスクの高いネットワークへの接続は禁止する',
    'Connecting to networks with a high risk of leaks, such as public or free access points, is prohibited.',
  ),
  rule('G 1.3', '会社貸与ＰＣ以外へのデータの複製、保存は禁止する', 'Copying or saving data anywhere but the company-issued PC is prohibited.'),
  rule(
    'G 1.4',
    'スクリーンショットの画像化や印刷、テキストのコピー等の情報複製を禁止する',
    'Duplicating information by screenshots, printing, copying text and the like is prohibited.',
  ),
  rule(
    'G 1.5',
    '社員以外の同居人等が、会社貸与ＰＣ及び機密情報に接する行為を禁止する',
    'Anyone living with you who is not an employee must not come into contact with the company PC or confidential information.',
  ),
  rule(
    'G 1.6',
    'テレワーク勤務における紙資料の持ち出しに関しては原則禁止する',
    'Taking paper documents out for telework is prohibited in principle.',
  ),
  rule(
    'G 3',
    '原則として会社から貸与したＰＣからのみ業務が可能',
    'As a rule, work only on the PC lent by the company.',
  ),
  rule(
    'G 3',
    'VPNを稼働していない状態で、自宅ネットワークに接続することは禁止する',
    'Connecting to your home network without the VPN running is prohibited.',
  ),
  rule(
    'G 3',
    '利用中の画面は自分以外が見られないようにし、休憩時を含みPCから離れる時は他の人がそばにいなくても必ず画面をロックする事',
    'Keep your screen out of sight of others while you use it, and always lock it when you leave the PC, breaks included, even when nobody is near.',
  ),
  rule(
    'G 3',
    '業務が終了したら速やかにRV・VPNの接続を終了し、PCをログオフする事',
    'When work ends, promptly end the RV/VPN connection and log off the PC.',
  ),
  rule('G 3', 'PCを利用しない時には、キャビネット等に保管する事（鍵付きを推奨）', 'Store the PC in a cabinet or similar when not using it (a lockable one is recommended).'),
]);
