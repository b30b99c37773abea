import { describe, it, expect } from 'vitest';
import { MAX_BYTES, choiceValues, inputById, inputs, objects, parserProblems, sample, schemaErrors, schemaPresent } from './support/cards';
import {
  CAN_WORK, FAMILY_STATUSES, HOME_DAMAGE, LOCATIONS, OWN_STATUSES, PROXY_CHANNELS, ROUND_KINDS, SCOPE_KINDS,
  phoneResultSchema, roundFormSchema, safetyAnswerSchema,
} from '../src/domain/safety/model';
import { LOCALES } from '../src/domain/shared/locale';
import { VERBS } from '../src/cards/verbs';
import { CARD_STRINGS, renderCard } from './support/card-catalog';
import { capRows } from '../src/cards/fit';
import { formatDateTime } from '../src/cards/format';
import {
  departmentLabel, isUrgentStatus, locationText, ownStatusLabel, roundFormValues,
  roundKindLabel, roundScopeSummary, roundTitle, safetyAnswerFacts, safetyOptionLabel, safetyPrefill, tallyDelivery,
} from '../src/features/rounds/format';
import { PREFECTURE_CODES } from '../src/domain/people/prefectures';
import { prefectureChoices, prefectureName } from '../src/features/rounds/prefectures';
import type { AdaptiveCardJson, JsonObject, JsonValue } from '../src/cards/types';
import type { EscalationMember } from '../src/features/rounds/card-data';
import { proxyAnswerSchema } from '../src/features/rounds/proxy';

const actions = (card: AdaptiveCardJson, type = 'Action.Execute'): JsonObject[] => objects(card).filter((o) => o['type'] === type);
const verbs = (card: AdaptiveCardJson): JsonValue[] => actions(card).map((o) => o['verb'] ?? null);
const text = (card: AdaptiveCardJson): string => JSON.stringify(card);

/** Parser and property problems, and schema errors when the schema is here (test/cards.test.ts enforces it in CI). */
function problems(card: AdaptiveCardJson): unknown[] {
  const unexpanded = text(card).includes('${') ? ['unexpanded template expression'] : [];
  return [...unexpanded, ...parserProblems(card), ...(schemaPresent ? schemaErrors(card) : [])];
}

const members = (n: number): EscalationMember[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `29:1a2b3c4d5e6f-user-${String(i).padStart(4, '0')}`, name: `社員 ${i} 長い名前の例`, department: `第${i % 7}開発部 プラットフォームグループ` }));

describe('safety cards and the validators cannot drift', () => {
  it('safety-check input ids are the answer schema keys except roundId, which the action carries', () => {
    const card = renderCard('safety-check', sample('safety-check'), 'ja');
    const ids = inputs(card).map((o) => o['id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(safetyAnswerSchema.shape).filter((k) => k !== 'roundId').sort());
    const [submit] = actions(card);
    expect([submit?.['verb'], submit?.['associatedInputs'], submit?.['data']]).toEqual([VERBS.safetyAnswer, 'auto', { roundId: sample('safety-check').roundId }]);
  });

  it('safety-check choice values are the model option values', () => {
    const card = renderCard('safety-check', sample('safety-check'), 'en');
    const expected: Array<[string, readonly string[]]> = [
      ['ownStatus', OWN_STATUSES], ['familyStatus', FAMILY_STATUSES], ['homeDamage', HOME_DAMAGE], ['canWork', CAN_WORK], ['location', LOCATIONS],
    ];
    for (const [id, values] of expected) expect(choiceValues(inputById(card, id)), id).toEqual([...values]);
  });

  it('the action data plus the prefilled values pass the validator and round-trip through safetyPrefill', () => {
    const data = sample('safety-check');
    const card = renderCard('safety-check', data, 'en');
    const submitted: Record<string, JsonValue> = { ...(actions(card)[0]?.['data'] as JsonObject) };
    for (const input of inputs(card)) if (typeof input['id'] === 'string' && input['value'] !== undefined) submitted[input['id']] = input['value'];
    const answer = safetyAnswerSchema.parse(submitted);
    expect(safetyPrefill(answer)).toEqual(data.prefill);
  });

  it('round-form input ids are the round form schema keys; choices are the model values', () => {
    const card = renderCard('round-form', sample('round-form'), 'ja');
    const ids = inputs(card).map((o) => o['id']);
    expect([...ids].sort()).toEqual(Object.keys(roundFormSchema.shape).sort());
    expect(choiceValues(inputById(card, 'kind'))).toEqual([...ROUND_KINDS]);
    expect(choiceValues(inputById(card, 'scope'))).toEqual([...SCOPE_KINDS]);
    expect(inputById(card, 'prefectures')?.['isMultiSelect']).toBe(true);
    expect(verbs(card)).toEqual([VERBS.roundPreview]);
  });

  it('round-form prefill and round-confirm formData are what roundFormValues makes of the parsed form', () => {
    const prefill = sample('round-form').prefill ?? {};
    expect(roundFormValues(roundFormSchema.parse(prefill))).toEqual(prefill);
    const formData = sample('round-confirm').formData;
    expect(roundFormValues(roundFormSchema.parse(formData))).toEqual(formData);
  });
});

describe('safety-check', () => {
  it('carries the previous answers on its inputs', () => {
    const data = sample('safety-check');
    const card = renderCard('safety-check', data, 'ja');
    for (const [id, value] of Object.entries(data.prefill ?? {})) expect(inputById(card, id)?.['value'], id).toBe(value);
  });

  it('without previous answers, message or drill: empty inputs, no badge, no message', () => {
    const { prefill: _p, message: _m, ...rest } = sample('safety-check');
    const card = renderCard('safety-check', { ...rest, drill: false, kind: 'fire' }, 'ja');
    expect(problems(card)).toEqual([]);
    for (const input of inputs(card)) expect(input, String(input['id'])).not.toHaveProperty('value');
    expect(text(card)).not.toContain(CARD_STRINGS.ja.round.drillBadge);
    expect(text(card)).not.toContain(CARD_STRINGS.ja.safetyCheck.adminMessage);
    expect(text(card)).toContain('【火災】安否確認');
  });

  it('a re-send says which one it is and why, in both languages; the first card does not', () => {
    const data = { ...sample('safety-check'), reminder: 2 };
    const ja = renderCard('safety-check', data, 'ja');
    expect(problems(ja)).toEqual([]);
    expect(text(ja)).toContain('再送（2回目）');
    expect(text(renderCard('safety-check', data, 'en'))).toContain('Reminder 2: we have not received your answer yet');
    expect(text(renderCard('safety-check', sample('safety-check'), 'ja'))).not.toContain('再送');
  });

  it('headline by kind and drill badge in both languages', () => {
    const data = { ...sample('safety-check'), kind: 'typhoon_flood' as const };
    expect(text(renderCard('safety-check', data, 'ja'))).toContain('【台風・洪水】安否確認');
    const en = text(renderCard('safety-check', data, 'en'));
    expect(en).toContain('Safety check: Typhoon / flood');
    expect(en).toContain('"DRILL"');
    expect(en).toContain('Send answer');
  });
});

describe('safety-summary', () => {
  it('urgent answers say who was told; change answer sends the round id', () => {
    const card = renderCard('safety-summary', sample('safety-summary'), 'en');
    expect(text(card)).toContain('Your manager and the safety team have been told');
    expect(actions(card).map((a) => [a['verb'], a['data']])).toEqual([[VERBS.safetyEdit, { roundId: sample('safety-summary').roundId }]]);
  });

  it('a safe answer has no urgent notice; a closed round cannot be changed', () => {
    const card = renderCard('safety-summary', { ...sample('safety-summary'), urgent: false, closed: true }, 'ja');
    expect(problems(card)).toEqual([]);
    expect(objects(card).some((o) => o['style'] === 'attention')).toBe(false);
    expect(verbs(card)).toEqual([]);
    expect(text(card)).toContain(CARD_STRINGS.ja.safetySummary.closed);
  });
});

describe('round-form and round-confirm', () => {
  it('drill defaults to on; department and people pickers are left out without choices', () => {
    const { prefill: _p, error: _e, ...rest } = sample('round-form');
    const card = renderCard('round-form', { ...rest, departmentChoices: [], peopleChoices: [], prefectureChoices: prefectureChoices('en') }, 'en');
    expect(problems(card)).toEqual([]);
    expect(inputById(card, 'drill')?.['value']).toBe('true');
    expect(inputById(card, 'departments')).toBeUndefined();
    expect(inputById(card, 'people')).toBeUndefined();
    expect(choiceValues(inputById(card, 'prefectures'))).toEqual([...PREFECTURE_CODES]);
    expect(objects(card).some((o) => o['style'] === 'attention')).toBe(false);
  });

  it('round.start sends the form back as its data, which the form schema accepts', () => {
    const data = sample('round-confirm');
    const card = renderCard('round-confirm', data, 'ja');
    const [start] = actions(card);
    expect([start?.['verb'], start?.['associatedInputs'], start?.['data']]).toEqual([VERBS.roundStart, 'none', data.formData]);
    expect(roundFormSchema.safeParse(start?.['data']).success).toBe(true);
    expect(text(card)).toContain('1,284人に送信します');
  });

  it('a real round is flagged; no one in scope means no start button', () => {
    const data = sample('round-confirm');
    const real = renderCard('round-confirm', { ...data, formData: { ...data.formData, drill: 'false' } }, 'en');
    expect(text(real)).toContain('This is NOT a drill');
    expect(actions(real)[0]?.['style']).toBe('destructive');
    const { message: _m, ...formData } = data.formData;
    const none = renderCard('round-confirm', { ...data, recipientCount: 0, formData }, 'en');
    expect(problems(none)).toEqual([]);
    // Never a dead end: back to the form (with what was chosen) or cancel, whether or not anyone is in scope.
    expect(verbs(none)).toEqual([VERBS.roundBack, VERBS.roundDiscard]);
    expect(verbs(real)).toEqual([VERBS.roundStart, VERBS.roundBack, VERBS.roundDiscard]);
    expect(actions(real)[1]?.['data']).toEqual({ ...data.formData, drill: 'false' });
    expect(text(none)).toContain(CARD_STRINGS.en.roundConfirm.noRecipients);
  });
});

describe('round-tally', () => {
  it('open: refresh, close and CSV; a row per department; failures by reason', () => {
    const data = sample('round-tally');
    const card = renderCard('round-tally', data, 'en');
    expect(verbs(card)).toEqual([VERBS.roundRefresh, VERBS.roundClose]);
    for (const a of actions(card)) expect(a['data']).toEqual({ roundId: data.roundId });
    // Close asks first: the same card, with close / keep open (refresh) and the consequences.
    const asking = renderCard('round-tally', { ...data, confirmingClose: true }, 'ja');
    expect(verbs(asking)).toEqual([VERBS.roundRefresh, VERBS.roundCloseConfirmed]);
    expect(text(asking)).toContain('この安否確認を終了しますか？');
    expect(text(asking)).toContain('続ける（戻る）');
    expect(actions(card, 'Action.OpenUrl').map((a) => a['url'])).toEqual([data.exportUrl]);
    const table = objects(card).find((o) => o['type'] === 'Table');
    expect(Array.isArray(table?.['rows']) ? table['rows'].length : 0).toBe(data.departments.length + 1);
    expect(text(card)).toContain(CARD_STRINGS.en.safetyOptions.deliveryFailure.not_installed);
    expect(text(card)).toContain('"1,284"');
    expect(text(renderCard('round-tally', { ...data, moreDepartments: 3 }, 'ja'))).toContain('ほか3部署');
  });

  it('closed: no close action; without departments or CSV link still valid', () => {
    const { exportUrl: _x, ...data } = sample('round-tally');
    for (const locale of LOCALES) {
      const card = renderCard('round-tally', { ...data, status: 'closed', closedAt: '7/1（火）18:00', departments: [], delivery: { ...data.delivery, failures: [] } }, locale);
      expect(problems(card)).toEqual([]);
      expect(verbs(card)).toEqual([VERBS.roundRefresh]);
      expect(actions(card, 'Action.OpenUrl')).toEqual([]);
      expect(text(card)).toContain(CARD_STRINGS[locale].safetyOptions.roundStatus.closed);
    }
  });
});

describe('safety-escalation', () => {
  it('three phone buttons per member whose data the phone result schema accepts', () => {
    const data = sample('safety-escalation');
    const card = renderCard('safety-escalation', data, 'ja');
    const open = data.members.filter((m) => !m.phoneResult && !m.proxyStatus);
    const phone = actions(card).filter((a) => a['verb'] === VERBS.safetyPhone);
    expect(phone).toHaveLength(open.length * 3);
    for (const a of phone) expect(phoneResultSchema.safeParse(a['data']).success, JSON.stringify(a['data'])).toBe(true);
    expect(phone.slice(0, 3).map((a) => a['data'])).toEqual(
      ['safe', 'injured', 'unreachable'].map((result) => ({ roundId: data.roundId, userId: open[0]?.userId, result })),
    );
    expect(text(card)).toContain('記録済み：電話で無事を確認');
    expect(text(card)).toContain('ほか2人');
  });

  it.each(LOCALES)('50 members stay under 80 KB and valid (%s)', (locale) => {
    const fifty = members(50);
    const card = renderCard('safety-escalation', { ...sample('safety-escalation'), members: fifty, more: 12, proxyChoices: fifty.map((m) => ({ title: m.name, value: m.userId })) }, locale);
    expect(Buffer.byteLength(text(card), 'utf8')).toBeLessThan(MAX_BYTES);
    expect(problems(card)).toEqual([]);
    // Three phone buttons per member, and the one proxy form's button.
    expect(actions(card)).toHaveLength(151);
    expect(choiceValues(inputById(card, 'userId'))).toHaveLength(50);
  });

  it.each(LOCALES)('the proxy form: the person, their status (safe … needs help) and how, submitting safety.proxy (%s)', (locale) => {
    const data = sample('safety-escalation');
    const card = renderCard('safety-escalation', data, locale);
    const t = CARD_STRINGS[locale];
    expect(choiceValues(inputById(card, 'userId'))).toEqual(data.proxyChoices.map((c) => c.value));
    expect(choiceValues(inputById(card, 'ownStatus'))).toEqual([...OWN_STATUSES]);
    expect(choiceValues(inputById(card, 'how'))).toEqual([...PROXY_CHANNELS]);
    const shown = text(card);
    for (const s of OWN_STATUSES) expect(shown).toContain(t.safetyOptions.ownStatus[s]);
    for (const h of PROXY_CHANNELS) expect(shown).toContain(t.safetyOptions.proxyHow[h]);
    const submit = actions(card).find((a) => a['verb'] === VERBS.safetyProxy);
    expect(submit).toMatchObject({ type: 'Action.Execute', title: t.escalation.proxySubmit, associatedInputs: 'auto', data: { roundId: data.roundId } });
    // What the inputs submit, with the action's data, is what the handler accepts.
    expect(proxyAnswerSchema.safeParse({ ...(submit?.['data'] as JsonObject), userId: 'u-101', ownStatus: 'needs_help', how: 'in_person' }).success).toBe(true);
    // A recorded proxy answer replaces the member's buttons: the status, how and by whom (the name escaped).
    expect(shown).toContain(t.escalation.proxyRecorded.replace('{status}', t.safetyOptions.ownStatus.serious_injury));
    expect(shown).toContain(t.escalation.proxyHowBy.phone.replace('{by}', '鈴木 一郎'));
    const hostile = renderCard('safety-escalation', { ...data, members: data.members.map((m) => (m.proxyBy ? { ...m, proxyBy: '[x](https://evil.example)' } : m)) }, locale);
    expect(text(hostile)).toContain('\\\\[x\\\\](https://evil.example)');
    expect(actions(card).filter((a) => (a['data'] as JsonObject | undefined)?.['userId'] === 'u-105')).toEqual([]);
    expect(problems(card)).toEqual([]);
  });

  it('no one left to record for: no proxy form', () => {
    const card = renderCard('safety-escalation', { ...sample('safety-escalation'), proxyChoices: [] }, 'ja');
    expect(actions(card).map((a) => a['verb'])).not.toContain(VERBS.safetyProxy);
    expect(inputs(card)).toEqual([]);
  });

  it('no members left: a plain note', () => {
    const { more: _m, ...data } = sample('safety-escalation');
    const card = renderCard('safety-escalation', { ...data, members: [] }, 'en');
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain(CARD_STRINGS.en.escalation.noneLeft);
  });
});

describe('safety-alert and round-report', () => {
  it('the comment is shown only when allowed', () => {
    const data = sample('safety-alert');
    expect(text(renderCard('safety-alert', data, 'ja'))).toContain(data.comment ?? '?');
    const hidden = renderCard('safety-alert', { ...data, showComment: false }, 'en');
    expect(text(hidden)).not.toContain(data.comment ?? '?');
    expect(text(hidden)).toContain('Need help (rescue or support)');
    const { chatUrl: _c, department: _d, locationOther: _l, comment: _t, ...bare } = data;
    expect(problems(renderCard('safety-alert', { ...bare, drill: false }, 'en'))).toEqual([]);
  });

  it.each(LOCALES)('a status recorded for the person says who recorded it and how, and no location or work answer (%s)', (locale) => {
    const { location: _l, locationOther: _o, canWork: _w, comment: _c, ...data } = sample('safety-alert');
    const t = CARD_STRINGS[locale];
    const card = renderCard('safety-alert', { ...data, ownStatus: 'serious_injury', proxyHow: 'phone', proxyBy: '鈴木 *一郎*' }, locale);
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain(t.escalation.proxyHowBy.phone.replace('{by}', '鈴木 \\\\*一郎\\\\*'));
    expect(text(card)).toContain(t.safetyOptions.ownStatus.serious_injury);
    expect(text(card)).not.toContain(t.alert.location);
    expect(text(card)).not.toContain(t.alert.canWork);
    // An own answer carries no such line.
    const { proxyHow: _h, proxyBy: _b, ...own } = sample('safety-alert');
    expect(text(renderCard('safety-alert', own, locale))).not.toContain(t.escalation.proxyHowBy.phone.split('{by}')[0] ?? '?');
  });

  it('escalation and final report: titles, capped non-responders, everyone answered', () => {
    const data = sample('round-report');
    expect(text(renderCard('round-report', data, 'ja'))).toContain('ほか30人');
    const final = renderCard('round-report', { ...data, reportKind: 'final', closedAt: '7/1（火）18:00' }, 'en');
    expect(text(final)).toContain(CARD_STRINGS.en.roundReport.titleFinal);
    const { more: _m, exportUrl: _x, ...rest } = data;
    const done = renderCard('round-report', { ...rest, nonResponders: [], totals: { ...data.totals, noAnswer: 0 } }, 'en');
    expect(problems(done)).toEqual([]);
    expect(text(done)).toContain(CARD_STRINGS.en.roundReport.allAnswered);
    expect(objects(done).some((o) => o['type'] === 'Table')).toBe(false);
  });
});

describe('round-report: admins record an answer for a listed person', () => {
  it.each(LOCALES)('the escalation report carries the proxy form; what was recorded shows on top (%s)', (locale) => {
    const data = sample('round-report');
    const card = renderCard('round-report', data, locale);
    const t = CARD_STRINGS[locale];
    expect(problems(card)).toEqual([]);
    expect(choiceValues(inputById(card, 'userId'))).toEqual(data.proxyChoices?.map((c) => c.value));
    expect(choiceValues(inputById(card, 'ownStatus'))).toEqual([...OWN_STATUSES]);
    expect(choiceValues(inputById(card, 'how'))).toEqual([...PROXY_CHANNELS]);
    const submit = actions(card).find((a) => a['verb'] === VERBS.safetyProxy);
    expect(submit).toMatchObject({ title: t.escalation.proxySubmit, associatedInputs: 'auto', data: { roundId: data.roundId, card: 'report' } });
    expect(proxyAnswerSchema.parse({ ...(submit?.['data'] as JsonObject), userId: 'u-201', ownStatus: 'safe', how: 'phone' }).card).toBe('report');
    const shown = text(card);
    expect(shown).toContain(t.roundReport.proxyFor.replace('{name}', '小林 \\\\[花子\\\\](https://example.com)'));
    expect(shown).toContain(t.escalation.proxyRecorded.replace('{status}', t.safetyOptions.ownStatus.needs_help));
    expect(shown).toContain(t.escalation.proxyHowBy.in_person.replace('{by}', 'Admin 山田'));
  });

  it.each(LOCALES)('50 listed people with their 50 choices stay under 80 KB and valid (%s)', (locale) => {
    const fifty = members(50);
    const rows = fifty.map((m) => ({ name: m.name, department: m.department, manager: '管理 太郎', delivered: true }));
    const card = renderCard('round-report', { ...sample('round-report'), nonResponders: rows, proxyChoices: fifty.map((m) => ({ title: m.name, value: m.userId })) }, locale);
    expect(Buffer.byteLength(text(card), 'utf8')).toBeLessThan(MAX_BYTES);
    expect(problems(card)).toEqual([]);
  });

  it('without choices (the final report, a closed round) no form', () => {
    const { proxyChoices: _p, proxyName: _n, proxyStatus: _s, proxyHow: _h, proxyBy: _b, ...data } = sample('round-report');
    const card = renderCard('round-report', { ...data, reportKind: 'final' }, 'ja');
    expect(inputs(card)).toEqual([]);
    expect(verbs(card)).toEqual([]);
    expect(text(card)).not.toContain(CARD_STRINGS.ja.roundReport.proxyFor.slice(-6));
  });
});

describe('safety display helpers', () => {
  const answer = safetyAnswerSchema.parse({ roundId: sample('safety-check').roundId, ...sample('safety-check').prefill });

  it('labels', () => {
    expect(roundKindLabel('typhoon_flood', 'ja')).toBe('台風・洪水');
    expect(roundTitle('earthquake', true, 'en')).toBe('[DRILL] Safety check: Earthquake');
    expect(ownStatusLabel('needs_help', 'ja')).toContain('要支援');
    expect(safetyOptionLabel('homeDamage', 'partial', 'ja')).toBe('一部損壊');
    expect(locationText('other', '避難所', 'en')).toBe('Other (避難所)');
    expect(locationText('home', 'ignored', 'ja')).toBe('自宅');
    expect([isUrgentStatus('serious_injury'), isUrgentStatus('needs_help'), isUrgentStatus('minor_injury')]).toEqual([true, true, false]);
    expect(departmentLabel(null, 'en')).toBe('(no department)');
  });

  it('answer facts, with the comment only when included', () => {
    for (const locale of LOCALES) {
      const facts = safetyAnswerFacts(answer, locale);
      expect(facts.map((f) => f.title)).toEqual(['ownStatus', 'familyStatus', 'homeDamage', 'canWork', 'location', 'comment'].map((k) => CARD_STRINGS[locale].safetyFields[k as 'comment']));
      expect(safetyAnswerFacts(answer, locale, { includeComment: false })).toHaveLength(5);
      expect(problems(renderCard('safety-summary', { ...sample('safety-summary'), facts }, locale))).toEqual([]);
    }
  });

  it('prefectures, times, scope, delivery, caps', () => {
    expect(PREFECTURE_CODES).toHaveLength(47);
    expect(PREFECTURE_CODES.every((c) => /^(0[1-9]|[1-3]\d|4[0-7])$/.test(c))).toBe(true);
    expect([prefectureName('13', 'ja'), prefectureName('47', 'en'), prefectureName('99', 'en')]).toEqual(['東京都', 'Okinawa', '99']);
    const at = new Date('2025-07-01T00:12:00Z');
    expect(formatDateTime(at, 'ja', 'Asia/Tokyo')).toBe('7/1（火）09:12');
    expect(formatDateTime(at, 'en', 'UTC')).toBe('Tue Jul 1 00:12');
    const form = roundFormSchema.parse({ kind: 'earthquake', scope: 'prefectures', prefectures: '13,14', drill: 'true' });
    expect(roundScopeSummary(form, 'ja')).toBe('都道府県を選択：東京都、神奈川県');
    expect(roundScopeSummary({ ...form, scope: 'everyone' }, 'en')).toBe('Everyone');
    const people = { ...form, scope: 'people' as const, people: Array.from({ length: 12 }, (_, i) => `u${i}`) };
    expect(roundScopeSummary(people, 'en', new Map([['u0', 'Hanako']]))).toMatch(/^Selected people: Hanako, u1, .* and 2 more$/);
    const delivery = tallyDelivery({ sent: 5, failed: 3, queued: 1, inFlight: 1, retrying: 2, failedByReason: { blocked: 1, not_installed: 2 } });
    expect(delivery).toEqual({ sent: 5, failed: 3, inProgress: 4, failures: [{ reason: 'not_installed', count: 2 }, { reason: 'blocked', count: 1 }] });
    expect(capRows([1, 2, 3], 2)).toEqual({ rows: [1, 2], more: 1 });
  });
});
