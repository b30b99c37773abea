import type { HomeNetworkCheck } from '../../domain/policy/home-network';
import { fieldLabelFrom, textCatalog, type TextsOf } from '../../cards/texts';

/**
 * Texts of the home-network card (`${t.homeNetwork.title}` in the template) and the texts the code
 * fills in: `{year}`/`{month}` of the self-check, `{time}` a local date and time.
 */
const ja = {
  homeNetwork: {
    title: '自宅ネットワークのセルフチェック（月次）',
    intro: 'セキュリティーガイドライン（テレワーク版）3「テレワーク場所（自宅）のネットワーク」の確認です。当てはまるものをオンにしてください。',
    monthLabel: '{year}年{month}月',
    checks: {
      routerPassword: 'ルーターの管理画面とSSID（Wi-Fi）に強力なパスワードを設定している（有線のみの場合もオン）',
      encryption: '暗号化なし・WEPのWi-Fiは使っていない（WPA2以上）',
      firmware: 'ルーターなど通信機器のファームウェアを最新に更新している（メーカーサポート中の機器）',
      noMacAuth: 'MACアドレスをネットワークの認証（MACアドレスフィルタリングによる接続許可）に使っていない',
      noFamilyBeforeVpn: 'VPN接続が完了するまで、家族の機器と自宅ネットワークを同時に使っていない',
    } satisfies Record<HomeNetworkCheck, string>,
    failuresHeading: '⚠ ガイドラインに沿っていない項目があります',
    allGood: '✅ 自宅ネットワークはガイドラインに沿っています。',
    submit: '回答する',
    update: '回答を更新',
    answeredAt: '{time} に回答しました',
    notify: '今月の自宅ネットワークのセルフチェックをお願いします',
  },
};

const en: TextsOf<typeof ja> = {
  homeNetwork: {
    title: 'Home network self-check (monthly)',
    intro: 'A check of section 3 of the telework security guideline, "Home network". Turn on each statement that is true.',
    monthLabel: '{year}-{month}',
    checks: {
      routerPassword: 'The router admin page and the SSID (Wi-Fi) have strong passwords (also on if you only use a cable)',
      encryption: 'I do not use Wi-Fi without encryption or with WEP (WPA2 or better)',
      firmware: 'The firmware of my router and other network devices is up to date (devices still supported by the maker)',
      noMacAuth: 'MAC addresses are not used to authenticate devices on my network (no MAC-address filtering as access control)',
      noFamilyBeforeVpn: 'Family devices do not use the home network at the same time until my VPN connection is up',
    },
    failuresHeading: '⚠ Some items do not follow the guideline',
    allGood: '✅ Your home network follows the guideline.',
    submit: 'Submit',
    update: 'Update answers',
    answeredAt: 'Answered at {time}',
    notify: "Please do this month's home network self-check",
  },
};

/** Both languages: the card renderer's `t`, and the texts the code fills in. */
export const HOME_NETWORK_TEXTS = textCatalog(ja, en);

/** The statement the home-network card shows next to each toggle, for the error card that lists invalid ones. */
export const homeNetworkFieldLabel = fieldLabelFrom((locale) => HOME_NETWORK_TEXTS[locale].homeNetwork.checks);
