import { ZodError } from 'zod';
import { renderCommonCard, type AdaptiveCardJson } from '../cards/render';
import { formatDate } from '../cards/format';
import type { CheckinErrorCode } from '../domain/checkins/errors';
import type { SafetyErrorCode } from '../domain/safety/errors';
import { DomainError } from '../domain/shared/errors';
import type { Locale } from '../domain/shared/locale';
import { message, type MessageKey } from '../cards/messages';
import type { Logger } from '../log/logger';
import type { FieldLabel } from './deps';

/** Raised by routes for an Action.Execute verb nobody handles. */
export class UnknownActionError extends DomainError {
  readonly code = 'ACTION.UNKNOWN';
  constructor(readonly verb: string) {
    super(`unknown verb ${verb}`);
  }
}

/** Every code a user can meet; a new code without a message here does not compile. */
type ErrorCode = CheckinErrorCode | SafetyErrorCode | UnknownActionError['code'];

const ERROR_MESSAGES = {
  'CHECKIN.NO_START': 'noStart',
  'CHECKIN.INVALID_BREAKS': 'invalidBreaks',
  'CHECKIN.END_BEFORE_START': 'endBeforeStart',
  'CHECKIN.INVALID_SCHEDULE': 'invalidSchedule',
  'CHECKIN.INVALID_DATE': 'invalidDate',
  'ACTION.UNKNOWN': 'unknownAction',
  'ROUND.NOT_ADMIN': 'notAdmin',
  'ROUND.NOT_FOUND': 'roundNotFound',
  'ROUND.EMPTY_SCOPE': 'emptyScope',
} as const satisfies Record<ErrorCode, MessageKey>;

/** A refusal is not an input mistake: its card says so instead of "check your answers". */
const ERROR_TITLES: Partial<Record<ErrorCode, MessageKey>> = { 'ROUND.NOT_ADMIN': 'notAllowedTitle' };

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}

/** Where an error card goes: the user's language, and the reference the user can quote to an admin. */
interface ErrorContext {
  readonly locale: Locale;
  readonly correlationId: string;
  readonly log: Logger;
}

export type ErrorCardFor = (err: unknown, turn: ErrorContext) => AdaptiveCardJson;

/**
 * The one place where errors become user text: domain errors by their stable code, invalid card
 * input by field, anything else as a generic message with the correlation id (details go to the log).
 */
export function errorCards(fieldLabel: FieldLabel): ErrorCardFor {
  return (err, { locale, correlationId, log }) => {
    const card = (title: MessageKey, text: string) => renderCommonCard('error', { title: message(locale, title), message: text, correlationId }, locale);
    if (err instanceof ZodError) {
      const fields = [...new Set(err.issues.map((i) => String(i.path[0] ?? '?')))];
      log.info({ correlationId, fields }, 'invalid card input');
      const labels = fields.map((f) => safeFieldLabel(fieldLabel, f, locale)).join(', ');
      return card('invalidInputTitle', message(locale, 'invalidInput', { fields: labels }));
    }
    if (err instanceof DomainError && isErrorCode(err.code)) {
      log.info({ correlationId, code: err.code }, 'request refused');
      const date = 'workDate' in err && typeof err.workDate === 'string' ? safeDate(err.workDate, locale) : '';
      return card(ERROR_TITLES[err.code] ?? 'invalidInputTitle', message(locale, ERROR_MESSAGES[err.code], { date }));
    }
    log.error({ correlationId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error in turn');
    return card('genericErrorTitle', message(locale, 'genericError'));
  };
}

function safeFieldLabel(fieldLabel: FieldLabel, field: string, locale: Locale): string {
  try {
    return fieldLabel(field, locale) || field;
  } catch {
    return field;
  }
}

function safeDate(date: string, locale: Locale): string {
  try {
    return formatDate(date, locale);
  } catch {
    return date.slice(0, 10);
  }
}
