import { formatDate, formatMinutes } from '../../cards/format';
import { cardRenderer, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import type { Locale } from '../../domain/shared/locale';
import type { MonthlyHours } from '../../domain/worktime/hours';
import type { DigestCardData, DigestIncidentCardData, DigestWellbeingCardData } from './card-data';
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

export function overtimeNoticeView(month: string, hours: MonthlyHours, locale: Locale): AdaptiveCardJson {
  const t = DIGEST_TEXTS[locale].overtimeNotice;
  const [y, m] = month.split('-');
  const mon = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
  return renderDigestCard(
    'overtime-notice',
    {
      month: digestText(locale, 'noticeMonth', { y: y ?? '', m: Number(m), mon }),
      facts: [
        { title: t.total, value: formatMinutes(hours.totalMinutes, locale) },
        { title: t.overtime, value: formatMinutes(hours.overtimeMinutes, locale) },
        { title: t.holiday, value: formatMinutes(hours.holidayMinutes, locale) },
      ],
    },
    locale,
  );
}

/** The proactive message of a digest card: the card and the notification text. */
export function digestActivity(card: AdaptiveCardJson, locale: Locale, key: DigestTextKey, values: Readonly<Record<string, string | number>>): Record<string, unknown> {
  const summary = digestText(locale, key, values);
  return cardMessage(card, summary);
}

export const shortDate = (date: string, locale: Locale): string => formatDate(date, locale, 'short');
