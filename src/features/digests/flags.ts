import { formatMinutes } from '../../cards/format';
import type { Locale } from '../../domain/shared/locale';
import { agreementLimitsCrossed } from '../../domain/worktime/assess';
import type { DigestContext } from './context';
import { digestText, violationLabel, type DigestTextKey } from './texts';
import type { MemberDigest } from './member';

const hours = (minutes: number, locale: Locale): string => formatMinutes(minutes, locale);

const LIMIT_KEYS = {
  monthly100: 'limitMonthly100', average80: 'limitAverage80', yearly360: 'limitYearly360', yearly720: 'limitYearly720', over45Months: 'limitOver45Months',
} as const satisfies Record<ReturnType<typeof agreementLimitsCrossed>[number], DigestTextKey>;

/** The gap flag: minutes, the reason as text, and (cards only) the person's note. */
function gapText(digest: MemberDigest, locale: Locale, notes: boolean): string {
  const minutes = hours(digest.gap?.minutes ?? 0, locale);
  const reason = digest.gap?.reason?.[locale];
  if (!reason) return digestText(locale, 'flagGap', { m: minutes });
  const note = notes ? digest.gap?.note?.trim().slice(0, 200) : undefined;
  return note ? digestText(locale, 'flagGapReasonNote', { m: minutes, reason, note }) : digestText(locale, 'flagGapReason', { m: minutes, reason });
}

/**
 * The flags of one member as the manager reads them. `notes: false` leaves the person's free-text
 * gap note out (CSV files travel further than cards); the chosen reason stays, as text.
 */
export function flagTexts(digest: MemberDigest, ctx: Pick<DigestContext, 'policy'>, locale: Locale, notes = true): string[] {
  const a = digest.assessment;
  const p = ctx.policy;
  return digest.flags.map((flag) => {
    switch (flag) {
      case 'low_mood':
        return digestText(locale, 'flagLowMood', { n: a.lowMoodRun });
      case 'missing_checkins':
        return digestText(locale, 'flagMissing', { n: a.missing.length });
      case 'overtime_warning':
        return digestText(locale, 'flagOvertimeWarning', { h: hours(a.month.overtimeMinutes, locale), limit: hours(p.overtimeWarningMinutes, locale) });
      case 'overtime_notice':
        return digestText(locale, 'flagOvertimeNotice', { h: hours(a.month.healthCheckMinutes, locale), limit: hours(p.overtimeNoticeMinutes, locale) });
      case 'agreement_limit':
        return digestText(locale, 'flagAgreementLimit', { list: agreementLimitsCrossed(a.month).map((k) => digestText(locale, LIMIT_KEYS[k])).join(', ') });
      case 'projected_overtime':
        return digestText(locale, 'flagProjectedOvertime', { h: hours(a.projection?.overtimeMinutes ?? 0, locale), limit: hours(p.overtimeWarningMinutes, locale) });
      case 'projected_notice':
        return digestText(locale, 'flagProjectedNotice', { h: hours(a.projection?.healthCheckMinutes ?? 0, locale), limit: hours(p.overtimeNoticeMinutes, locale) });
      case 'short_rest':
        return digestText(locale, 'flagShortRest', { h: hours(Math.min(...a.shortRests.map((r) => r.minutes)), locale), limit: hours(p.restIntervalMinMinutes, locale) });
      case 'late_night':
        return digestText(locale, 'flagLateNight', { m: hours(a.report?.lateNightMinutes ?? 0, locale) });
      case 'violations':
        return digestText(locale, 'flagViolations', { list: digest.violations.map((k) => violationLabel(k, locale)).join(', ') });
      case 'vpn_unacknowledged':
        return digestText(locale, 'flagVpn', { n: digest.vpnUnacknowledged });
      case 'gap':
        return gapText(digest, locale, notes);
    }
  });
}
