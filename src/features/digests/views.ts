import { formatDate, formatMinutes } from '../../cards/format';
import { cardRenderer, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import type { Locale } from '../../domain/shared/locale';
import type { MonthAssessment } from '../../domain/worktime/law';
import type { DigestCardData, DigestIncidentCardData, DigestWellbeingCardData, WorktimeExportCardData } from './card-data';
import { DIGEST_TEXTS, digestText, type DigestTextKey } from './texts';

/**
 * Renders cards/digest-*.json and cards/overtime-notice.json with the digest strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderDigestCard = cardRenderer<DigestCardData>(DIGEST_TEXTS);

/** Mood 1–5 as a bar; a day without a check-in as a dot. */
const BARS = ['▁', '▂', '▄', '▆', '█'];
export function moodLine(moods: readonly (number | undefined)[], locale: Locale): string {
  const spark = moods.map((m) => (m === undefined ? '·' : (BARS[m - 1] ?? '·'))).join('');
  // The digits after the bars are the plain fallback: readable where the font has no block characters.
  const values = moods.map((m) => (m === undefined ? '–' : String(m))).join(' ');
  return digestText(locale, 'mood', { spark, values });
}

export function wellbeingCardView(data: DigestWellbeingCardData, locale: Locale): AdaptiveCardJson {
  return renderDigestCard('digest-wellbeing', data, locale);
}

export function incidentCardView(data: DigestIncidentCardData, locale: Locale): AdaptiveCardJson {
  return renderDigestCard('digest-incident', data, locale);
}

/** "2026年11月" / "Nov 2026". */
export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-');
  const mon = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
  return digestText(locale, 'noticeMonth', { y: y ?? '', m: Number(m), mon });
}

/** The 80-hour notice: the month's figures on the law's basis, what the line means and how to ask for the interview. */
export function overtimeNoticeView(month: MonthAssessment, locale: Locale, interview: { contact?: string; url?: string }): AdaptiveCardJson {
  const t = DIGEST_TEXTS[locale].overtimeNotice;
  return renderDigestCard(
    'overtime-notice',
    {
      month: monthLabel(month.month, locale),
      facts: [
        { title: t.worked, value: formatMinutes(month.workedMinutes, locale) },
        { title: t.healthCheck, value: formatMinutes(month.healthCheckMinutes, locale) },
        { title: t.overtime, value: formatMinutes(month.overtimeMinutes, locale) },
        { title: t.holiday, value: formatMinutes(month.legalHolidayMinutes, locale) },
      ],
      contact: interview.contact,
      requestUrl: interview.url,
    },
    locale,
  );
}

export function worktimeExportView(data: WorktimeExportCardData, locale: Locale): AdaptiveCardJson {
  return renderDigestCard('worktime-export', data, locale);
}

/** The proactive message of a digest card: the card and the notification text. */
export function digestActivity(card: AdaptiveCardJson, locale: Locale, key: DigestTextKey, values: Readonly<Record<string, string | number>>): Record<string, unknown> {
  const summary = digestText(locale, key, values);
  return cardMessage(card, summary);
}

export const shortDate = (date: string, locale: Locale): string => formatDate(date, locale, 'short');
