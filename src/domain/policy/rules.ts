import type { ViolationKind } from '../checkins/model';
import type { Localized } from '../shared/locale';

export interface Rule {
  /** Section of the company guideline セキュリティーガイドライン（テレワーク版）, cited as G in DOMAIN.md. */
  readonly ref: string;
  /** Japanese: quoted from the guideline; English: our translation. */
  readonly text: Localized;
}

/**
 * The rule behind each violation, shown to the user when it is recorded and to the manager in the
 * digest. The Japanese is quoted from seeds/002 (G) without rewording. For private_pc_unapproved two
 * sentences of G 3 「利用するＰＣ機器等」 are joined: the bracketed subject comes from its heading
 * 「自己所有の私用PCについて」, and 「以下の情報を」 is left out because the list it points to (the user
 * declares a non-public line and enabled security/OS updates) belongs to the request card, not here.
 * security_outdated quotes the second item of that list without its 「の宣言」 (the rule, not the declaration).
 */
export const RULES: Readonly<Record<ViolationKind, Rule>> = Object.freeze({
  place_other: Object.freeze({
    ref: 'G 1.1',
    text: Object.freeze({
      ja: '在宅勤務中は、自宅以外の場所での業務を禁止する',
      en: 'While working from home, working anywhere other than your home is prohibited.',
    }),
  }),
  public_wifi: Object.freeze({
    ref: 'G 1.2, 3',
    text: Object.freeze({
      ja: '公衆やフリーのアクセスポイント等、漏洩リスクの高いネットワークへの接続は禁止する',
      en: 'Connecting to networks with a high risk of leaks, such as public or free access points, is prohibited.',
    }),
  }),
  insecure_wifi: Object.freeze({
    ref: 'G 3',
    text: Object.freeze({
      ja: '無線の場合、ルーター及びSSIDに強力なパスワードがかかっていること。暗号化なしや、WEPなど強度が低い暗号化方式の利用は禁止する',
      en: 'For wireless connections, the router and SSID must be protected by a strong password. No encryption, or weak encryption such as WEP, is prohibited.',
    }),
  }),
  private_pc_unapproved: Object.freeze({
    ref: 'G 1.3, 3',
    text: Object.freeze({
      ja: '原則として会社から貸与したＰＣからのみ業務が可能。（私用PCを）業務で使用する場合は、上長に申請し、許可を受けなければならない',
      en: 'As a rule, work only on the PC lent by the company. To use a private PC for work, you must apply to your manager and obtain permission.',
    }),
  }),
  // The start card's self-checks (G 3 テレワークを実行する時の環境への注意, テレワーク場所（自宅）のネットワーク).
  screen_visible: Object.freeze({
    ref: 'G 1.5, 3',
    text: Object.freeze({
      ja: '家族や他の人がいる場合、画面が容易に見られない作業場所を確保する事',
      en: 'When family or other people are present, secure a place to work where your screen cannot easily be seen.',
    }),
  }),
  pc_shared: Object.freeze({
    ref: 'G 1.5, 3',
    text: Object.freeze({
      ja: '全てのアクセス手段（接続方法及びID/PASS等）は、自分以外の人には教えない事、メモを貼らない事、会社貸与や顧客貸与の業務用PCを触らせない事',
      en: 'Never tell anyone else your means of access (connection method, IDs and passwords), never put them on notes, and never let anyone touch the work PC lent by the company or a customer.',
    }),
  }),
  vpn_not_connected: Object.freeze({
    ref: 'G 3',
    text: Object.freeze({
      ja: 'VPNを稼働していない状態で、自宅ネットワークに接続することは禁止する',
      en: 'Connecting to your home network without the VPN running is prohibited.',
    }),
  }),
  security_outdated: Object.freeze({
    ref: 'G 3',
    text: Object.freeze({
      ja: 'セキュリティソフト及び、OSのアップデートを常に有効に設定している事',
      en: 'Security software and OS updates must always be enabled.',
    }),
  }),
  vpn_not_disconnected: Object.freeze({
    ref: 'G 3',
    text: Object.freeze({
      ja: '業務が終了したら速やかにRV・VPNの接続を終了し、PCをログオフする事',
      en: 'When work ends, promptly end the RV/VPN connection and log off the PC.',
    }),
  }),
});
