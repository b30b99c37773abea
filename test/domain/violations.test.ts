import { describe, expect, it } from 'vitest';
import { VIOLATION_KINDS, type EndAnswers, type StartAnswers } from '../../src/domain/checkins/model';
import { evaluateEnd, evaluateStart } from '../../src/domain/checkins/violations';
import { RULES } from '../../src/domain/policy/rules';

const compliantStart: StartAnswers = {
  startTime: '09:00',
  place: 'home',
  connection: 'home_wifi_wpa',
  device: 'company_pc',
  screenPrivate: true,
  notShared: true,
  vpnConnected: true,
  securityUpdated: true,
  rulesAcknowledged: true,
  mood: 4,
  comment: undefined,
};

const compliantEnd: EndAnswers = {
  endTime: '18:00',
  break1Start: undefined,
  break1End: undefined,
  break2Start: undefined,
  break2End: undefined,
  vpnDisconnected: true,
  loggedOff: true,
  pcStored: true,
  mood: 3,
  comment: undefined,
};

describe('evaluateStart', () => {
  const notApproved = { privatePcApproved: false };

  it('finds nothing in compliant answers', () => {
    expect(evaluateStart(compliantStart, notApproved)).toEqual([]);
    for (const place of ['approved_alternate', 'satellite_office'] as const) {
      expect(evaluateStart({ ...compliantStart, place }, notApproved)).toEqual([]);
    }
    for (const connection of ['wired', 'mobile'] as const) {
      expect(evaluateStart({ ...compliantStart, connection }, notApproved)).toEqual([]);
    }
  });

  it('maps each answer to its violation', () => {
    expect(evaluateStart({ ...compliantStart, place: 'other' }, notApproved)).toEqual(['place_other']);
    expect(evaluateStart({ ...compliantStart, connection: 'public_wifi' }, notApproved)).toEqual(['public_wifi']);
    expect(evaluateStart({ ...compliantStart, connection: 'home_wifi_open' }, notApproved)).toEqual(['insecure_wifi']);
    expect(evaluateStart({ ...compliantStart, device: 'private_pc' }, notApproved)).toEqual(['private_pc_unapproved']);
  });

  it('flags each self-check answered "no" (G 3) with its own kind', () => {
    expect(evaluateStart({ ...compliantStart, screenPrivate: false }, notApproved)).toEqual(['screen_visible']);
    expect(evaluateStart({ ...compliantStart, notShared: false }, notApproved)).toEqual(['pc_shared']);
    expect(evaluateStart({ ...compliantStart, vpnConnected: false }, notApproved)).toEqual(['vpn_not_connected']);
    expect(evaluateStart({ ...compliantStart, securityUpdated: false }, notApproved)).toEqual(['security_outdated']);
    const none = { ...compliantStart, screenPrivate: false, notShared: false, vpnConnected: false, securityUpdated: false, device: 'private_pc' as const };
    expect(evaluateStart(none, notApproved)).toEqual(['private_pc_unapproved', 'screen_visible', 'pc_shared', 'vpn_not_connected', 'security_outdated']);
  });

  it('quotes the guideline for the self-check rules', () => {
    expect(RULES.vpn_not_connected.text.ja).toBe('VPNを稼働していない状態で、自宅ネットワークに接続することは禁止する');
    expect(RULES.screen_visible.ref).toBe('G 1.5, 3');
    expect(RULES.security_outdated.ref).toBe('G 3');
  });

  it('allows a private PC with an approved request', () => {
    expect(evaluateStart({ ...compliantStart, device: 'private_pc' }, { privatePcApproved: true })).toEqual([]);
  });

  it('returns several violations in a stable order', () => {
    const answers: StartAnswers = { ...compliantStart, device: 'private_pc', connection: 'public_wifi', place: 'other' };
    expect(evaluateStart(answers, notApproved)).toEqual(['place_other', 'public_wifi', 'private_pc_unapproved']);
  });
});

describe('evaluateEnd', () => {
  it('flags a VPN left connected', () => {
    expect(evaluateEnd(compliantEnd)).toEqual([]);
    expect(evaluateEnd({ ...compliantEnd, vpnDisconnected: false })).toEqual(['vpn_not_disconnected']);
  });
});

describe('RULES', () => {
  it('has a guideline reference and both languages for every violation kind', () => {
    for (const kind of VIOLATION_KINDS) {
      const rule = RULES[kind];
      expect(rule.ref).toMatch(/^G \d/);
      expect(rule.text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(rule.text.en.length).toBeGreaterThan(20);
    }
    expect(RULES.place_other.text.ja).toBe('在宅勤務中は、自宅以外の場所での業務を禁止する');
    expect(Object.isFrozen(RULES.public_wifi.text)).toBe(true);
  });
});
