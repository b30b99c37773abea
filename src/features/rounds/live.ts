import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditEvent } from '../../audit/log';
import { cardMessage } from '../../cards/render';
import { PURPOSES } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import { NotAdminError } from '../../domain/safety/errors';
import { LOCALES } from '../../domain/shared/locale';
import type { RoundContext } from './context';
import { DELIVERY_STATES, liveRepo, OUTCOMES, type AttentionRow, type DeliveryState, type Outcome, type RecipientFilter, type StateGroup } from './live-repository';
import { roundReport, reportCsv } from './report';
import { scopeOf } from './live-scope';
import { roundsRepo, type Round } from './repository';
import { roundBatch } from './tally';
import { roundText } from './texts';

/** One row of the live view: a department, a prefecture, or the whole round. */
export interface LiveCounts {
  readonly key: string;
  readonly total: number;
  readonly delivery: Readonly<Record<DeliveryState, number>>;
  readonly outcome: Readonly<Record<Outcome, number>>;
}

export interface LiveView {
  readonly round: { readonly id: string; readonly kind: Round['kind']; readonly isDrill: boolean; readonly status: Round['status']; readonly startedAt: string; readonly closedAt?: string };
  /** 'tenant': every recipient (admins); 'reports': the viewer's direct reports (managers). */
  readonly scope: 'tenant' | 'reports';
  readonly totals: LiveCounts;
  readonly departments: readonly LiveCounts[];
  readonly prefectures: readonly LiveCounts[];
  readonly at: string;
}

export interface AttentionPerson extends Omit<AttentionRow, 'firstSentAt'> {
  readonly firstSentAt?: string;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Sums the grouped rows by one key (or all into one row). */
function countBy(groups: readonly StateGroup[], keyOf: (g: StateGroup) => string): LiveCounts[] {
  const rows = new Map<string, { key: string; total: number; delivery: Record<DeliveryState, number>; outcome: Record<Outcome, number> }>();
  for (const g of groups) {
    const key = keyOf(g);
    const row = rows.get(key) ?? { key, total: 0, delivery: zeros(DELIVERY_STATES), outcome: zeros(OUTCOMES) };
    row.total += g.n;
    row.delivery[g.delivery] += g.n;
    row.outcome[g.outcome] += g.n;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const resentAudit = (round: Round, admin: User, params: { department?: string; queued: number }): AuditEvent => ({
  kind: AUDIT_KINDS.roundResent,
  tenantId: round.tenantId,
  actorId: admin.id,
  subjectId: round.id,
  data: { department: params.department ?? null, queued: params.queued },
});

/** The console's round use cases (admins; managers for their reports). */
export function createRoundConsole(ctx: RoundContext) {
  const filterFor = (viewer: User): RecipientFilter => (ctx.isAdmin(viewer) ? {} : { managerId: viewer.id });
  return {
    /** The rounds the viewer may open, newest first. */
    async list(viewer: User, limit = 50) {
      const rows = await liveRepo.rounds(ctx.db, viewer.tenantId, filterFor(viewer), limit);
      return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), closedAt: r.closedAt?.toISOString() }));
    },

    /** Counts by department and prefecture through queued → sent → read → answered, and the answers. */
    async live(viewer: User, roundId: string): Promise<LiveView> {
      const { round, filter, scope } = await scopeOf(ctx, ctx.db, viewer, roundId);
      const groups = await liveRepo.groups(ctx.db, roundId, filter);
      return {
        round: { id: round.id, kind: round.kind, isDrill: round.isDrill, status: round.status, startedAt: round.startedAt.toISOString(), closedAt: round.closedAt?.toISOString() },
        scope,
        totals: countBy(groups, () => 'all')[0] ?? { key: 'all', total: 0, delivery: zeros(DELIVERY_STATES), outcome: zeros(OUTCOMES) },
        departments: countBy(groups, (g) => g.department),
        prefectures: countBy(groups, (g) => g.prefecture),
        at: ctx.clock.now().toISOString(),
      };
    },

    /** The round's report: answer curve, milestones, department ranking, never answered, the previous drill. */
    report: (viewer: User, roundId: string) => roundReport(ctx, viewer, roundId),
    async reportCsv(viewer: User, roundId: string): Promise<string> {
      return reportCsv(await roundReport(ctx, viewer, roundId));
    },

    /** Who needs attention, riskiest first (live-repository.ts says the order). */
    async attention(viewer: User, roundId: string, department?: string, limit = 500): Promise<AttentionPerson[]> {
      const { filter } = await scopeOf(ctx, ctx.db, viewer, roundId);
      const rows = await liveRepo.attention(ctx.db, roundId, { ...filter, department }, limit, ctx.clock.now());
      return rows.map((r) => ({ ...r, firstSentAt: r.firstSentAt?.toISOString() }));
    },

    /**
     * "Re-send now": the safety card again to the round's non-responders (of one department, or
     * all), on the urgent lane and at the tenant's pace like every card. `requestId` (one per click)
     * makes a retried request queue nothing twice. Audited with the count, never names.
     */
    async resendNow(admin: User, roundId: string, params: { department?: string; requestId: string }): Promise<{ queued: number }> {
      if (!ctx.isAdmin(admin)) throw new NotAdminError();
      const queued = await ctx.db.transaction(async (tx) => {
        const round = ctx.requireRoundAdmin(admin, await roundsRepo.get(tx, roundId), roundId);
        if (round.status !== 'open') return 0;
        const pending = await liveRepo.pending(tx, roundId, params.department);
        let n = 0;
        for (const locale of LOCALES) {
          n += await ctx.outbox.enqueueMany(tx, {
            purpose: PURPOSES.safetyResend,
            tenantId: round.tenantId,
            batchId: roundBatch(round.id),
            subject: `${round.id}:now:${params.requestId}`,
            activity: cardMessage(ctx.views.check(round, { locale }), roundText(locale, 'notifyCheck')),
            recipientIds: pending.filter((r) => r.locale === locale).map((r) => r.userId),
          });
        }
        await ctx.audit.append(tx, resentAudit(round, admin, { department: params.department, queued: n }));
        return n;
      });
      if (queued) ctx.outbox.notify();
      return { queued };
    },
  };
}
