import { cardAttachment, type AdaptiveCardJson } from '../../cards/render';

/** A proactive message carrying one card; `summary` is what Teams shows in the notification. */
export const activityOf = (card: AdaptiveCardJson, summary?: string) => ({ type: 'message', ...(summary ? { summary } : {}), attachments: [cardAttachment(card)] });
