import { formatDate, formatMinutes } from '../../cards/format';
import { cardRenderer, renderCommonCard, type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { PURPOSES, type Purpose } from '../../delivery/outbox';
import { localTimeOf } from '../../domain/calendar';
import { nextWorkingInstant, scheduleFor } from '../../domain/checkins/schedule';
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { GapcheckCardData } from './card-data';
import type { GapContext } from './context';
import type { Activity, GapCheck } from './repository';
import { GAPCHECK_TEXTS, gapcheckText } from './texts';

/**
 * Renders cards/gap-reason.json with the gap-check strings.
 * @internal exported for the test card catalog; the app uses the view builders below.
 */
export const renderGapcheckCard = cardRenderer<GapcheckCardData>(GAPCHECK_TEXTS);

/** The outbox purpose of the reason card (bulk lane). */
const GAP_PURPOSE: Purpose = PURPOSES.gapReason;

/** The reason card: inputs until answered, then the read-only confirmation. */
export function gapCardView(user: User, timeZone: string, check: GapCheck, activity: Pick<Activity, 'first' | 'last'>): AdaptiveCardJson {
  const time = (d: Date | undefined) => (d ? localTimeOf(d, timeZone) : '');
  const recorded = activity.first && activity.last ? `${time(activity.first)}–${time(activity.last)}` : gapcheckText(user.locale, 'none');
  return renderGapcheckCard(
    'gap-reason',
    {
      date: check.workDate,
      dateLabel: formatDate(check.workDate, user.locale),
      reported: `${check.startTime ?? ''}–${check.endTime ?? ''}`,
      recorded,
      difference: formatMinutes((check.startMinutes ?? 0) + (check.endMinutes ?? 0), user.locale),
      confirmation: check.status === 'answered' && check.answeredAt ? gapcheckText(user.locale, 'confirm', { time: time(check.answeredAt) }) : undefined,
    },
    user.locale,
  );
}

/** Answering a check that was never asked (or is not the person's). */
export function unavailableView(user: User): AdaptiveCardJson {
  return renderCommonCard('notice', { title: gapcheckText(user.locale, 'unavailableTitle'), text: gapcheckText(user.locale, 'unavailableText') }, user.locale);
}

/**
 * Puts the reason card in the outbox inside the caller's transaction; one per person and day. It goes
 * out no earlier than the person's next working hour (their schedule): a question about yesterday
 * evening waits for the morning instead of arriving at 22:00.
 */
export async function enqueueGapCard(ctx: GapContext, tx: Executor, user: User, check: GapCheck, activity: Pick<Activity, 'first' | 'last'>): Promise<boolean> {
  const schedule = scheduleFor(user, ctx.companyHolidays);
  const card = gapCardView(user, schedule.timeZone, check, activity);
  return ctx.outbox.enqueueFor(tx, {
    notBefore: nextWorkingInstant(ctx.clock.now(), schedule),
    purpose: GAP_PURPOSE,
    to: user,
    subject: `gap:${check.workDate}`,
    batchId: `gap-reason:${check.workDate}`,
    activity: cardMessage(card, gapcheckText(user.locale, 'notify')),
  });
}
