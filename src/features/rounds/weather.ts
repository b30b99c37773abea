import { prefectureName } from '../../domain/people/prefectures';
import type { WeatherReport } from '../../domain/safety/jma-weather';
import type { RoundKind } from '../../domain/safety/model';
import type { RuleOf, SpecialWarningKind } from '../../domain/safety/rules';
import { decideWeather, type RecentWeatherRound, type WeatherDecision } from '../../domain/safety/weather-trigger';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { locationFreshSince } from './context';
import { jmaRepo } from './jma-repository';
import { roundsRepo } from './repository';
import type { RoundService } from './service';
import { roundText } from './texts';

const LOOKBACK_MS = 7 * 24 * 3_600_000;

/** Snow emergencies are not floods: the round's kind decides the card's wording. */
const roundKindOf = (kinds: readonly SpecialWarningKind[]): RoundKind => (kinds.every((k) => k === 'snowstorm' || k === 'heavy_snow') ? 'other' : 'typhoon_flood');

export interface WeatherHandlerDeps {
  readonly db: Db;
  readonly rounds: RoundService;
  readonly rules: readonly RuleOf<'special_warning'>[];
  /** JMA_DRILL: every automatic round is a drill. */
  readonly drill: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly locationFreshHours?: number;
}

/**
 * Acts on one 特別警報 telegram for every tenant, rule by rule in file order (the first rule that
 * decides something wins). Idempotent: the copies of one issuance share one event id.
 */
export function createWeatherHandler(deps: WeatherHandlerDeps) {
  async function recent(tenantId: string): Promise<RecentWeatherRound[]> {
    const rows = await roundsRepo.recent(deps.db, tenantId, new Date(deps.clock.now().getTime() - LOOKBACK_MS));
    return rows
      .filter((r) => r.source === 'jma' && r.eventId?.startsWith('weather:'))
      .map((r) => ({ eventId: r.eventId as string, prefectures: r.scope.prefectures, startedAt: r.startedAt, status: r.status === 'open' ? ('open' as const) : ('closed' as const) }));
  }

  async function act(tenantId: string, report: WeatherReport, rule: RuleOf<'special_warning'>, decision: Exclude<WeatherDecision, { action: 'ignore' }>): Promise<void> {
    const log = deps.logger.child({ tenantId, rule: rule.id, decision: decision.action });
    switch (decision.action) {
      case 'start': {
        const form = { kind: roundKindOf(decision.kinds), scope: 'prefectures' as const, prefectures: decision.prefectures, departments: [], people: [], drill: rule.drill || deps.drill, message: report.headline.slice(0, 500) || undefined };
        const { round, created } = await deps.rounds.start({ tenantId, source: 'jma', eventId: decision.eventId, form });
        log.info({ roundId: round.id, created, prefectures: decision.prefectures }, '特別警報 round');
        return;
      }
      case 'update': {
        const round = await roundsRepo.byEvent(deps.db, tenantId, decision.eventId);
        if (round) await deps.rounds.extendPrefectures(round.id, decision.addedPrefectures);
        log.info({ added: decision.addedPrefectures }, '特別警報 round extended');
        return;
      }
      case 'notify_admins': {
        const names = (locale: Locale) => decision.prefectures.map((code) => prefectureName(code, locale)).join(roundText(locale, 'listSeparator'));
        const notice = (locale: Locale) =>
          decision.reason === 'released'
            ? { title: roundText(locale, 'weatherReleasedTitle'), text: roundText(locale, 'weatherReleasedText', { headline: report.headline, prefectures: names(locale) }) }
            : { title: roundText(locale, 'ruleAdminsOnlyTitle', { rule: rule.id }), text: roundText(locale, 'ruleAdminsOnlyText', { what: report.headline, prefectures: names(locale) }) };
        await deps.rounds.notifyAdmins(tenantId, `jma:${decision.eventId}:${decision.reason}`, { ja: notice('ja'), en: notice('en') });
        log.info({ reason: decision.reason, prefectures: decision.prefectures }, '特別警報: admins told');
        return;
      }
    }
  }

  return {
    async onReport(report: WeatherReport): Promise<void> {
      if (!deps.rules.length) return;
      for (const tenantId of await jmaRepo.tenantsWithActiveUsers(deps.db)) {
        const ctx = {
          employeesByPrefecture: await jmaRepo.employeesByPrefecture(deps.db, tenantId, locationFreshSince(deps)),
          recentRounds: await recent(tenantId),
          now: deps.clock.now(),
        };
        for (const rule of deps.rules) {
          const decision = decideWeather(report, rule, ctx);
          if (decision.action === 'ignore') continue;
          await act(tenantId, report, rule, decision);
          break;
        }
      }
    },
  };
}
