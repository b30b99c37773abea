import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cards/verbs';
import type { AdaptiveCardJson, JsonObject } from '../src/cards/types';
import { LOCALES } from '../src/domain/shared/locale';
import { CARD_STRINGS, renderCard } from './support/card-catalog';
import { inputs, objects, parserProblems, sample, schemaErrors, schemaPresent } from './support/cards';

const actions = (card: AdaptiveCardJson): JsonObject[] => objects(card).filter((o) => o['type'] === 'Action.Execute');
const problems = (card: AdaptiveCardJson): unknown[] => [
  ...(JSON.stringify(card).includes('${') ? ['unexpanded template expression'] : []),
  ...parserProblems(card),
  ...(schemaPresent ? schemaErrors(card) : []),
];

describe.each(LOCALES)('approval cards in %s', (locale) => {
  const t = CARD_STRINGS[locale];

  it('private PC form: the three declarations the guideline requires, a reason, one submit; empty when new', () => {
    const { prefill: _p, errors: _e, ...bare } = sample('approval-request-private-pc');
    const card = renderCard('approval-request-private-pc', bare, locale);
    expect(inputs(card).map((i) => [i['id'], i['value'] ?? null])).toEqual([
      ['declNonPublicLine', 'false'], ['declUpdates', 'false'], ['declBrowserOnly', 'false'], ['reason', null], ['until', bare.maxDate],
    ]);
    expect(actions(card).map((a) => a['verb'])).toEqual([VERBS.privatePcRequestSubmit]);
    expect(JSON.stringify(card)).toContain(t.privatePc.declNonPublicLine);
    expect(JSON.stringify(card)).not.toContain('"attention"');
    expect(problems(card)).toEqual([]);
  });

  it('paper form: documents, customer, until (bounded), reason, both confirmations', () => {
    const { prefill: _p, ...bare } = sample('approval-request-paper');
    const card = renderCard('approval-request-paper', bare, locale);
    expect(inputs(card).map((i) => i['id'])).toEqual(['documents', 'customer', 'until', 'reason', 'customerConsent', 'noCopies']);
    expect(inputs(card).find((i) => i['id'] === 'until')).toMatchObject({ min: bare.minDate, max: bare.maxDate });
    expect(actions(card).map((a) => a['verb'])).toEqual([VERBS.paperRequestSubmit]);
    expect(problems(card)).toEqual([]);
  });

  it('request card: approve and reject with the request id while it may be decided; read-only once decided', () => {
    const data = sample('approval-decision');
    const pending = renderCard('approval-decision', data, locale);
    expect(actions(pending).map((a) => [a['verb'], a['data']])).toEqual([
      [VERBS.approvalDecide, { requestId: data.requestId, decision: 'approve' }],
      [VERBS.approvalDecide, { requestId: data.requestId, decision: 'reject' }],
    ]);
    expect(actions(pending).map((a) => a['title'])).toEqual([t.approvalDecision.approve, t.approvalDecision.reject]);
    const { declarations: _d, ...rest } = data;
    const decided = renderCard('approval-decision', { ...rest, canDecide: false, stateText: '✓', stateStyle: 'good', comments: [{ title: 'A', value: 'ok' }], note: 'n' }, locale);
    expect(actions(decided)).toEqual([]);
    expect(inputs(decided)).toEqual([]);
    expect(JSON.stringify(decided)).toContain(t.approvalDecision.comments);
    expect(problems(decided)).toEqual([]);
  });
});
