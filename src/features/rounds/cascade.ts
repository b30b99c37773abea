import type { User } from '../../domain/people/user';
import { deliveryKey, PURPOSES, type Outbox } from '../../delivery/outbox';
import type { Db, Executor } from '../../store/db';
import { roundsRepo, type RecipientRow, type Round } from './repository';
import { usersRepo } from '../../store/users';
import { activityOf } from './activity';
import { computeTally, roundBatch } from './tally';
import type { RoundViews } from './types';

interface StepDeps {
  readonly db: Db;
  readonly outbox: Outbox;
  readonly views: RoundViews;
  readonly now: Date;
  admins(ex: Executor, tenantId: string): Promise<User[]>;
  sendChecks(ex: Executor, round: Round, purpose: string, which: 'pending'): Promise<number>;
}

/**
 * Runs every cascade step whose time has come (by the application clock). A step is claimed by
 * setting done_at in the same transaction that creates its cards, so each step happens once across
 * replicas, retries and restarts; steps of closed or cancelled rounds are marked done and skipped.
 */
export async function runDueSteps(d: StepDeps): Promise<number> {
  const due = await d.db.query<{ round_id: string; step: string }>(
    'select round_id, step from round_steps where done_at is null and due_at <= $1 order by due_at limit 100',
    [d.now],
  );
  let work = 0;
  for (const { round_id, step } of due.rows) {
    work += await d.db.transaction(async (tx) => {
      const claimed = await tx.query('update round_steps set done_at = $3 where round_id = $1 and step = $2 and done_at is null returning step', [round_id, step, d.now]);
      if (!claimed.rows.length) return 0;
      const round = await roundsRepo.get(tx, round_id);
      if (!round || round.status !== 'open') return 0;
      if (step.startsWith('resend')) return d.sendChecks(tx, round, `${PURPOSES.safetyResend}-${step.slice('resend'.length)}`, 'pending');
      const pending = await roundsRepo.recipients(tx, round_id, 'pending');
      if (!pending.length) return 0;
      if (step === 'manager') return escalateToManagers(tx, d, round, pending);
      if (step === 'admins') return escalateToAdmins(tx, d, round, pending);
      return 0;
    });
  }
  return work;
}

/** One card per manager, listing only that manager's own reports who have not answered. */
async function escalateToManagers(tx: Executor, d: StepDeps, round: Round, pending: RecipientRow[]): Promise<number> {
  const byManager = new Map<string, RecipientRow[]>();
  for (const r of pending) if (r.manager_id) byManager.set(r.manager_id, [...(byManager.get(r.manager_id) ?? []), r]);
  let n = 0;
  for (const [managerId, members] of byManager) {
    const manager = await usersRepo.get(tx, managerId);
    if (!manager?.active) continue;
    const ok = await d.outbox.enqueue(tx, {
      key: deliveryKey(PURPOSES.safetyEscalation, managerId, round.id),
      tenantId: round.tenantId,
      batchId: `${roundBatch(round.id)}:managers`,
      purpose: PURPOSES.safetyEscalation,
      recipientId: managerId,
      activity: activityOf(d.views.escalation(round, members, manager.locale), manager.locale === 'ja' ? '未回答のメンバーがいます' : 'Members have not answered'),
    });
    if (ok) n++;
  }
  return n;
}

async function escalateToAdmins(tx: Executor, d: StepDeps, round: Round, pending: RecipientRow[]): Promise<number> {
  const tally = await computeTally(tx, round.id);
  let n = 0;
  for (const a of await d.admins(tx, round.tenantId)) {
    const ok = await d.outbox.enqueue(tx, {
      key: deliveryKey(PURPOSES.roundReport, a.id, `${round.id}:escalation`),
      tenantId: round.tenantId,
      batchId: `${roundBatch(round.id)}:admins`,
      purpose: PURPOSES.roundReport,
      recipientId: a.id,
      activity: activityOf(d.views.report(round, tally, pending, a.locale, false)),
    });
    if (ok) n++;
  }
  return n;
}

/**
 * Updates admins' live tally cards in place, at most once per interval per round: answers only
 * mark the round dirty, and this sweep turns a burst of answers into one update per admin.
 */
export async function refreshTallies(d: {
  db: Db;
  outbox: Outbox;
  views: RoundViews;
  now: Date;
  intervalSeconds: number;
  exportUrl?: (roundId: string) => Promise<string | undefined>;
}): Promise<number> {
  const dirty = await d.db.query<{ id: string }>(
    `select id from safety_rounds where tally_dirty and (tally_updated_at is null or tally_updated_at <= $1)`,
    [new Date(d.now.getTime() - d.intervalSeconds * 1000)],
  );
  let n = 0;
  for (const { id } of dirty.rows) {
    const exportUrl = await d.exportUrl?.(id);
    n += await d.db.transaction(async (tx) => {
      const v = await tx.query<{ tally_version: number }>(
        `update safety_rounds set tally_dirty = false, tally_version = tally_version + 1, tally_updated_at = $2
         where id = $1 and tally_dirty returning tally_version`,
        [id, d.now],
      );
      const version = v.rows[0]?.tally_version;
      if (version === undefined) return 0;
      const round = (await roundsRepo.get(tx, id)) as Round;
      const tally = await computeTally(tx, id);
      const cards = await tx.query<{ admin_id: string; delivery_key: string | null; activity_id: string | null }>(
        'select admin_id, delivery_key, activity_id from round_tally_cards where round_id = $1',
        [id],
      );
      let sent = 0;
      for (const c of cards.rows) {
        const admin = await usersRepo.get(tx, c.admin_id);
        if (!admin) continue;
        const base = {
          key: deliveryKey(PURPOSES.roundTally, c.admin_id, `${id}:v${version}`),
          tenantId: round.tenantId,
          batchId: `${roundBatch(id)}:admins`,
          purpose: PURPOSES.roundTally,
          recipientId: c.admin_id,
          activity: activityOf(d.views.tally(round, tally, admin.locale, exportUrl)),
        };
        const target = c.delivery_key ? { updateOf: c.delivery_key } : c.activity_id ? { targetActivityId: c.activity_id } : undefined;
        if (target && (await d.outbox.enqueueUpdate(tx, { ...base, ...target }))) sent++;
      }
      return sent;
    });
  }
  return n;
}
