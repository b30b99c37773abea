import type { Config } from '../../config';
import { intensityLabel, parseIntensity, type JmaReport } from '../../domain/safety/jma';
import { decideTrigger, type RecentRound, type TriggerDecision } from '../../domain/safety/trigger';
import type { Clock } from '../../domain/shared/clock';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { roundsRepo } from './repository';
import type { RoundService } from './service';

const LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * Acts on one JMA report for every tenant: start a round for the employees in affected prefectures,
 * extend, cancel, or tell the admins. Idempotent (the poller may hand the same report again after a
 * crash): a round is keyed by the event id, and notices by event + reason + serial.
 */
export function createJmaHandler(d: { db: Db; rounds: RoundService; jma: Config['jma']; clock: Clock; logger: Logger }) {
  async function employeesByPrefecture(tenantId: string): Promise<Map<string, number>> {
    const r = await d.db.query<{ code: string; n: number }>(
      `select code, count(distinct id)::int as n from (
         select id, office_prefecture as code from users where active and tenant_id = $1 and office_prefecture is not null
         union all select id, home_prefecture from users where active and tenant_id = $1 and home_prefecture is not null) p
       group by code`,
      [tenantId],
    );
    return new Map(r.rows.map((x) => [x.code, x.n]));
  }

  async function recentRounds(tenantId: string): Promise<RecentRound[]> {
    const now = d.clock.now();
    const rows = await roundsRepo.recent(d.db, tenantId, new Date(now.getTime() - LOOKBACK_MS));
    return rows
      .filter((r) => r.source === 'jma' && r.eventId && (r.kind === 'earthquake' || r.kind === 'tsunami'))
      .map((r) => ({
        eventId: r.eventId as string,
        kind: r.kind as 'earthquake' | 'tsunami',
        maxIntensity: parseIntensity(r.maxIntensity),
        prefectures: r.scope.prefectures,
        startedAt: r.startedAt,
        status: r.status === 'open' ? ('open' as const) : ('closed' as const),
        answered: r.answered,
      }));
  }

  async function act(tenantId: string, report: JmaReport, decision: TriggerDecision): Promise<void> {
    const log = d.logger.child({ tenantId, decision: decision.action });
    switch (decision.action) {
      case 'ignore':
        log.info({ reason: decision.reason }, 'JMA report ignored');
        return;
      case 'start': {
        const message = report.kind === 'other' ? undefined : report.headline?.slice(0, 500);
        const { round, created } = await d.rounds.start({
          tenantId,
          source: 'jma',
          eventId: decision.eventId,
          maxIntensity: decision.maxIntensity,
          form: { kind: decision.kind, scope: 'prefectures', prefectures: decision.prefectures, departments: [], people: [], drill: d.jma.drill, message },
        });
        log.info({ roundId: round.id, created, prefectures: decision.prefectures }, 'JMA round');
        return;
      }
      case 'update': {
        const round = await roundsRepo.byEvent(d.db, tenantId, decision.eventId);
        if (round) await d.rounds.extendPrefectures(round.id, decision.addedPrefectures, decision.maxIntensity);
        return;
      }
      case 'cancel':
        await d.rounds.cancelByEvent(tenantId, decision.eventId);
        return;
      case 'notify_admins': {
        const serial = report.kind === 'other' ? '' : String(report.serial ?? '');
        const where = (decision.prefectures ?? []).join(', ');
        const i = decision.maxIntensity;
        await d.rounds.notifyAdmins(tenantId, `jma:${decision.eventId}:${decision.reason}:${serial}`, {
          ja: {
            title: decision.reason === 'aftershock_suppressed' ? '余震のため新しい安否確認は開始していません' : '気象庁の情報が訂正・取消されました',
            text: `${report.kind === 'other' ? '' : report.headline ?? ''} ${i ? intensityLabel(i, 'ja') : ''} ${where}`.trim(),
          },
          en: {
            title: decision.reason === 'aftershock_suppressed' ? 'Aftershock: no new safety round started' : 'JMA corrected or cancelled a report',
            text: `${i ? intensityLabel(i, 'en') : ''} ${where ? `prefectures ${where}` : ''} (event ${decision.eventId})`.trim(),
          },
        });
        return;
      }
    }
  }

  return {
    async onReport(report: JmaReport): Promise<void> {
      const tenants = await d.db.query<{ tenant_id: string }>('select distinct tenant_id from users where active');
      for (const { tenant_id } of tenants.rows) {
        const decision = decideTrigger(report, {
          employeesByPrefecture: await employeesByPrefecture(tenant_id),
          threshold: d.jma.threshold,
          tsunamiKinds: d.jma.tsunamiKinds,
          recentRounds: await recentRounds(tenant_id),
          now: d.clock.now(),
          aftershockWindowHours: d.jma.aftershockHours,
        });
        await act(tenant_id, report, decision);
      }
    },
  };
}

/** The poller's memory of processed feed entries, in the database (shared by replicas, kept across restarts). */
export function jmaSeenStore(db: Db) {
  return {
    has: async (id: string) => (await db.query('select 1 from jma_seen where entry_id = $1', [id])).rows.length > 0,
    add: async (id: string) => {
      await db.query('insert into jma_seen (entry_id) values ($1) on conflict do nothing', [id]);
    },
  };
}
