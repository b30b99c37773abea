import { cardAttachment, renderCard, type AdaptiveCardJson } from '../../cards/render';
import { endPrefill, endSummaryFacts, formatDate, formatMinutes, startPrefill, startSummaryFacts, violationItem } from '../../cards/format';
import { daysBetween, localDateOf, localTimeOf } from '../../domain/calendar';
import { InvalidWorkDateError, NoStartError } from '../../domain/checkins/errors';
import type { EndAnswers, StartAnswers, ViolationKind } from '../../domain/checkins/model';
import { evaluateEnd, evaluateStart } from '../../domain/checkins/violations';
import { assertValidBreaks, breakMinutes, lateNightMinutes, workingMinutes } from '../../domain/checkins/working-time';
import { RULES } from '../../domain/policy/rules';
import type { User } from '../../domain/people/user';
import type { Clock } from '../../domain/shared/clock';
import type { Outbox } from '../../delivery/outbox';
import { deliveryKey, PURPOSES } from '../../delivery/outbox';
import type { Db } from '../../store/db';
import { checkinsRepo, type CheckinRecord } from './repository';
import { myWeekCard } from './my-week';
import { scheduleFor } from './schedule';

const START_KINDS: readonly ViolationKind[] = ['place_other', 'public_wifi', 'insecure_wifi', 'private_pc_unapproved'];
const END_KINDS: readonly ViolationKind[] = ['vpn_not_disconnected'];

/** A card date older than this, or in the future, is refused: it cannot be a real work day answer. */
const MAX_PAST_DAYS = 7;

export interface CheckinDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly companyHolidays: readonly string[];
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

  function startCard(user: User, workDate: string, record?: CheckinRecord): AdaptiveCardJson {
    return renderCard(
      'checkin-start',
      {
        date: workDate,
        dateLabel: formatDate(workDate, user.locale),
        userName: user.name,
        defaultStartTime: nowTime(user),
        prefill: record?.startAnswers ? startPrefill(record.startAnswers) : undefined,
      },
      user.locale,
    );
  }

  function endCard(user: User, workDate: string, record?: CheckinRecord): AdaptiveCardJson {
    return renderCard(
      'checkin-end',
      {
        date: workDate,
        dateLabel: formatDate(workDate, user.locale),
        defaultEndTime: nowTime(user),
        startTime: record?.startTime,
        prefill: record?.endAnswers ? endPrefill(record.endAnswers) : undefined,
      },
      user.locale,
    );
  }

  function summaryCard(user: User, kind: 'start' | 'end', record: CheckinRecord): AdaptiveCardJson {
    const facts =
      kind === 'start' && record.startAnswers
        ? startSummaryFacts(record.startAnswers, user.locale)
        : record.endAnswers
          ? endSummaryFacts(record.endAnswers, user.locale)
          : [];
    const phase = kind === 'start' ? START_KINDS : END_KINDS;
    return renderCard(
      'checkin-summary',
      {
        kind,
        date: record.workDate,
        dateLabel: formatDate(record.workDate, user.locale),
        facts,
        workingTime: kind === 'end' && record.workingMinutes !== undefined ? formatMinutes(record.workingMinutes, user.locale) : undefined,
        violations: record.violations.filter((v) => phase.includes(v)).map((v) => violationItem(v, user.locale)),
      },
      user.locale,
    );
  }

  const violationRows = (kinds: ViolationKind[]) => kinds.map((kind) => ({ kind, ruleRef: RULES[kind].ref }));

  return {
    today,
    startCard: async (user: User, workDate = today(user)) => startCard(user, workDate, await checkinsRepo.get(db, user.id, workDate)),

    async endCard(user: User, workDate = today(user)): Promise<AdaptiveCardJson> {
      const record = await checkinsRepo.get(db, user.id, workDate);
      if (!record?.startAnswers) throw new NoStartError(workDate);
      return endCard(user, workDate, record);
    },

    /** Records (or re-records) the start answers; returns the read-only summary. */
    async submitStart(user: User, workDate: string, answers: StartAnswers): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      const record = await db.transaction(async (tx) => {
        const existing = await checkinsRepo.get(tx, user.id, workDate);
        const end = existing?.endAnswers;
        if (end) assertValidBreaks(end, answers.startTime);
        const times = end
          ? {
              breakMinutes: breakMinutes(end, answers.startTime),
              workingMinutes: workingMinutes(answers.startTime, end),
              lateNightMinutes: lateNightMinutes(answers.startTime, end.endTime, end),
            }
          : {};
        await checkinsRepo.saveStart(tx, { userId: user.id, tenantId: user.tenantId, workDate, answers, times });
        const current = violationRows(evaluateStart(answers, { privatePcApproved: user.privatePcApproved }));
        await checkinsRepo.replaceViolations(tx, { userId: user.id, tenantId: user.tenantId, workDate, phaseKinds: START_KINDS, current });
        return (await checkinsRepo.get(tx, user.id, workDate)) as CheckinRecord;
      });
      return summaryCard(user, 'start', record);
    },

    async submitEnd(user: User, workDate: string, answers: EndAnswers): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      const record = await db.transaction(async (tx) => {
        const existing = await checkinsRepo.get(tx, user.id, workDate);
        if (!existing?.startTime) throw new NoStartError(workDate);
        assertValidBreaks(answers, existing.startTime);
        const times = {
          breakMinutes: breakMinutes(answers, existing.startTime),
          workingMinutes: workingMinutes(existing.startTime, answers),
          lateNightMinutes: lateNightMinutes(existing.startTime, answers.endTime, answers),
        };
        await checkinsRepo.saveEnd(tx, { userId: user.id, tenantId: user.tenantId, workDate, answers, times });
        const current = violationRows(evaluateEnd(answers));
        await checkinsRepo.replaceViolations(tx, { userId: user.id, tenantId: user.tenantId, workDate, phaseKinds: END_KINDS, current });
        return (await checkinsRepo.get(tx, user.id, workDate)) as CheckinRecord;
      });
      return summaryCard(user, 'end', record);
    },

    async editStart(user: User, workDate: string): Promise<AdaptiveCardJson> {
      checkDate(user, workDate);
      return startCard(user, workDate, await checkinsRepo.get(db, user.id, workDate));
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
      const stored = await checkinsRepo.saveDayStatus(db, { userId: user.id, tenantId: user.tenantId, workDate, status });
      return renderCard('notice', noticeFor(user, workDate, stored), user.locale);
    },

    async myWeek(user: User): Promise<AdaptiveCardJson> {
      const day = today(user);
      return myWeekCard(db, user, day);
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
        const card = kind === 'start' ? startCard(user, workDate, record) : endCard(user, workDate, record);
        const purpose = kind === 'start' ? PURPOSES.checkinStart : kind === 'end' ? PURPOSES.checkinEnd : PURPOSES.checkoutReminder;
        return deps.outbox.enqueue(tx, {
          key: deliveryKey(purpose, user.id, workDate),
          tenantId: user.tenantId,
          batchId: `${purpose}:${workDate}`,
          purpose,
          recipientId: user.id,
          activity: { type: 'message', summary: summaryText(user, kind), attachments: [cardAttachment(card)] },
        });
      });
    },
  };
}

function summaryText(user: User, kind: 'start' | 'end' | 'checkout_reminder'): string {
  const ja = { start: '始業チェックイン', end: '終業チェックアウト', checkout_reminder: '終業報告がまだです' };
  const en = { start: 'Start-of-work check-in', end: 'End-of-work check-out', checkout_reminder: 'You have not checked out yet' };
  return (user.locale === 'ja' ? ja : en)[kind];
}

function noticeFor(user: User, workDate: string, status: CheckinRecord['status']) {
  const ja = user.locale === 'ja';
  const date = formatDate(workDate, user.locale);
  if (status === 'started' || status === 'ended') {
    return {
      title: ja ? '既に勤務を記録済みです' : 'Work already recorded',
      text: ja ? `${date} は既に出勤の記録があります。変更するには記録済みのカードから回答を変更してください。` : `You already checked in on ${date}. Change your answers from the recorded card.`,
    };
  }
  return status === 'day_off'
    ? { title: ja ? '本日は勤務なしとして記録しました' : 'Recorded: not working today', text: ja ? `${date} のリマインダーは送りません。` : `No more reminders for ${date}.` }
    : { title: ja ? '出社日として記録しました' : 'Recorded: office day', text: ja ? `${date} は出社日です。在宅勤務のリマインダーは送りません。` : `${date} is an office day; no telework reminders.` };
}

