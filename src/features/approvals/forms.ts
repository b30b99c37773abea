/**
 * The two request forms: their cards, and the validation of what they send back. The shape is
 * checked with zod (anything else is the generic invalid-input card); the rules of the guideline
 * (every declaration ticked, a reason, an "until" date in range) come back on the same card, in the
 * user's language, with the answers kept.
 */
import { z } from 'zod';
import { formatDate } from '../../cards/format';
import type { AdaptiveCardJson } from '../../cards/render';
import type { ToggleValue } from '../../cards/types';
import { addDays, isLocalDate, localDateOf, zonedTimeToUtc } from '../../domain/calendar';
import type { User } from '../../domain/people/user';
import type { PaperRequestCardData, PrivatePcRequestCardData } from './card-data';
import { approvalText, type ApprovalTextKey } from './texts';
import { renderApprovalCard } from './views';

const MAX_TEXT = 500;
/** How far ahead a paper take-out may be requested. */
const PAPER_MAX_DAYS = 90;

// Hostile input is refused by shape (bounded strings); missing fields are the guideline's messages.
// NUL cannot be stored (PostgreSQL text and jsonb refuse it): such input is malformed, not a request.
const text = (max: number) => z.string().max(max).refine((v) => !v.includes('\u0000')).optional();
const toggle = z.string().max(10).optional();
const privatePcInput = z.object({ declNonPublicLine: toggle, declUpdates: toggle, declBrowserOnly: toggle, reason: text(5000), until: text(40) });
const paperInput = z.object({ documents: text(5000), customer: text(5000), until: text(40), reason: text(5000), customerConsent: toggle, noCopies: toggle });

const toggled = (v: string | undefined): ToggleValue => (v === 'true' ? 'true' : 'false');
const clip = (v: string | undefined, max: number): string => Array.from((v ?? '').trim()).slice(0, max).join('');

/** The calendar date `months` after `date`, the day clamped to the month's end (08-31 + 6 → 02-28). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The end of a local date (the next day's 00:00 in the zone): until then the approval counts. */
export const endOfLocalDay = (date: string, timeZone: string): Date => zonedTimeToUtc(addDays(date, 1), '00:00', timeZone);

/** The last day a private-PC approval opened now counts. */
const privatePcValidUntil = (now: Date, user: User, months: number): string => addMonths(localDateOf(now, user.timeZone), months);

export function privatePcFormView(user: User, now: Date, months: number, extra: Pick<PrivatePcRequestCardData, 'errors' | 'prefill'> = {}): AdaptiveCardJson {
  const maxDate = privatePcValidUntil(now, user, months);
  const validity = approvalText(user.locale, 'validity', { date: formatDate(maxDate, user.locale), months });
  return renderApprovalCard('approval-request-private-pc', { validity, minDate: localDateOf(now, user.timeZone), maxDate, ...extra }, user.locale);
}

function paperRange(user: User, now: Date) {
  const minDate = localDateOf(now, user.timeZone);
  return { minDate, maxDate: addDays(minDate, PAPER_MAX_DAYS) };
}

export function paperFormView(user: User, now: Date, extra: Pick<PaperRequestCardData, 'errors' | 'prefill'> = {}): AdaptiveCardJson {
  return renderApprovalCard('approval-request-paper', { ...paperRange(user, now), ...extra }, user.locale);
}

export interface PrivatePcRequest {
  readonly reason: string;
  /** The last day of use the person asks for (at most the configured months ahead). */
  readonly until: string;
}
export interface PaperRequest {
  readonly documents: string;
  readonly customer: string;
  readonly until: string;
  readonly reason?: string;
}

/** A valid request, or the form again with what to fix. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly card: AdaptiveCardJson };

const messages = (user: User, keys: readonly ApprovalTextKey[], values: Record<string, string> = {}) => keys.map((k) => approvalText(user.locale, k, values));

export function checkPrivatePc(user: User, now: Date, months: number, data: unknown): Checked<PrivatePcRequest> {
  const raw = privatePcInput.parse(data);
  const errors: ApprovalTextKey[] = [];
  if (![raw.declNonPublicLine, raw.declUpdates, raw.declBrowserOnly].every((v) => v === 'true')) errors.push('errDeclarations');
  const reason = (raw.reason ?? '').trim();
  if (!reason || Array.from(reason).length > MAX_TEXT) errors.push('errReason');
  const until = (raw.until ?? '').trim();
  const minDate = localDateOf(now, user.timeZone);
  const maxDate = privatePcValidUntil(now, user, months);
  if (!isLocalDate(until) || until < minDate || until > maxDate) errors.push('errPeriod');
  if (!errors.length) return { ok: true, value: { reason, until } };
  const prefill = {
    declNonPublicLine: toggled(raw.declNonPublicLine), declUpdates: toggled(raw.declUpdates), declBrowserOnly: toggled(raw.declBrowserOnly), reason: clip(raw.reason, MAX_TEXT),
    ...(isLocalDate(until) ? { until } : {}),
  };
  const range = { min: formatDate(minDate, user.locale), max: formatDate(maxDate, user.locale) };
  return { ok: false, card: privatePcFormView(user, now, months, { errors: messages(user, errors, range), prefill }) };
}

export function checkPaper(user: User, now: Date, data: unknown): Checked<PaperRequest> {
  const raw = paperInput.parse(data);
  const errors: ApprovalTextKey[] = [];
  const documents = (raw.documents ?? '').trim();
  const customer = (raw.customer ?? '').trim();
  const reason = (raw.reason ?? '').trim();
  const until = (raw.until ?? '').trim();
  const { minDate, maxDate } = paperRange(user, now);
  if (!documents || Array.from(documents).length > MAX_TEXT) errors.push('errDocuments');
  if (!customer || Array.from(customer).length > 200) errors.push('errCustomer');
  if (!isLocalDate(until) || until < minDate || until > maxDate) errors.push('errUntil');
  if (Array.from(reason).length > MAX_TEXT) errors.push('errReasonLength');
  if (raw.customerConsent !== 'true' || raw.noCopies !== 'true') errors.push('errConsent');
  if (!errors.length) return { ok: true, value: { documents, customer, until, ...(reason ? { reason } : {}) } };
  const prefill = {
    documents: clip(raw.documents, MAX_TEXT), customer: clip(raw.customer, 200), until: isLocalDate(until) ? until : '', reason: clip(raw.reason, MAX_TEXT),
    customerConsent: toggled(raw.customerConsent), noCopies: toggled(raw.noCopies),
  };
  const range = { min: formatDate(minDate, user.locale), max: formatDate(maxDate, user.locale) };
  return { ok: false, card: paperFormView(user, now, { errors: messages(user, errors, range), prefill }) };
}
