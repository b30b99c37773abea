import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cards/verbs';
import type { AdaptiveCardJson, JsonObject } from '../src/cards/types';
import { LOCALES } from '../src/domain/shared/locale';
import { CARD_STRINGS, renderCard } from './support/card-catalog';
import { objects, parserProblems, sample, schemaErrors, schemaPresent } from './support/cards';

const actions = (card: AdaptiveCardJson): JsonObject[] => objects(card).filter((o) => o['type'] === 'Action.Execute');
const problems = (card: AdaptiveCardJson): unknown[] => [
  ...(JSON.stringify(card).includes('${') ? ['unexpanded template expression'] : []),
  ...parserProblems(card),
  ...(schemaPresent ? schemaErrors(card) : []),
];

describe.each(LOCALES)('reminder cards in %s', (locale) => {
  const t = CARD_STRINGS[locale];

  it('screen lock, scheduled: two one-tap answers and the later-nudge switch, with the reminder id', () => {
    const data = sample('screen-lock-reminder');
    const card = renderCard('screen-lock-reminder', data, locale);
    expect(actions(card).map((a) => [a['verb'], a['data']])).toEqual([
      [VERBS.screenLockAnswer, { reminderId: data.reminderId, answer: 'locked' }],
      [VERBS.screenLockAnswer, { reminderId: data.reminderId, answer: 'at_pc' }],
      [VERBS.screenLockLaterNudges, { reminderId: data.reminderId, on: 'false' }],
    ]);
    expect(JSON.stringify(card)).toContain(t.screenLock.scheduledText.replace('{time}', '12:00'));
    const off = renderCard('screen-lock-reminder', { ...data, laterNudges: { times: '15:00', on: false }, note: 'note' }, locale);
    expect(actions(off).at(-1)?.['title']).toBe(t.screenLock.laterOn.replace('{times}', '15:00'));
    expect(problems(off)).toEqual([]);
  });

  it('screen lock, presence: no switch; answered: read-only confirmation without buttons', () => {
    const { laterNudges: _l, ...data } = sample('screen-lock-reminder');
    const presence = renderCard('screen-lock-reminder', { ...data, reason: 'presence' }, locale);
    expect(actions(presence).map((a) => a['verb'])).toEqual([VERBS.screenLockAnswer, VERBS.screenLockAnswer]);
    expect(JSON.stringify(presence)).toContain(t.screenLock.presenceText);
    const answered = renderCard('screen-lock-reminder', { ...data, reason: 'presence', confirmation: '✓ 14:02' }, locale);
    expect(actions(answered)).toEqual([]);
    expect(JSON.stringify(answered)).toContain('✓ 14:02');
    expect(problems(presence)).toEqual([]);
    expect(problems(answered)).toEqual([]);
  });

  it('VPN: one acknowledgement; the gateway variant says so; answered has no button', () => {
    const data = sample('vpn-reminder');
    const card = renderCard('vpn-reminder', data, locale);
    expect(actions(card).map((a) => [a['verb'], a['data']])).toEqual([[VERBS.vpnAnswer, { reminderId: data.reminderId }]]);
    const signal = renderCard('vpn-reminder', { ...data, reason: 'vpn_signal' }, locale);
    expect(JSON.stringify(signal)).toContain(t.vpnReminder.signalText);
    const answered = renderCard('vpn-reminder', { ...data, confirmation: '✓ 18:17' }, locale);
    expect(actions(answered)).toEqual([]);
    for (const c of [signal, answered]) expect(problems(c)).toEqual([]);
  });
});
