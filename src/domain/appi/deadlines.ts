/**
 * APPI (個人情報保護法) reports to the PPC (個人情報保護委員会) after a lost or stolen device, as
 * pure rules: when they are due, when the security team is reminded, which are still owed, which
 * are overdue. DOMAIN.md "Lost or stolen device".
 *
 * - 法 26条1項, 施行規則 7条: a leak (or possible leak) of personal data must be reported when it
 *   may harm the person; 施行規則 7条1号 exempts data protected by advanced encryption
 *   (高度な暗号化その他の個人の権利利益を保護するために必要な措置) — hence no report when encrypted,
 *   nor when no personal data was on the device.
 * - 施行規則 8条1項 (速報): promptly (速やかに), in PPC guidance about 3–5 days after discovery.
 * - 施行規則 8条2項 (確報): within 30 days of discovery; 60 days when the leak may come from an act
 *   done for an unfair purpose (不正の目的, 施行規則 7条3号) — a stolen device counts as such.
 */

export type AppiReport = 'preliminary' | 'final';
export type ReportRecorded = AppiReport | 'none_needed';
export type YesNoUnknown = 'yes' | 'no' | 'unknown';

export interface AppiSettings {
  /** Days from discovery to the preliminary report (PPC: about 3–5 days). */
  readonly preliminaryDays: number;
  /** How long before each deadline the security team is reminded. */
  readonly reminderHoursBefore: number;
}

export interface AppiDeadlines {
  readonly preliminary: Date;
  readonly final: Date;
}

const DAY_MS = 86_400_000;
/** 施行規則 8条2項: 30 days, 60 for an act with an unfair purpose (a theft). */
const FINAL_DAYS = { lost: 30, stolen: 60 } as const;

/** The PPC deadlines of an incident, or none when no personal data was on it or it was encrypted (施行規則 7条1号). */
export function appiDeadlines(
  facts: { readonly personalData: YesNoUnknown; readonly encrypted: YesNoUnknown; readonly kind: 'lost' | 'stolen' },
  discoveredAt: Date,
  settings: AppiSettings,
): AppiDeadlines | undefined {
  if (facts.personalData === 'no' || facts.encrypted === 'yes') return undefined;
  const at = discoveredAt.getTime();
  return { preliminary: new Date(at + settings.preliminaryDays * DAY_MS), final: new Date(at + FINAL_DAYS[facts.kind] * DAY_MS) };
}

/** When the reminder before a deadline is due: never before the discovery itself. */
export function reminderDue(deadline: Date, discoveredAt: Date, settings: AppiSettings): Date {
  return new Date(Math.max(discoveredAt.getTime(), deadline.getTime() - settings.reminderHoursBefore * 3_600_000));
}

interface ReportState {
  readonly appiPreliminaryDue?: Date;
  readonly appiFinalDue?: Date;
  readonly reportsFiled: readonly ReportRecorded[];
}

/**
 * The reports an incident still owes: none once "none needed" or the final report is recorded (the
 * final report supersedes the preliminary one); the final alone once the preliminary is filed.
 * Closing the incident does not settle them.
 */
export function outstandingReports(state: ReportState): AppiReport[] {
  if (!state.appiPreliminaryDue || !state.appiFinalDue) return [];
  const filed = new Set(state.reportsFiled);
  if (filed.has('none_needed') || filed.has('final')) return [];
  return filed.has('preliminary') ? ['final'] : ['preliminary', 'final'];
}

/** The reports still owed whose deadline has come (at the deadline itself it is overdue). */
export function overdueReports(state: ReportState, now: Date): AppiReport[] {
  const due = (r: AppiReport) => (r === 'preliminary' ? state.appiPreliminaryDue : state.appiFinalDue);
  return outstandingReports(state).filter((r) => (due(r)?.getTime() ?? Infinity) <= now.getTime());
}
