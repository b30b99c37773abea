import type { Config } from '../../config';
import { prefectureName } from '../../domain/people/prefectures';
import { intensityLabel, parseIntensity, type JmaReport } from '../../domain/safety/jma';
import type { AnyJmaReport } from '../../domain/safety/jma-weather';
import { defaultRules, type RuleOf, type TriggerRule } from '../../domain/safety/rules';
import { decideTrigger, type RecentRound, type TriggerDecision } from '../../domain/safety/trigger';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { roundText } from './texts';
import { jmaRepo } from './jma-repository';
import { roundsRepo } from './repository';
import type { RoundService } from './service';
import { locationFreshSince } from './context';
import { createWeatherHandler } from './weather';

const LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * Acts on one JMA report for every tenant: start a round for the employees in affected prefectures,
 * extend, cancel, or tell the admins. Idempotent (the poller may hand the same report again after a
 * crash): a round is keyed by the event id, and notices by event + reason + serial.
 */
export function createJmaHandler(deps: {
  db: Db;
  rounds: RoundService;
  jma: Config['jma'];
  clock: Clock;
  logger: Logger;
  /** ROUND_RULES_FILE's rules; without them, the rules of the JMA_* settings (earthquake and tsunami only). */
  rules?: readonly TriggerRule[];
  locationFreshHours?: number;
}) {
  const rules = deps.rules ?? defaultRules(deps.jma);
  const weather = createWeatherHandler({
    ...deps,
    drill: deps.jma.drill,
    rules: rules.filter((r): r is RuleOf<'special_warning'> => r.source === 'special_warning'),
  });
  async function recentRounds(tenantId: string): Promise<RecentRound[]> {
    const now = deps.clock.now();
    const rows = await roundsRepo.recent(deps.db, tenantId, new Date(now.getTime() - LOOKBACK_MS));
    return rows
      .filter((r) => r.source === 'jma' && r.eventId && (r.kind === 'earthquake' || r.kind === 'tsunami'))
      .map((round) => ({
        eventId: round.eventId as string,
        kind: round.kind as 'earthquake' | 'tsunami',
        maxIntensity: parseIntensity(round.maxIntensity),
        prefectures: round.scope.prefectures,
        startedAt: round.startedAt,
        status: round.status === 'open' ? ('open' as const) : ('closed' as const),
        answered: round.answered,
      }));
  }

  async function act(tenantId: string, report: JmaReport, decision: TriggerDecision, drill: boolean): Promise<void> {
    const log = deps.logger.child({ tenantId, decision: decision.action });
    switch (decision.action) {
      case 'ignore':
        log.info({ reason: decision.reason }, 'JMA report ignored');
        return;
      case 'start': {
        const message = report.kind === 'other' ? undefined : report.headline?.slice(0, 500);
        const { round, created } = await deps.rounds.start({
          tenantId,
          source: 'jma',
          eventId: decision.eventId,
          maxIntensity: decision.maxIntensity,
          form: { kind: decision.kind, scope: 'prefectures', prefectures: decision.prefectures, departments: [], people: [], drill, message },
        });
        log.info({ roundId: round.id, created, prefectures: decision.prefectures }, 'JMA round');
        return;
      }
      case 'update': {
        const round = await roundsRepo.byEvent(deps.db, tenantId, decision.eventId);
        if (round) await deps.rounds.extendPrefectures(round.id, decision.addedPrefectures, decision.maxIntensity);
        return;
      }
      case 'cancel':
        await deps.rounds.cancelByEvent(tenantId, decision.eventId);
        return;
      case 'notify_admins': {
        const serial = report.kind === 'other' ? '' : String(report.serial ?? '');
        const headline = report.kind === 'other' ? '' : report.headline ?? '';
        const where = (decision.prefectures ?? []).join(', ');
        const i = decision.maxIntensity;
        const notice = (locale: Locale) => ({
          title: roundText(locale, decision.reason === 'aftershock_suppressed' ? 'aftershockTitle' : 'jmaCorrectedTitle'),
          text: roundText(locale, 'jmaNoticeText', {
            headline,
            intensity: i ? intensityLabel(i, locale) : '',
            where: where ? roundText(locale, 'jmaNoticeWhere', { prefectures: where }) : '',
            eventId: decision.eventId,
          }).trim(),
        });
        await deps.rounds.notifyAdmins(tenantId, `jma:${decision.eventId}:${decision.reason}:${serial}`, { ja: notice('ja'), en: notice('en') });
        return;
      }
    }
  }

  /** A rule that only tells the admins: they decide whether to start a round (once per event and rule). */
  async function adminsOnly(tenantId: string, report: Exclude<JmaReport, { kind: 'other' }>, rule: TriggerRule, prefectures: readonly string[]): Promise<void> {
    const notice = (locale: Locale) => ({
      title: roundText(locale, 'ruleAdminsOnlyTitle', { rule: rule.id }),
      text: roundText(locale, 'ruleAdminsOnlyText', { what: report.headline, prefectures: prefectures.map((code) => prefectureName(code, locale)).join(roundText(locale, 'listSeparator')) }),
    });
    await deps.rounds.notifyAdmins(tenantId, `jma:${report.eventId}:admins_only:${rule.id}`, { ja: notice('ja'), en: notice('en') });
  }

  /**
   * A telegram the feed marked as a quake or tsunami report but whose title the parser does not know:
   * JMA may have changed a format, and automatic rounds would silently stop. Admins hear of it (once a
   * day per title), so they start rounds by hand until it is fixed.
   */
  async function unreadable(report: Extract<JmaReport, { kind: 'other' }>): Promise<void> {
    if (report.status === '訓練' || report.status === '試験') return;
    const title = report.title.slice(0, 100);
    deps.logger.warn({ title }, 'JMA report with an unknown title: admins are told to start rounds by hand');
    const day = deps.clock.now().toISOString().slice(0, 10);
    const notice = (locale: Locale) => ({ title: roundText(locale, 'jmaUnknownTitle'), text: roundText(locale, 'jmaUnknownText', { title }) });
    for (const tenantId of await jmaRepo.tenantsWithActiveUsers(deps.db)) {
      await deps.rounds.notifyAdmins(tenantId, `jma:unknown:${day}:${title}`, { ja: notice('ja'), en: notice('en') });
    }
  }

  return {
    async onReport(report: AnyJmaReport): Promise<void> {
      if (report.kind === 'weather') return weather.onReport(report);
      if (report.kind === 'other') return unreadable(report);
      const matching = rules.filter((r): r is RuleOf<'earthquake' | 'tsunami'> => r.source === report.kind);
      for (const tenantId of await jmaRepo.tenantsWithActiveUsers(deps.db)) {
        const employees = await jmaRepo.employeesByPrefecture(deps.db, tenantId, locationFreshSince(deps));
        const recent = await recentRounds(tenantId);
        // Rules in file order: the first that decides something other than "ignore" acts.
        let decision: TriggerDecision = { action: 'ignore', reason: 'not_relevant' };
        for (const rule of matching) {
          decision = decideTrigger(report, {
            employeesByPrefecture: rule.prefectures.length ? new Map([...employees].filter(([code]) => rule.prefectures.includes(code))) : employees,
            threshold: rule.source === 'earthquake' ? rule.minIntensity : undefined,
            tsunamiKinds: rule.source === 'tsunami' ? rule.tsunamiKinds : undefined,
            recentRounds: recent,
            now: deps.clock.now(),
            aftershockWindowHours: rule.repeatBlockMinutes / 60,
          });
          if (decision.action === 'ignore') continue;
          if (decision.action === 'start' && rule.action === 'notify_admins') await adminsOnly(tenantId, report, rule, decision.prefectures);
          else await act(tenantId, report, decision, rule.drill || deps.jma.drill);
          break;
        }
        if (decision.action === 'ignore') await act(tenantId, report, decision, false);
      }
    },
  };
}

/** The poller's memory of processed feed entries, in the database (shared by replicas, kept across restarts). */
export function jmaSeenStore(db: Db) {
  return {
    has: (id: string) => jmaRepo.seen(db, id),
    add: (id: string) => jmaRepo.markSeen(db, id),
  };
}
