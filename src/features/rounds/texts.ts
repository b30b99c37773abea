import { errorTexts, fieldLabelFrom, messageLookup, textCatalog } from '../../cards/texts';
import type { SafetyErrorCode } from '../../domain/safety/errors';
import { en } from './texts.en';
import { ja } from './texts.ja';

/** Every round text in both languages: the card renderer's `t`, and `roundText` for texts code fills in. */
export const ROUND_TEXTS = textCatalog(ja, en);
type RoundTextKey = keyof typeof ja.msg;

export const roundText = messageLookup(ROUND_TEXTS);

/** A refused round request as the user reads it: src/teams shows it, wiring hands it over. */
export const roundErrorTexts = errorTexts<SafetyErrorCode, RoundTextKey>(
  roundText,
  { 'ROUND.NOT_ADMIN': 'notAdmin', 'ROUND.NOT_FOUND': 'roundNotFound', 'ROUND.EMPTY_SCOPE': 'emptyScope' },
  ['ROUND.NOT_ADMIN'],
);

/** The label the safety-check and round-form cards show next to an input, for the error card that lists invalid ones. */
export const roundFieldLabel = fieldLabelFrom((locale) => {
  const { safetyFields, roundForm: form, escalation } = ROUND_TEXTS[locale];
  // The proxy answer form of the manager's list (safety-escalation): its person and how they were reached.
  return { ...safetyFields, userId: escalation.proxyPerson, how: escalation.proxyHow, kind: form.kind, scope: form.scope, departments: form.departments, prefectures: form.prefectures, people: form.people, drill: form.drill, message: form.message };
});
