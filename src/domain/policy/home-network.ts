import { addDays } from '../calendar';
import { isWorkday, type CheckinSchedule } from '../checkins/schedule';
import type { Rule } from './rules';

/**
 * The monthly home-network self-check (G 3 テレワーク場所（自宅）のネットワーク). Each question is asked so
 * that "yes" complies; a "no" is a failure explained with the guideline's own sentence (quoted from
 * seeds/002 without rewording; English is our translation).
 */
export const HOME_NETWORK_CHECKS = ['routerPassword', 'encryption', 'firmware', 'noMacAuth', 'noFamilyBeforeVpn'] as const;
export type HomeNetworkCheck = (typeof HOME_NETWORK_CHECKS)[number];

export type HomeNetworkAnswers = Readonly<Record<HomeNetworkCheck, boolean>>;

const rule = (ja: string, en: string): Rule => Object.freeze({ ref: 'G 3', text: Object.freeze({ ja, en }) });

export const HOME_NETWORK_RULES: Readonly<Record<HomeNetworkCheck, Rule>> = Object.freeze({
  routerPassword: rule(
    '無線の場合、ルーター及びSSIDに強力なパスワードがかかっていること',
    'For wireless connections, the router and SSID must be protected by a strong password.',
  ),
  encryption: rule(
    '暗号化なしや、WEPなど強度が低い暗号化方式の利用は禁止する',
    'No encryption, or weak encryption such as WEP, is prohibited.',
  ),
  firmware: rule(
    '脆弱性対応したファームウェアの更新などがあれば適用すること',
    'Apply firmware updates that fix vulnerabilities whenever they are available.',
  ),
  noMacAuth: rule(
    'MACアドレスをネットワークアクセス認証の用途で利用しない事',
    'Do not use MAC addresses for network access authentication.',
  ),
  noFamilyBeforeVpn: rule(
    '家族と共用のネットワークを利用する場合は、VPN接続が完了するまでは他のPCから侵入される懸念があるため、原則は同時利用を禁止とする（特にVPN接続するまでの間）',
    'When you share the network with your family, other PCs could break in until the VPN connection is up, so using it at the same time is prohibited in principle (especially until the VPN is connected).',
  ),
});

/** The checks answered "no", in HOME_NETWORK_CHECKS order. */
export function homeNetworkFailures(answers: HomeNetworkAnswers): HomeNetworkCheck[] {
  return HOME_NETWORK_CHECKS.filter((check) => !answers[check]);
}

/** `YYYY-MM` of a local date (`YYYY-MM-DD`): the month a self-check belongs to. */
export const monthOf = (localDate: string): string => localDate.slice(0, 7);

/** The first work day (the person's schedule: weekdays, no holidays) of a month `YYYY-MM`; undefined if none. */
export function firstWorkdayOfMonth(month: string, schedule: CheckinSchedule): string | undefined {
  for (let day = `${month}-01`; monthOf(day) === month; day = addDays(day, 1)) {
    if (isWorkday(day, schedule)) return day;
  }
  return undefined;
}
