import { randomBytes } from 'node:crypto';
import { CAN_WORK, FAMILY_STATUSES, HOME_DAMAGE, LOCATIONS, OWN_STATUSES, safetyAnswerSchema, type SafetyAnswer } from '../../domain/safety/model';
import { localeFromTag, type Locale } from '../../domain/shared/locale';
import { AUDIT_KINDS } from '../../audit/kinds';
import { alertIfUrgent } from './alerts';
import { roundEmailAnswerAudit } from './audit-events';
import type { RoundContext } from './context';
import type { EmailFallback } from './types';
import { emailRepo, type EmailCandidate } from './email-repository';
import { roundsRepo } from './repository';
import { ROUND_TEXTS } from './texts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function mailOf(candidate: EmailCandidate, url: string) {
  const locale = localeFromTag(candidate.locale);
  const t = ROUND_TEXTS[locale].emailAnswer;
  const greeting = t.greeting.replace('{name}', () => candidate.name);
  const lines = [greeting, '', ...(candidate.isDrill ? [t.drill] : []), t.body, '', `${t.linkLabel}: ${url}`, '', t.footer];
  const html = `<p>${escapeHtml(greeting)}</p>${candidate.isDrill ? `<p><strong>${escapeHtml(t.drill)}</strong></p>` : ''}<p>${escapeHtml(t.body)}</p>`
    + `<p><a href="${escapeHtml(url)}">${escapeHtml(t.linkLabel)}</a></p><p>${escapeHtml(t.footer)}</p>`;
  return { to: candidate.email, subject: candidate.isDrill ? t.drillSubject : t.subject, text: lines.join('\n'), html, id: `${candidate.roundId}-${candidate.userId}` };
}

/**
 * The ticker's e-mail step: people whose card failed get a mail at once, people who have not
 * answered after ROUND_EMAIL_AFTER_MINUTES get one too — one per person and round. A claimed link
 * is released when the hand-over fails, so the next tick tries again.
 */
export async function sendEmailFallbacks(ctx: RoundContext, fallback: EmailFallback): Promise<number> {
  const now = ctx.clock.now();
  let sent = 0;
  for (const c of await emailRepo.candidates(ctx.db, now, fallback.afterMinutes)) {
    const nonce = randomBytes(16).toString('base64url');
    const claimed = await ctx.db.transaction(async (tx) => {
      if (!(await emailRepo.claim(tx, { roundId: c.roundId, userId: c.userId, nonce, reason: c.reason, at: now }))) return false;
      const round = await roundsRepo.get(tx, c.roundId);
      if (round) await ctx.audit.append(tx, { kind: AUDIT_KINDS.roundEmailSent, tenantId: round.tenantId, subjectId: round.id, data: { userId: c.userId, reason: c.reason } });
      return true;
    });
    if (!claimed) continue;
    try {
      await fallback.send(mailOf(c, fallback.link(c.roundId, c.userId, nonce)));
      sent++;
    } catch (err) {
      await emailRepo.release(ctx.db, c.roundId, c.userId);
      ctx.logger.warn({ roundId: c.roundId, err: err instanceof Error ? err.message : String(err) }, 'round e-mail not sent; retried on the next tick');
    }
  }
  if (sent) ctx.logger.info({ sent }, 'round e-mails sent');
  return sent;
}

/** What the answer page shows: the form, the recorded answer, or why the link cannot be used. */
export type EmailPage =
  | { state: 'form'; locale: Locale; texts: PageTexts; questions: Question[]; drill: boolean; message?: string }
  | { state: 'answered'; locale: Locale; texts: PageTexts; recorded: { label: string; value: string }[] }
  | { state: 'closed' | 'invalid'; locale: Locale; texts: PageTexts };

type PageTexts = (typeof ROUND_TEXTS)['ja']['emailAnswer'];
export interface Question {
  readonly id: keyof SafetyAnswer;
  readonly label: string;
  readonly options?: readonly { value: string; label: string }[];
  readonly required: boolean;
}

function questions(locale: Locale): Question[] {
  const { safetyFields: f, safetyOptions: o } = ROUND_TEXTS[locale];
  const opts = <K extends string>(values: readonly K[], labels: Record<K, string>) => values.map((value) => ({ value, label: labels[value] }));
  return [
    { id: 'ownStatus', label: f.ownStatus, options: opts(OWN_STATUSES, o.ownStatus), required: true },
    { id: 'familyStatus', label: f.familyStatus, options: opts(FAMILY_STATUSES, o.familyStatus), required: true },
    { id: 'homeDamage', label: f.homeDamage, options: opts(HOME_DAMAGE, o.homeDamage), required: true },
    { id: 'canWork', label: f.canWork, options: opts(CAN_WORK, o.canWork), required: true },
    { id: 'location', label: f.location, options: opts(LOCATIONS, o.location), required: true },
    { id: 'locationOther', label: f.locationOther, required: false },
    { id: 'comment', label: f.comment, required: false },
  ];
}

/** The link's round, person and nonce, checked against the stored link (the signature is checked by the HTTP route). */
async function resolve(ctx: RoundContext, roundId: string, userId: string, nonce: string) {
  const round = await roundsRepo.get(ctx.db, roundId);
  const link = round ? await emailRepo.link(ctx.db, roundId, userId) : undefined;
  const recipient = link && link.nonce === nonce ? await roundsRepo.recipient(ctx.db, roundId, userId) : undefined;
  return round && link && recipient ? { round, link, recipient, locale: localeFromTag(recipient.locale) } : undefined;
}

function answeredPage(locale: Locale, answer: SafetyAnswer | null, ownStatus: string | null): EmailPage {
  const q = questions(locale);
  const recorded = answer
    ? q.flatMap((item) => {
        const value = answer[item.id];
        if (value === undefined || item.id === 'roundId') return [];
        return [{ label: item.label, value: item.options?.find((o) => o.value === value)?.label ?? String(value) }];
      })
    : [{ label: q[0]?.label ?? '', value: q[0]?.options?.find((o) => o.value === ownStatus)?.label ?? '' }];
  return { state: 'answered', locale, texts: ROUND_TEXTS[locale].emailAnswer, recorded };
}

/** GET: the form while the round is open and the person has not answered; else what was recorded. */
export async function emailPage(ctx: RoundContext, roundId: string, userId: string, nonce: string, fallbackLocale: Locale): Promise<EmailPage> {
  const found = await resolve(ctx, roundId, userId, nonce);
  if (!found) return { state: 'invalid', locale: fallbackLocale, texts: ROUND_TEXTS[fallbackLocale].emailAnswer };
  const { round, recipient, locale } = found;
  if (recipient.status === 'answered') return answeredPage(locale, recipient.answer, recipient.own_status);
  if (round.status !== 'open') return { state: 'closed', locale, texts: ROUND_TEXTS[locale].emailAnswer };
  return { state: 'form', locale, texts: ROUND_TEXTS[locale].emailAnswer, questions: questions(locale), drill: round.isDrill, message: round.message };
}

/**
 * POST: the answer lands in the round's tally like a card answer, marked "answered by e-mail" and
 * audited. Once answered (by any path) the link only shows the answer; a closed round takes nothing.
 */
export async function emailSubmit(ctx: RoundContext, roundId: string, userId: string, nonce: string, form: Record<string, string>, fallbackLocale: Locale): Promise<EmailPage | { state: 'invalid_form'; page: EmailPage }> {
  const parsed = safetyAnswerSchema.safeParse({ ...form, roundId });
  const result = await ctx.db.transaction(async (tx) => {
    const round = await roundsRepo.get(tx, roundId);
    const link = round ? await emailRepo.link(tx, roundId, userId, true) : undefined;
    const recipient = link && link.nonce === nonce ? await roundsRepo.recipient(tx, roundId, userId) : undefined;
    if (!round || !link || !recipient) return { page: { state: 'invalid', locale: fallbackLocale, texts: ROUND_TEXTS[fallbackLocale].emailAnswer } as EmailPage };
    const locale = localeFromTag(recipient.locale);
    if (recipient.status === 'answered') return { page: answeredPage(locale, recipient.answer, recipient.own_status) };
    if (round.status !== 'open') return { page: { state: 'closed', locale, texts: ROUND_TEXTS[locale].emailAnswer } as EmailPage };
    if (!parsed.success) return { invalid: true };
    const answerId = await emailRepo.recordEmailAnswer(tx, { roundId, userId, answer: parsed.data, at: ctx.clock.now() });
    await roundsRepo.markTallyDirty(tx, roundId);
    // Serious injury or needs help: the manager and the admins are told at once, as for a card answer.
    await alertIfUrgent(ctx, tx, round, (await roundsRepo.recipient(tx, roundId, userId)) ?? recipient, { answerId });
    await ctx.audit.append(tx, roundEmailAnswerAudit(round, userId, answerId, parsed.data.ownStatus));
    return { page: answeredPage(locale, parsed.data, parsed.data.ownStatus) };
  });
  if ('invalid' in result) return { state: 'invalid_form', page: await emailPage(ctx, roundId, userId, nonce, fallbackLocale) };
  ctx.outbox.notify();
  return result.page;
}
