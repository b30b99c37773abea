import { type AdaptiveCardJson, cardMessage } from '../../cards/render';
import { daysBetween, localDateOf, localTimeOf } from '../../domain/calendar';
import { InvalidWorkDateError, NoStartError } from '../../domain/checkins/errors';
import type { EndAnswers, StartAnswers, ViolationKind } from '../../domain/checkins/model';
import { evaluateEnd, evaluateStart } from '../../domain/checkins/violations';
import { scheduleFor } from '../../domain/checkins/schedule';
import { assertValidBreaks, breakMinutes, lateNightMinutes, workingMinutes } from '../../domain/checkins/working-time';
import { RULES } from '../../domain/policy/rules';
import type { User } from '../../domain/people/user';
import type { Clock } from '../../domain/shared/clock';
import type { Outbox } from '../../delivery/outbox';
import { PURPOSES } from '../../delivery/outbox';
import type { AuditLog } from '../../audit/log';
import type { Db, Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import { dayStatusAudit, endAudit, startAudit } from './audit-events';
import { checkinsRepo, type CheckinRecord } from './repository';
import { myWeekCard, type ReminderCounts } from './my-week';
import { dayStatusView, endCardView, notificationText, startCardView, summaryCardView } from './views';
import type { LawPolicy } from '../../domain/worktime/law';

const START_KINDS: readonly ViolationKind[] = [
  'place_other', 'public_wifi', 'insecure_wifi', 'private_pc_unapproved', 'screen_visible', 'pc_shared', 'vpn_not_connected', 'security_outdated',
];
const END_KINDS: readonly ViolationKind[] = ['vpn_not_disconnected'];

/** A card date older than this, or in the future, is refused: it cannot be a real work day answer. */
const MAX_PAST_DAYS = 7;

/**
 * What other features learn from the check-ins, inside the transaction that records the answers: a
 * listener (reminders, gap check, the 80-hour notice) implements the moments it cares about, and the
 * composition root lists the listeners; the check-ins import no other feature.
 */
export interface CheckinListener {
  started?(tx: Executor, user: User, workDate: string, answers: StartAnswers): Promise<void>;
  ended?(tx: Executor, user: User, workDate: string, answers: EndAnswers): Promise<void>;
  /** Only when the day's stored status became "not working" or "office" (a real check-in wins). */
  dayStatus?(tx: Executor, user: User, workDate: string, status: 'day_off' | 'office'): Promise<void>;
}

/**
 * The security pledge 誓約書 as the check-ins need it (the pledge feature's, connected by the
 * composition root): whether a check-in is "pledge pending", and the pledge card before the first check-in card.
 */
export interface PledgePort {
  /** The person has not accepted the current guideline version's pledge (false when pledges are off). */
  pending(ex: Executor, user: User): Promise<boolean>;
  /** Puts the pledge card in the outbox, in the caller's transaction, unless it was sent or accepted already; true when it did. */
  sendBefore(tx: Executor, user: User): Promise<boolean>;
  /** The pledge card to answer "start" with when the person never received it (recorded as sent); else undefined. */
  showFirst(user: User): Promise<AdaptiveCardJson | undefined>;
}

export interface CheckinDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly companyHolidays: readonly string[];
  readonly audit: AuditLog;
  /** Told in list order, inside the transaction that records the answers. */
  readonly listeners?: readonly CheckinListener[];
  /** Reminders sent and answered per work day, for `my week`. */
  readonly reminderCounts?: ReminderCounts;
  /** The company's law policy: `my week` adds the figures on the law's basis. */
  readonly law?: LawPolicy;
  /**
   * An active approved private-PC request (the approvals feature's `activeFor`); it replaces the
   * directory flag. Without it the directory flag `privatePcApproved` decides.
   */
  readonly privatePcApproved?: (userId: string, at: Date) => Promise<boolean>;
  readonly pledge?: PledgePort;
}

export type CheckinService = ReturnType<typeof createCheckinService>;

/** The daily check-in use cases. Inputs are validated answers; outputs are cards to show. */
export function createCheckinService(deps: CheckinDeps) {
  const { db, clock } = deps;
  const today = (user: User) => localDateOf(clock.now(), scheduleFor(user, deps.companyHolidays).timeZone);
  const nowTime = (user: User) => localTimeOf(clock.now(), scheduleFor(user, deps.companyHolidays).timeZone);

  function checkDate(user: User, workDate: string): void {
    const diff = daysBetween(workDate, today(user));
    if (!Number.isFinite(diff) || diff < 0 || diff > MAX_PAST_DAYS) throw new InvalidWorkDateError(workDate);
  }

  // The prefecture the person last gave as today's is suggested again (a workation often lasts days).
  const startCard = async (ex: Executor, user: User, workDate: string, record?: CheckinRecord) =>
    startCardView(user, workDate, nowTime(user), record, await usersRepo.lastTodayPrefecture(ex, user.id));
  const endCard = (user: User, workDate: string, record?: CheckinRecord) => endCardView(user, workDate, nowTime(user), record);

  /** The read-only summary: the record as saved, and the phase's violations now stored (exactly `current`). */
  function summaryCard(user: User, kind: 'start' | 'end', record: CheckinRecord, current: readonly { kind: ViolationKind }[]): AdaptiveCardJson {
    const kinds = current.map((v) => v.kind).sort();
    return summaryCardView(user, kind, { ...record, violations: kinds }, kinds);
  }

  /**
   * The day's violations as stored when the answer is saved: read with the row locked, none when this
   * save created the row, unknown (undefined: every statement runs) when another submit created it meanwhile.
   */
  const storedViolations = (existing: CheckinRecord | undefined, created: boolean) => (existing ? existing.violations : created ? [] : undefined);

  async function privatePcApproved(user: User, answers: StartAnswers): Promise<boolean> {
    if (answers.device !== 'private_pc') return false;
    return deps.privatePcApproved ? deps.privatePcApproved(user.id, clock.now()) : user.privatePcApproved;
  }

  const violationRows = (kinds: ViolationKind[]) => kinds.map((kind) => ({ kind, ruleRef: RULES[kind].ref }));

  return {
    today,
    /** The "start" command: the pledge card first when the person never received it, else the start card. */
    startCommand: async (user: User) => (await deps.pledge?.showFirst(user)) ?? startCard(db, user, today(user), await checkinsRepo.get(db, user.id, today(user))),

    async endCard(user: User, workDate = today(user)): Promise<AdaptiveCardJson> {
      const record = await checkinsRepo.get(db, user.id, workDate);
      if (!record?.startAnswers) throw new NoStartError(workDate);
      return endCard(user, workDate, record);
    },

    /** Records (or re-records) the start answers; returns the read-only summary. */
    async submitStart(user: User, workDate: string, answers: StartAnswers): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      const approved = await privatePcApproved(user, answers);
      return db.transaction(async (tx) => {
        const existing = await checkinsRepo.getForUpdate(tx, user.id, workDate);
        const end = existing?.endAnswers;
        if (end) assertValidBreaks(end, answers.startTime);
        const times = end
          ? {
              breakMinutes: breakMinutes(end, answers.startTime),
              workingMinutes: workingMinutes(answers.startTime, end),
              lateNightMinutes: lateNightMinutes(answers.startTime, end.endTime, end),
            }
          : {};
        const pledgePending = (await deps.pledge?.pending(tx, user)) ?? false;
        const saved = await checkinsRepo.saveStart(tx, { userId: user.id, tenantId: user.tenantId, workDate, answers, times, pledgePending });
        const current = violationRows(evaluateStart(answers, { privatePcApproved: approved }));
        await checkinsRepo.replaceViolations(tx, { userId: user.id, tenantId: user.tenantId, workDate, phaseKinds: START_KINDS, current, stored: storedViolations(existing, saved.created) });
        // Only today's answer counts for where the person is (a correction of an older day does not move them).
        if (workDate === today(user)) await usersRepo.setTodayPrefecture(tx, user, answers.place === 'home' ? undefined : answers.todayPrefecture, deps.clock.now());
        for (const listener of deps.listeners ?? []) await listener.started?.(tx, user, workDate, answers);
        // Last: the log's lock is held only until the commit, and after every row lock (no deadlock
        // with a transaction that locks the same rows, e.g. a reminder being sent, then appends).
        await deps.audit.append(tx, ...startAudit(user, workDate, answers, saved.revision, current));
        return summaryCard(user, 'start', saved.record, current);
      });
    },

    async submitEnd(user: User, workDate: string, answers: EndAnswers): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      return db.transaction(async (tx) => {
        const existing = await checkinsRepo.getForUpdate(tx, user.id, workDate);
        if (!existing?.startTime) throw new NoStartError(workDate);
        assertValidBreaks(answers, existing.startTime);
        const times = {
          breakMinutes: breakMinutes(answers, existing.startTime),
          workingMinutes: workingMinutes(existing.startTime, answers),
          lateNightMinutes: lateNightMinutes(existing.startTime, answers.endTime, answers),
        };
        const saved = await checkinsRepo.saveEnd(tx, { userId: user.id, tenantId: user.tenantId, workDate, answers, times });
        const current = violationRows(evaluateEnd(answers));
        await checkinsRepo.replaceViolations(tx, { userId: user.id, tenantId: user.tenantId, workDate, phaseKinds: END_KINDS, current, stored: existing.violations });
        for (const listener of deps.listeners ?? []) await listener.ended?.(tx, user, workDate, answers);
        await deps.audit.append(tx, ...endAudit(user, workDate, answers, saved.revision, times, current));
        return summaryCard(user, 'end', saved.record, current);
      });
    },

    async editStart(user: User, workDate: string): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      return startCard(db, user, workDate, await checkinsRepo.get(db, user.id, workDate));
    },

    async editEnd(user: User, workDate: string): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      const record = await checkinsRepo.get(db, user.id, workDate);
      if (!record?.startAnswers) throw new NoStartError(workDate);
      return endCard(user, workDate, record);
    },

    /** "Not working today" / "office day": recorded, and the day's reminders stop. */
    async dayStatus(user: User, workDate: string, status: 'day_off' | 'office'): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      const stored = await db.transaction(async (tx) => {
        const saved = await checkinsRepo.saveDayStatus(tx, { userId: user.id, tenantId: user.tenantId, workDate, status });
        if (saved === 'day_off' || saved === 'office') for (const listener of deps.listeners ?? []) await listener.dayStatus?.(tx, user, workDate, saved);
        await deps.audit.append(tx, dayStatusAudit(user, workDate, status, saved));
        return saved;
      });
      return dayStatusView(user, workDate, stored);
    },

    async myWeek(user: User): Promise<AdaptiveCardJson> {
      const day = today(user);
      return myWeekCard(db, user, day, deps.reminderCounts, deps.law);
    },

    /**
     * The scheduled job at the card's time: decides whether the card is still wanted and puts it in
     * the outbox. The idempotency key makes a second run (retry, second replica) a no-op.
     */
    async sendScheduled(user: User, workDate: string, kind: 'start' | 'end' | 'checkout_reminder'): Promise<boolean> {
      return db.transaction(async (tx) => {
        const record = await checkinsRepo.get(tx, user.id, workDate);
        if (kind === 'start' && record) return false;
        if (kind !== 'start' && record?.status !== 'started') return false;
        // The pledge goes first: enqueued before the card in this transaction, it is claimed first.
        if (kind === 'start') await deps.pledge?.sendBefore(tx, user);
        const card = kind === 'start' ? await startCard(tx, user, workDate, record) : endCard(user, workDate, record);
        const purpose = kind === 'start' ? PURPOSES.checkinStart : kind === 'end' ? PURPOSES.checkinEnd : PURPOSES.checkoutReminder;
        return deps.outbox.enqueueFor(tx, {
          purpose: purpose,
          to: user,
          subject: workDate,
          batchId: `${purpose}:${workDate}`,
          activity: cardMessage(card, notificationText(user, kind)),
        });
      });
    },
  };
}
