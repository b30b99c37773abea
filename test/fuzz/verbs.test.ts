import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_VERBS, VERBS, type Verb } from '../../src/cards/verbs';
import { ADMIN, startFuzzApp, TODAY, USER, type FuzzApp } from './app';
import { corrupt, deepJson, FIXED_REFUSALS, hostileValue, POLLUTION, prototypeIntact, runs } from './hostile';

/**
 * Every Action.Execute verb under random and hostile card data, from a user and from an admin: the
 * answer is always an error card (200), never a 5xx, and nothing is stored.
 */
const ROUND_ID = '3f1c2b3a-0000-4000-8000-0000000000aa';
const INCIDENT_ID = '3f1c2b3a-0000-4000-8000-0000000000bb';

/** A valid payload per verb, and the fields it cannot do without (corrupting one must be refused). */
const BASES: Record<Verb, { data: Record<string, unknown>; required: string[] }> = {
  [VERBS.startSubmit]: {
    data: { date: TODAY, startTime: '09:00', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true', securityUpdated: 'true', rulesAcknowledged: 'true', mood: '3', comment: '' },
    required: ['date', 'startTime', 'place', 'connection', 'device', 'screenPrivate', 'notShared', 'vpnConnected', 'securityUpdated', 'rulesAcknowledged', 'mood'],
  },
  [VERBS.endSubmit]: {
    data: { date: TODAY, endTime: '18:00', break1Start: '', break1End: '', vpnDisconnected: 'true', loggedOff: 'true', pcStored: 'true', mood: '3' },
    required: ['date', 'endTime', 'vpnDisconnected', 'loggedOff', 'pcStored', 'mood'],
  },
  [VERBS.startEdit]: { data: { date: TODAY }, required: ['date'] },
  [VERBS.endEdit]: { data: { date: TODAY }, required: ['date'] },
  [VERBS.dayOff]: { data: { date: TODAY, reason: 'office' }, required: ['date', 'reason'] },
  [VERBS.safetyAnswer]: {
    data: { roundId: ROUND_ID, ownStatus: 'safe', familyStatus: 'all_safe', homeDamage: 'none', canWork: 'yes', location: 'home' },
    required: ['roundId', 'ownStatus', 'familyStatus', 'homeDamage', 'canWork', 'location'],
  },
  [VERBS.safetyEdit]: { data: { roundId: ROUND_ID }, required: ['roundId'] },
  [VERBS.safetyPhone]: { data: { roundId: ROUND_ID, userId: USER, result: 'safe' }, required: ['roundId', 'result'] },
  [VERBS.safetyProxy]: { data: { roundId: ROUND_ID, userId: USER, ownStatus: 'safe', how: 'phone' }, required: ['roundId', 'ownStatus', 'how'] },
  [VERBS.roundPreview]: { data: { kind: 'earthquake', scope: 'everyone', drill: 'true' }, required: ['kind', 'scope', 'drill'] },
  [VERBS.roundStart]: { data: { kind: 'earthquake', scope: 'everyone', drill: 'true' }, required: ['kind', 'scope', 'drill'] },
  [VERBS.roundRefresh]: { data: { roundId: ROUND_ID }, required: ['roundId'] },
  [VERBS.roundClose]: { data: { roundId: ROUND_ID }, required: ['roundId'] },
  [VERBS.roundCloseConfirmed]: { data: { roundId: ROUND_ID }, required: ['roundId'] },
  [VERBS.roundBack]: { data: { kind: 'earthquake', scope: 'everyone', drill: 'true' }, required: ['kind', 'scope', 'drill'] },
  [VERBS.roundDiscard]: { data: {}, required: [] },
  [VERBS.screenLockAnswer]: { data: { reminderId: 'reminder-1', answer: 'locked' }, required: ['reminderId', 'answer'] },
  [VERBS.screenLockLaterNudges]: { data: { reminderId: 'reminder-1', on: 'false' }, required: ['reminderId', 'on'] },
  [VERBS.vpnAnswer]: { data: { reminderId: 'reminder-1' }, required: ['reminderId'] },
  [VERBS.gapReason]: { data: { date: TODAY, reason: 'other', note: '' }, required: ['date', 'reason'] },
  [VERBS.pledgeAccept]: { data: { version: '2025-02' }, required: ['version'] },
  [VERBS.homeNetworkSubmit]: {
    data: { month: '2026-11', routerPassword: 'true', encryption: 'true', firmware: 'true', noMacAuth: 'true', noFamilyBeforeVpn: 'true' },
    required: ['month', 'routerPassword', 'encryption', 'firmware', 'noMacAuth', 'noFamilyBeforeVpn'],
  },
  [VERBS.deviceReportOpen]: { data: {}, required: [] },
  [VERBS.privatePcRequestOpen]: { data: {}, required: [] },
  [VERBS.paperRequestOpen]: { data: {}, required: [] },
  [VERBS.privatePcRequestSubmit]: {
    data: { declNonPublicLine: 'true', declUpdates: 'true', declBrowserOnly: 'true', reason: 'x', until: '2026-12-31' },
    required: ['declNonPublicLine', 'declUpdates', 'declBrowserOnly', 'reason'],
  },
  [VERBS.paperRequestSubmit]: {
    data: { documents: 'x', customer: 'y', until: TODAY, customerConsent: 'true', noCopies: 'true' },
    required: ['documents', 'customer', 'until', 'customerConsent', 'noCopies'],
  },
  [VERBS.approvalDecide]: { data: { requestId: ROUND_ID, decision: 'approve', comment: '' }, required: ['requestId', 'decision'] },
  [VERBS.deviceReportSubmit]: {
    data: { submitId: INCIDENT_ID, kind: 'lost', deviceType: 'company_pc', encrypted: 'yes', screenLocked: 'yes', personalData: 'no' },
    required: ['submitId', 'kind', 'deviceType', 'encrypted', 'screenLocked', 'personalData'],
  },
  [VERBS.pledgeOpen]: { data: {}, required: [] },
  [VERBS.commandRun]: { data: { command: 'pledge' }, required: ['command'] },
  [VERBS.deviceAlertAck]: { data: { incidentId: ROUND_ID }, required: ['incidentId'] },
  [VERBS.deviceIncidentAck]: { data: { incidentId: INCIDENT_ID }, required: ['incidentId'] },
  [VERBS.deviceIncidentRefresh]: { data: { incidentId: INCIDENT_ID }, required: ['incidentId'] },
  [VERBS.deviceIncidentClose]: { data: { incidentId: INCIDENT_ID }, required: ['incidentId'] },
  [VERBS.deviceActionRequest]: { data: { incidentId: INCIDENT_ID, action: 'lock', targetId: 'dev-1' }, required: ['incidentId', 'action', 'targetId'] },
  [VERBS.deviceActionDecide]: { data: { actionId: INCIDENT_ID, decision: 'approve' }, required: ['actionId', 'decision'] },
  [VERBS.guidelineFeedback]: { data: { answerId: ROUND_ID, question: 'カフェで仕事してもいい？', helpful: 'false' }, required: ['answerId', 'question', 'helpful'] },
};

describe('fuzz: card actions', () => {
  let fz: FuzzApp;
  let before: Record<string, number>;

  beforeAll(async () => {
    fz = await startFuzzApp();
    before = await fz.counts();
  });
  afterAll(async () => {
    await fz?.stop();
  });

  /**
   * Posts one card action whose data is the raw JSON text given. The answer is an error card; only a
   * body the HTTP layer cannot take (over 1 MB, or JSON nested too deep to parse) is refused before
   * the bot, with a fixed 4xx body.
   */
  const act = async (verb: string, actor: string, rawData: string) => {
    const body = fz.activityJson(actor, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data: '__RAW__' }, trigger: 'manual' } }, rawData);
    const res = await fz.post(body);
    if (res.status !== 200) {
      expect([400, 413], res.text.slice(0, 200)).toContain(res.status);
      expect(FIXED_REFUSALS, res.text.slice(0, 200)).toContain(res.text);
    } else {
      expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    }
    expect(await fz.counts()).toEqual(before);
  };
  const actor = fc.constantFrom(USER, ADMIN);

  // Verbs that only open a form take no data: the random-data property below covers them.
  it.each(ALL_VERBS.filter((v) => BASES[v].required.length > 0).map((v) => [v]))('%s: one required field corrupted', async (verb) => {
    const { data, required } = BASES[verb];
    await fc.assert(
      fc.asyncProperty(actor, corrupt(data, required), async (who, payload) => act(verb, who, JSON.stringify(payload))),
      { numRuns: runs(12) },
    );
  });

  it('every verb: random data of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_VERBS), actor, hostileValue, async (verb, who, data) => act(verb, who, JSON.stringify(data) ?? 'null')),
      { numRuns: runs(60) },
    );
  });

  it('every verb: deep nesting and prototype-pollution keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_VERBS), actor, fc.oneof(deepJson, fc.constant(POLLUTION)), async (verb, who, raw) => act(verb, who, raw)),
      { numRuns: runs(24) },
    );
    expect(prototypeIntact()).toBe(true);
  });

  it('unknown and hostile verbs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileValue.map((v) => JSON.stringify(v) ?? 'null'), fc.constant('"__proto__"'), fc.constant('"constructor"')), actor, async (rawVerb, who) => {
        const body = fz.activityJson(who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: '__RAW__', data: {} } } }, rawVerb);
        const res = await fz.post(body);
        expect(res.status).toBe(200);
        expect(await fz.counts()).toEqual(before);
      }),
      { numRuns: runs(30) },
    );
  });

  it('still answers /healthz afterwards', async () => {
    await fz.healthy();
    expect(prototypeIntact()).toBe(true);
  });
});
