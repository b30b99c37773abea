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
export function gapCardView(user: User, timeZone: string, c: GapCheck, activity: Pick<Activity, 'first' | 'last'>): AdaptiveCardJson {
  const time = (d: Date | undefined) => (d ? localTimeOf(d, timeZone) : '');
  const recorded = activity.first && activity.last ? `${time(activity.first)}–${time(activity.last)}` : gapcheckText(user.locale, 'none');
  return renderGapcheckCard(
    'gap-reason',
    {
      date: c.workDate,
      dateLabel: formatDate(c.workDate, user.locale),
      reported: `${c.startTime ?? ''}–${c.endTime ?? ''}`,
      recorded,
      difference: formatMinutes((c.startMinutes ?? 0) + (c.endMinutes ?? 0), user.locale),
      confirmation: c.status === 'answered' && c.answeredAt ? gapcheckText(user.locale, 'confirm', { time: time(c.answeredAt) }) : undefined,
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
export async function enqueueGapCard(ctx: GapContext, tx: Executor, user: User, c: GapCheck, activity: Pick<Activity, 'first' | 'last'>): Promise<boolean> {
  const schedule = scheduleFor(user, ctx.companyHolidays);
  const card = gapCardView(user, schedule.timeZone, c, activity);
  return ctx.outbox.enqueueFor(tx, {
    notBefore: nextWorkingInstant(ctx.clock.now(), schedule),
    purpose: GAP_PURPOSE,
    to: user,
    subject: `gap:${c.workDate}`,
    batchId: `gap-reason:${c.workDate}`,
    activity: cardMessage(card, gapcheckText(user.locale, 'notify')),
  });
}
