// Inputs tell people what to do: a dropdown says "choose" before anything is chosen, and a missing
// required answer says what to do instead of repeating the question (the lost-device form once did).
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/domain/shared/locale';
import { CARD_NAMES, renderCard } from './support/card-catalog';
import { inputs, sample } from './support/cards';

describe.each(LOCALES)('card inputs in %s', (locale) => {
  it.each(CARD_NAMES)('%s', (name) => {
    for (const input of inputs(renderCard(name, sample(name), locale))) {
      const id = String(input['id']);
      // A compact (dropdown) choice set shows its placeholder until something is chosen; an expanded one
      // shows every choice at once, where a placeholder never appears.
      if (input['type'] === 'Input.ChoiceSet' && input['style'] !== 'expanded') expect(input['placeholder'], `${id}: placeholder`).toBeTruthy();
      if (input['isRequired'] === true) {
        expect(input['errorMessage'], `${id}: error message`).toBeTruthy();
        expect(input['errorMessage'], `${id}: the error message repeats the label`).not.toBe(input['label']);
      }
    }
  });
});
