import { errorTexts, fieldLabelFrom, messageLookup, textCatalog } from '../../cards/texts';
import type { CheckinErrorCode } from '../../domain/checkins/errors';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every check-in text in both languages: the card renderer's `t`, and `checkinText` for texts code fills in. */
export const CHECKIN_TEXTS = textCatalog(ja, en);
export type CheckinTextKey = keyof typeof ja.msg;

export const checkinText = messageLookup(CHECKIN_TEXTS);

/** A refused check-in as the user reads it: src/teams shows it, wiring hands it over. */
export const checkinErrorTexts = errorTexts<CheckinErrorCode, CheckinTextKey>(checkinText, {
  'CHECKIN.NO_START': 'noStart',
  'CHECKIN.INVALID_BREAKS': 'invalidBreaks',
  'CHECKIN.END_BEFORE_START': 'endBeforeStart',
  'CHECKIN.INVALID_SCHEDULE': 'invalidSchedule',
  'CHECKIN.INVALID_DATE': 'invalidDate',
});

/** The label a check-in card shows next to an input, for the error card that lists invalid ones. */
export const checkinFieldLabel = fieldLabelFrom((locale) => CHECKIN_TEXTS[locale].fields);
