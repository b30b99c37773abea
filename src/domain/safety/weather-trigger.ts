import { weatherIssuanceKey, type WeatherReport } from './jma-weather';
import type { RuleOf, SpecialWarningKind } from './rules';

/** An automatic weather round the tenant already has (event id `weather:…`). */
export interface RecentWeatherRound {
  eventId: string;
  prefectures: readonly string[];
  startedAt: Date;
  status: 'open' | 'closed';
}

export interface WeatherContext {
  /** JIS code → people whose home, office or (fresh) today's prefecture it is. */
  employeesByPrefecture: ReadonlyMap<string, number>;
  recentRounds: readonly RecentWeatherRound[];
  now: Date;
}

export type WeatherDecision =
  | { action: 'ignore'; reason: 'drill' | 'test' | 'not_relevant' | 'no_employees_affected' | 'duplicate' }
  | { action: 'start'; eventId: string; prefectures: string[]; kinds: SpecialWarningKind[] }
  | { action: 'update'; eventId: string; addedPrefectures: string[] }
  | { action: 'notify_admins'; reason: 'admins_only' | 'released'; eventId: string; prefectures: string[]; kinds: SpecialWarningKind[] };

/**
 * What one 特別警報 telegram means under one rule. Pure. The copies of one issuance share the key
 * (area + kind + report time), so the second and third copy are duplicates; a later telegram for
 * more prefectures within the rule's repeat block extends the open round; 解除 never starts a round
 * but tells the admins (they close the round when people are safe).
 */
export function decideWeather(report: WeatherReport, rule: RuleOf<'special_warning'>, ctx: WeatherContext): WeatherDecision {
  if (report.status === '訓練') return { action: 'ignore', reason: 'drill' };
  if (report.status === '試験') return { action: 'ignore', reason: 'test' };
  const inRule = (code: string) => rule.prefectures.length === 0 || rule.prefectures.includes(code);
  const hasPeople = (code: string) => (ctx.employeesByPrefecture.get(code) ?? 0) > 0;
  const hits = report.issued
    .map((p) => ({ code: p.code, kinds: p.kinds.filter((k) => rule.kinds.includes(k)) }))
    .filter((p) => p.kinds.length > 0 && inRule(p.code));
  const withPeople = hits.filter((p) => hasPeople(p.code));
  const kinds = [...new Set(withPeople.flatMap((p) => p.kinds))].sort();
  const prefectures = withPeople.map((p) => p.code);

  if (withPeople.length === 0) {
    const released = report.released.filter((code) => inRule(code) && hasPeople(code));
    if (released.length) {
      return { action: 'notify_admins', reason: 'released', eventId: weatherIssuanceKey(released, ['released'], report.reportDateTime), prefectures: released, kinds: [] };
    }
    return { action: 'ignore', reason: hits.length ? 'no_employees_affected' : 'not_relevant' };
  }

  const eventId = weatherIssuanceKey(prefectures, kinds, report.reportDateTime);
  const blockMs = rule.repeatBlockMinutes * 60_000;
  // A start in the "future" (the clock went backwards) is as recent as it gets.
  const open = ctx.recentRounds.filter((r) => r.status === 'open' && ctx.now.getTime() - r.startedAt.getTime() < blockMs);
  if (ctx.recentRounds.some((r) => r.eventId === eventId)) return { action: 'ignore', reason: 'duplicate' };
  const covering = open[0];
  if (covering) {
    const added = prefectures.filter((code) => !open.some((r) => r.prefectures.includes(code)));
    if (!added.length) return { action: 'ignore', reason: 'duplicate' };
    if (rule.action === 'start') return { action: 'update', eventId: covering.eventId, addedPrefectures: added };
  }
  if (rule.action === 'notify_admins') return { action: 'notify_admins', reason: 'admins_only', eventId, prefectures, kinds };
  return { action: 'start', eventId, prefectures, kinds };
}
