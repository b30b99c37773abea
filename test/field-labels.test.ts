import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { LOCALES } from '../src/domain/shared/locale';
import { checkinErrorTexts } from '../src/features/checkins/texts';
import { roundErrorTexts } from '../src/features/rounds/texts';
import { createLogger } from '../src/log/logger';
import { errorCards } from '../src/teams/errors';
import { approvalFieldLabel } from '../src/features/approvals';
import { checkinFieldLabel } from '../src/features/checkins';
import { deviceFieldLabel } from '../src/features/devices';
import { gapcheckFieldLabel } from '../src/features/gapcheck';
import { homeNetworkFieldLabel } from '../src/features/home-network';
import { roundFieldLabel } from '../src/features/rounds';
import { CARD_NAMES, renderCard } from './support/card-catalog';
import { inputs, sample } from './support/cards';

/** Every feature's `fieldLabel`, in the order wiring.ts lists the features (the first that knows a field names it). */
const FIELD_LABELS = [checkinFieldLabel, roundFieldLabel, gapcheckFieldLabel, deviceFieldLabel, homeNetworkFieldLabel, approvalFieldLabel];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

/** Every input of every card, as the app renders it with its sample data. */
const cardInputs = CARD_NAMES.flatMap((name) => inputs(renderCard(name, sample(name), 'en')).map((input) => [name, String(input['id'])] as const));

describe('invalid input names the fields as the card does, in the user language', () => {
  it('finds the cards with inputs', () => {
    expect(new Set(cardInputs.map(([name]) => name)).size).toBeGreaterThanOrEqual(10);
  });

  describe.each(LOCALES)('%s', (locale) => {
    it.each(cardInputs)('%s: %s has a label', (_card, id) => {
      const label = FIELD_LABELS.map((fieldLabel) => fieldLabel(id, locale)).find(Boolean);
      expect(label, `no label for ${id}`).toBeTruthy();
      expect(label).not.toBe(id);
      if (locale === 'ja') expect(label).toMatch(JAPANESE);
    });

    it('the error card of a payload missing every input shows labels, never a field name', () => {
      const errorCard = errorCards(FIELD_LABELS, { ...checkinErrorTexts, ...roundErrorTexts });
      for (const name of new Set(cardInputs.map(([card]) => card))) {
        const ids = cardInputs.filter(([card]) => card === name).map(([, id]) => id);
        const invalid = new ZodError(ids.map((id) => ({ code: 'custom' as const, path: [id], message: 'required', input: undefined })));
        const card = errorCard(invalid, { locale, correlationId: 'ref-1', log: createLogger('silent') });
        const text = JSON.stringify(card.body);
        for (const id of ids) expect(text, `${name}: ${id}`).not.toMatch(new RegExp(`[:,] ${id}(,|")`));
      }
    });
  });
});
