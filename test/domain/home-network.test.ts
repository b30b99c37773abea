import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../../src/domain/checkins/schedule';
import { firstWorkdayOfMonth, HOME_NETWORK_CHECKS, HOME_NETWORK_RULES, homeNetworkFailures, monthOf } from '../../src/domain/policy/home-network';
import { PLEDGE_RULES } from '../../src/domain/policy/pledge';

const allYes = { routerPassword: true, encryption: true, firmware: true, noMacAuth: true, noFamilyBeforeVpn: true };

describe('home-network self-check (G 3)', () => {
  it('lists each "no" as a failure in a stable order', () => {
    expect(homeNetworkFailures(allYes)).toEqual([]);
    expect(homeNetworkFailures({ ...allYes, noFamilyBeforeVpn: false, firmware: false })).toEqual(['firmware', 'noFamilyBeforeVpn']);
  });

  it('quotes the guideline for every check, in both languages', () => {
    for (const check of HOME_NETWORK_CHECKS) {
      expect(HOME_NETWORK_RULES[check].ref).toBe('G 3');
      expect(HOME_NETWORK_RULES[check].text.en.length).toBeGreaterThan(20);
    }
    expect(HOME_NETWORK_RULES.noMacAuth.text.ja).toBe('MACアドレスをネットワークアクセス認証の用途で利用しない事');
  });

  it('finds the first workday of a month past weekends and holidays', () => {
    expect(firstWorkdayOfMonth('2026-12', DEFAULT_SCHEDULE)).toBe('2026-12-01');
    expect(firstWorkdayOfMonth('2027-01', DEFAULT_SCHEDULE)).toBe('2027-01-04'); // 1/1 holiday, 2–3 weekend
    expect(firstWorkdayOfMonth('2026-11', DEFAULT_SCHEDULE)).toBe('2026-11-02'); // 11/1 is a Sunday
    expect(firstWorkdayOfMonth('2026-12', { ...DEFAULT_SCHEDULE, workdays: [] })).toBeUndefined();
    expect(monthOf('2026-12-31')).toBe('2026-12');
  });

  it('the pledge lists rules with references in both languages', () => {
    expect(PLEDGE_RULES.length).toBeGreaterThan(8);
    for (const r of PLEDGE_RULES) expect(r.ref).toMatch(/^G \d/);
  });
});
