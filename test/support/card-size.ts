/**
 * The worst realistic data of the cards whose rows grow with people, days or departments, and the size
 * Teams checks: the serialized activity (the fake connector answers 413 over 28 672 bytes).
 */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

export const activityBytes = (activity: object): number => Buffer.byteLength(JSON.stringify(activity), 'utf8');

/** A display name of 60 Japanese characters (3 bytes each in UTF-8), numbered so that rows differ. */
export const longName = (i: number): string => `${'長谷川'.repeat(19)}${String(i).padStart(3, '0')}`;

/** Free text at `max` characters: a comment or a question at its maximum length. */
export const longText = (max: number, i = 0): string => `${i}`.padEnd(max, 'あ');

/** Every visible text of a card, one string (for "and N more" checks). */
export const cardText = (card: object): string => JSON.stringify(card);
