import { randomUUID } from 'node:crypto';
import type { AdaptiveCardJson } from '../../cards/render';
import { activityOf } from './activity';
import type { User } from '../../domain/people/user';
import { EmptyScopeError, NotAdminError, RoundNotFoundError } from '../../domain/safety/errors';
import type { Clock } from '../../domain/shared/clock';
import type { Locale } from '../../domain/shared/locale';
import { URGENT_STATUSES, type RoundForm, type SafetyAnswer } from '../../domain/safety/model';
import { deliveryKey, PURPOSES, type Outbox } from '../../delivery/outbox';
import type { Logger } from '../../log/logger';
import type { Db, Executor } from '../../store/db';
import { roundsRepo, scopeFilter, type RecipientRow, type Round, type RoundScope } from './repository';
import { usersRepo } from '../../store/users';
import { runDueSteps, refreshTallies } from './cascade';
import { computeTally, roundBatch } from './tally';
import type { CascadeSettings, RoundViews } from './types';

export interface RoundDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly views: RoundViews;
  readonly cascade: CascadeSettings;
  readonly adminIds: readonly string[];
  readonly logger: Logger;
  /** A signed, expiring CSV link for admins (undefined when exports are off). */
  readonly exportUrl?: (roundId: string) => Promise<string | undefined>;
}

export type RoundService = ReturnType<typeof createRoundService>;

export function createRoundService(deps: RoundDeps) {
  const { db, clock, outbox, views } = deps;
  const isAdmin = (u: User) => u.isAdmin || deps.adminIds.includes(u.id);
  const requireAdmin = (u: User) => {
    if (!isAdmin(u)) throw new NotAdminError();
  };

  async function admins(ex: Executor, tenantId: string): Promise<User[]> {
    return (await usersRepo.listActive(ex, tenantId)).filter(isAdmin);
  }

  const scopeOf = (f: RoundForm): RoundScope => ({ scope: f.scope, departments: f.departments, prefectures: f.prefectures, people: f.people });

  async function tallyCard(round: Round, locale: Locale): Promise<AdaptiveCardJson> {
    return views.tally(round, await computeTally(db, round.id), locale, await deps.exportUrl?.(round.id));
  }

  /** Starts a round: recipients, cascade steps, first cards and admins' tally cards, in one transaction. */
  async function start(p: {
    tenantId: string;
    by?: User;
    form: RoundForm;
    source: 'admin' | 'jma';
    eventId?: string;
    maxIntensity?: string;
    invoke?: { conversationId: string; activityId: string };
  }): Promise<{ round: Round; created: boolean }> {
    if (p.by) requireAdmin(p.by);
    const result = await db.transaction(async (tx) => {
      if (p.eventId) {
        const existing = await roundsRepo.byEvent(tx, p.tenantId, p.eventId);
        if (existing) return { round: existing, created: false };
      }
      const id = randomUUID();
      const now = clock.now();
      const scope = scopeOf(p.form);
      await tx.query(
        `insert into safety_rounds (id, tenant_id, kind, is_drill, message, scope, source, event_id, max_intensity, prefectures, started_by, started_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, p.tenantId, p.form.kind, p.form.drill, p.form.message ?? null, JSON.stringify(scope), p.source, p.eventId ?? null, p.maxIntensity ?? null, p.form.prefectures, p.by?.id ?? null, now],
      );
      const f = scopeFilter(scope, 3);
      const ins = await tx.query(
        `insert into round_recipients (round_id, user_id, manager_id, department)
         select $1, u.id, u.manager_id, u.department from users u where u.active and u.tenant_id = $2 and ${f.where} returning user_id`,
        [id, p.tenantId, ...f.params],
      );
      if (!ins.rows.length) throw new EmptyScopeError();
      const steps: [string, number][] = [
        ...deps.cascade.resendMinutes.map((m, i): [string, number] => [`resend${i + 1}`, m]),
        ['manager', deps.cascade.managerMinutes],
        ['admins', deps.cascade.adminMinutes],
      ];
      for (const [step, minutes] of steps) {
        await tx.query('insert into round_steps (round_id, step, due_at) values ($1, $2, $3)', [id, step, new Date(now.getTime() + minutes * 60_000)]);
      }
      const round = (await roundsRepo.get(tx, id)) as Round;
      await sendChecks(tx, round, PURPOSES.safetyCheck, 'pending-or-all');
      for (const admin of await admins(tx, p.tenantId)) {
        if (p.invoke && admin.id === p.by?.id) {
          await tx.query('insert into round_tally_cards (round_id, admin_id, conversation_id, activity_id) values ($1, $2, $3, $4)', [id, admin.id, p.invoke.conversationId, p.invoke.activityId]);
          continue;
        }
        const key = deliveryKey(PURPOSES.roundTally, admin.id, id);
        const card = views.tally(round, await computeTally(tx, id), admin.locale);
        await outbox.enqueue(tx, { key, tenantId: p.tenantId, batchId: `${roundBatch(id)}:admins`, purpose: PURPOSES.roundTally, recipientId: admin.id, activity: activityOf(card) });
        await tx.query('insert into round_tally_cards (round_id, admin_id, delivery_key) values ($1, $2, $3)', [id, admin.id, key]);
      }
      return { round, created: true };
    });
    if (result.created) {
      outbox.notify();
      deps.logger.info({ roundId: result.round.id, source: p.source, kind: p.form.kind, drill: p.form.drill }, 'safety round started');
    }
    return result;
  }

  /** The safety card to every recipient (or, for re-sends, every non-responder), one bulk insert per language. */
  async function sendChecks(tx: Executor, round: Round, purpose: string, which: 'pending-or-all' | 'pending'): Promise<number> {
    let sent = 0;
    for (const locale of ['ja', 'en'] as const) {
      const activity = activityOf(views.check(round, locale), locale === 'ja' ? '安否確認' : 'Safety check');
      const payload = await tx.query<{ id: number }>('insert into delivery_payloads (activity) values ($1) returning id', [JSON.stringify(activity)]);
      const r = await tx.query(
        `insert into deliveries (idempotency_key, tenant_id, batch_id, purpose, recipient_id, payload_id)
         select $1::text || ':' || x.user_id || ':' || $2::text, $3, $4, $1, x.user_id, $5::bigint
         from round_recipients x join users u on u.id = x.user_id
         where x.round_id = $2::uuid and u.locale = $6 and ($7::boolean or x.status = 'pending')
         on conflict (idempotency_key) do nothing returning id`,
        [purpose, round.id, round.tenantId, roundBatch(round.id), payload.rows[0]?.id, locale, which === 'pending-or-all'],
      );
      sent += r.rows.length;
    }
    return sent;
  }

  return {
    isAdmin,

    async formCard(admin: User): Promise<AdaptiveCardJson> {
      requireAdmin(admin);
      const users = await usersRepo.listActive(db, admin.tenantId);
      const departments = [...new Set(users.map((u) => u.department).filter((d): d is string => !!d))].sort();
      return views.form(admin, { departments, people: users.map((u) => ({ id: u.id, name: u.name })) });
    },

    async preview(admin: User, form: RoundForm): Promise<AdaptiveCardJson> {
      requireAdmin(admin);
      const count = await roundsRepo.countScope(db, admin.tenantId, scopeOf(form));
      if (!count) throw new EmptyScopeError();
      const names = new Map<string, string>();
      for (const id of form.people) {
        const u = await usersRepo.get(db, id);
        if (u) names.set(id, u.name);
      }
      return views.confirm(admin, form, count, names);
    },

    start,

    /**
     * The admin pressed "start" on the confirm card. The card's activity id keys the round, so a
     * double click (or a retried invoke) cannot start two rounds.
     */
    async startFromAdmin(admin: User, form: RoundForm, invoke?: { conversationId: string; activityId: string }): Promise<AdaptiveCardJson> {
      const eventId = invoke ? `card:${invoke.conversationId}:${invoke.activityId}` : undefined;
      const { round } = await start({ tenantId: admin.tenantId, by: admin, form, source: 'admin', invoke, eventId });
      return tallyCard(round, admin.locale);
    },

    async checkCard(user: User, roundId: string): Promise<AdaptiveCardJson> {
      const round = await roundsRepo.get(db, roundId);
      const rec = round && (await roundsRepo.recipient(db, roundId, user.id));
      if (!round || !rec) throw new RoundNotFoundError(roundId);
      return views.check(round, user.locale, rec.answer);
    },

    /** A recipient's answer: every answer is kept, the latest counts; urgent ones go out at once. */
    async answer(user: User, a: SafetyAnswer): Promise<AdaptiveCardJson> {
      const out = await db.transaction(async (tx) => {
        const round = await roundsRepo.get(tx, a.roundId);
        const before = round && (await roundsRepo.recipient(tx, a.roundId, user.id));
        if (!round || !before || round.status === 'cancelled') throw new RoundNotFoundError(a.roundId);
        const now = clock.now();
        const ins = await tx.query<{ id: number }>(
          `insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, 'self', $2, $3, $4) returning id`,
          [a.roundId, user.id, JSON.stringify(a), now],
        );
        await tx.query(
          `update round_recipients set status = 'answered', own_status = $3, answer = $4, answered_at = $5 where round_id = $1 and user_id = $2`,
          [a.roundId, user.id, a.ownStatus, JSON.stringify(a), now],
        );
        await roundsRepo.markTallyDirty(tx, a.roundId);
        const rec = (await roundsRepo.recipient(tx, a.roundId, user.id)) as RecipientRow;
        if (URGENT_STATUSES.includes(a.ownStatus)) {
          const targets = new Map<string, User>();
          if (rec.manager_id) {
            const m = await usersRepo.get(tx, rec.manager_id);
            if (m) targets.set(m.id, m);
          }
          for (const ad of await admins(tx, round.tenantId)) targets.set(ad.id, ad);
          for (const t of targets.values()) {
            await outbox.enqueue(tx, {
              key: deliveryKey(PURPOSES.safetyAlert, t.id, `${round.id}:${user.id}:${ins.rows[0]?.id}`),
              tenantId: round.tenantId,
              batchId: `${roundBatch(round.id)}:alerts`,
              purpose: PURPOSES.safetyAlert,
              recipientId: t.id,
              activity: activityOf(views.alert(round, rec, t.locale, t.id === rec.manager_id), t.locale === 'ja' ? '至急: 安否確認' : 'Urgent: safety check'),
            });
          }
        }
        return views.summary(round, rec, user.locale);
      });
      outbox.notify();
      return out;
    },

    /** A manager's record of reaching a report by phone. */
    async phone(actor: User, p: { roundId: string; userId: string; result: 'safe' | 'injured' | 'unreachable' }): Promise<AdaptiveCardJson> {
      return db.transaction(async (tx) => {
        const round = await roundsRepo.get(tx, p.roundId);
        const rec = round && (await roundsRepo.recipient(tx, p.roundId, p.userId));
        if (!round || !rec || (rec.manager_id !== actor.id && !isAdmin(actor))) throw new RoundNotFoundError(p.roundId);
        await tx.query(
          `insert into round_answers (round_id, user_id, source, recorded_by, answers, answered_at) values ($1, $2, 'manager', $3, $4, $5)`,
          [p.roundId, p.userId, actor.id, JSON.stringify({ reachedByPhone: p.result }), clock.now()],
        );
        await tx.query(
          `update round_recipients set reached_result = $3, reached_by = $4,
             status = case when status = 'answered' then status when $3 = 'unreachable' then 'pending' else 'reached' end
           where round_id = $1 and user_id = $2`,
          [p.roundId, p.userId, p.result, actor.id],
        );
        await roundsRepo.markTallyDirty(tx, p.roundId);
        const mine = (await roundsRepo.recipients(tx, p.roundId)).filter((r) => r.manager_id === rec.manager_id && (r.status === 'pending' || r.user_id === p.userId));
        return views.escalation(round, mine, actor.locale);
      });
    },

    async tallyFor(admin: User, roundId: string): Promise<AdaptiveCardJson> {
      requireAdmin(admin);
      const round = await roundsRepo.get(db, roundId);
      if (!round || round.tenantId !== admin.tenantId) throw new RoundNotFoundError(roundId);
      return tallyCard(round, admin.locale);
    },

    /** Closes a round: its reminders stop, admins get the final report. */
    async close(admin: User, roundId: string): Promise<AdaptiveCardJson> {
      requireAdmin(admin);
      await db.transaction(async (tx) => {
        const round = await roundsRepo.get(tx, roundId);
        if (!round || round.tenantId !== admin.tenantId) throw new RoundNotFoundError(roundId);
        const closed = await tx.query(`update safety_rounds set status = 'closed', closed_at = $2, closed_by = $3 where id = $1 and status = 'open' returning id`, [roundId, clock.now(), admin.id]);
        if (!closed.rows.length) return;
        const after = (await roundsRepo.get(tx, roundId)) as Round;
        const tally = await computeTally(tx, roundId);
        const pending = await roundsRepo.recipients(tx, roundId, 'pending');
        for (const a of await admins(tx, round.tenantId)) {
          await outbox.enqueue(tx, {
            key: deliveryKey(PURPOSES.roundReport, a.id, `${roundId}:final`),
            tenantId: round.tenantId,
            batchId: `${roundBatch(roundId)}:admins`,
            purpose: PURPOSES.roundReport,
            recipientId: a.id,
            activity: activityOf(views.report(after, tally, pending, a.locale, true)),
          });
        }
        await roundsRepo.markTallyDirty(tx, roundId);
      });
      outbox.notify();
      const round = (await roundsRepo.get(db, roundId)) as Round;
      return tallyCard(round, admin.locale);
    },

    /** JMA 取消: cancel the event's round if nobody answered yet, else tell the admins. */
    async cancelByEvent(tenantId: string, eventId: string): Promise<'cancelled' | 'notified' | 'none'> {
      const res = await db.transaction(async (tx) => {
        const round = await roundsRepo.byEvent(tx, tenantId, eventId);
        if (!round || round.status !== 'open') return 'none' as const;
        const answered = await tx.query<{ n: number }>(`select count(*)::int as n from round_recipients where round_id = $1 and status <> 'pending'`, [round.id]);
        const cancel = (answered.rows[0]?.n ?? 0) === 0;
        if (cancel) {
          await tx.query(`update safety_rounds set status = 'cancelled', closed_at = $2 where id = $1`, [round.id, clock.now()]);
          await tx.query(`update deliveries set status = 'cancelled', updated_at = now() where batch_id = $1 and status in ('queued', 'retrying')`, [roundBatch(round.id)]);
        }
        for (const a of await admins(tx, tenantId)) {
          const ja = a.locale === 'ja';
          const title = cancel ? (ja ? '安否確認を取り消しました' : 'Safety round cancelled') : (ja ? '気象庁が情報を取り消しました' : 'JMA cancelled the report');
          const text = cancel
            ? ja ? '気象庁が地震情報を取り消したため、回答前の安否確認を中止しました。' : 'JMA cancelled the earthquake report; the round was cancelled before anyone answered.'
            : ja ? '気象庁が地震情報を取り消しましたが、既に回答があるため安否確認は継続しています。必要なら手動で終了してください。' : 'JMA cancelled the report, but people have already answered, so the round stays open. Close it if appropriate.';
          await outbox.enqueue(tx, {
            key: deliveryKey(PURPOSES.roundNotice, a.id, `${round.id}:jma-cancel`),
            tenantId,
            batchId: `${roundBatch(round.id)}:admins`,
            purpose: PURPOSES.roundNotice,
            recipientId: a.id,
            activity: activityOf(views.notice(a.locale, title, text)),
          });
        }
        return cancel ? ('cancelled' as const) : ('notified' as const);
      });
      if (res !== 'none') outbox.notify();
      return res;
    },

    /** A later JMA report of the same event reaches more prefectures: add their people and send them the card. */
    async extendPrefectures(roundId: string, added: readonly string[], maxIntensity?: string): Promise<number> {
      if (!added.length) return 0;
      const n = await db.transaction(async (tx) => {
        const round = await roundsRepo.get(tx, roundId);
        if (!round || round.status !== 'open') return 0;
        const prefectures = [...new Set([...round.scope.prefectures, ...added])].sort();
        await tx.query(
          `update safety_rounds set scope = jsonb_set(scope, '{prefectures}', $2::jsonb), prefectures = $3, max_intensity = coalesce($4, max_intensity), tally_dirty = true where id = $1`,
          [roundId, JSON.stringify(prefectures), prefectures, maxIntensity ?? null],
        );
        const f = scopeFilter({ scope: 'prefectures', departments: [], prefectures: added, people: [] }, 3);
        await tx.query(
          `insert into round_recipients (round_id, user_id, manager_id, department)
           select $1, u.id, u.manager_id, u.department from users u where u.active and u.tenant_id = $2 and ${f.where}
           on conflict do nothing`,
          [roundId, round.tenantId, ...f.params],
        );
        return sendChecks(tx, (await roundsRepo.get(tx, roundId)) as Round, PURPOSES.safetyCheck, 'pending-or-all');
      });
      if (n) outbox.notify();
      return n;
    },

    /** A notice to every admin of the tenant (JMA aftershock suppressed, corrections, …), sent once per key. */
    async notifyAdmins(tenantId: string, subject: string, text: Record<Locale, { title: string; text: string }>): Promise<void> {
      await db.transaction(async (tx) => {
        for (const a of await admins(tx, tenantId)) {
          const t = text[a.locale];
          await outbox.enqueue(tx, {
            key: deliveryKey(PURPOSES.roundNotice, a.id, subject),
            tenantId,
            batchId: `notices:${tenantId}`,
            purpose: PURPOSES.roundNotice,
            recipientId: a.id,
            activity: activityOf(views.notice(a.locale, t.title, t.text)),
          });
        }
      });
      outbox.notify();
    },

    /** Runs due cascade steps and refreshes dirty tallies; safe to call from every replica, any time. */
    async tick(): Promise<void> {
      const now = clock.now();
      const a = await runDueSteps({ db, outbox, views, now, admins, sendChecks });
      const b = await refreshTallies({ db, outbox, views, now, intervalSeconds: deps.cascade.tallyIntervalSeconds, exportUrl: deps.exportUrl });
      if (a + b > 0) outbox.notify();
    },

  };
}
