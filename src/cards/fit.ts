/**
 * Teams refuses a bot message over about 28 KB (28 672 bytes of activity JSON). A card whose rows grow
 * with people, days or departments is rendered with at most `max` rows, then with fewer until the card
 * fits this budget (the rest of the activity — type, summary, attachment wrapper — stays well under
 * the 1.6 KB left); what was left off is counted on the card ("and N more").
 */
export const MESSAGE_BUDGET_BYTES = 27 * 1024;

export const cardBytes = (card: object): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The first `max` rows and how many were left off, for lists that show "and N more". */
export function capRows<T>(rows: readonly T[], max: number): { rows: T[]; more: number } {
  return { rows: rows.slice(0, max), more: Math.max(0, rows.length - max) };
}

/**
 * The card rendered with the largest row count from `max` down (by a fifth each step) that fits the
 * budget; at `min` it is returned as it is. For cards with several lists the count caps each of them.
 */
export function fitCount<C extends object>(max: number, render: (count: number) => C, min = 1): C {
  let count = Math.max(0, max);
  for (;;) {
    const card = render(count);
    if (count <= min || cardBytes(card) <= MESSAGE_BUDGET_BYTES) return card;
    count = Math.max(min, Math.floor(count * 0.8));
  }
}

/** `fitCount` over one list: the card gets the rows it shows and how many were left off. */
export function fitRows<T, C extends object>(rows: readonly T[], max: number, render: (capped: { rows: T[]; more: number }) => C, min = 5): C {
  return fitCount(Math.min(max, rows.length), (count) => render(capRows(rows, count)), min);
}
