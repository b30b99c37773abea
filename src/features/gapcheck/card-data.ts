/**
 * Data of the gap-reason card. Display strings (dates, times, durations, confirmation) are localized
 * by views.ts; the renderer adds the UI strings under `t`.
 */
export const GAPCHECK_CARD_NAMES = ['gap-reason'] as const;
export type GapcheckCardName = (typeof GAPCHECK_CARD_NAMES)[number];

export interface GapReasonCardData {
  /** The work day (YYYY-MM-DD), sent back with the answer. */
  date: string;
  /** The work day as people read it, e.g. "2026年11月24日（火）". */
  dateLabel: string;
  /** The reported times, e.g. "09:00–18:00". */
  reported: string;
  /** The objective activity seen, e.g. "08:55–20:15". */
  recorded: string;
  /** Total minutes outside the reported times, localized ("2時間15分"). */
  difference: string;
  /** Once answered: the read-only confirmation; the card then has no inputs. */
  confirmation?: string;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface GapcheckCardData extends Record<GapcheckCardName, object> {
  'gap-reason': GapReasonCardData;
}
