import { ZodError } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../cards/render';
import { fieldLabel, formatDate } from '../cards/format';
import { CHECKIN_ERROR_CODES } from '../domain/checkins/errors';
import { DomainError } from '../domain/shared/errors';
import type { Locale } from '../domain/shared/locale';
import { message, type MessageKey } from '../cards/messages';
import type { Logger } from '../log/logger';

/** Raised by routes for an Action.Execute verb nobody handles. */
export class UnknownActionError extends DomainError {
  readonly code = 'ACTION.UNKNOWN';
  constructor(readonly verb: string) {
    super(`unknown verb ${verb}`);
  }
}

const CODE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  [CHECKIN_ERROR_CODES.noStart]: 'noStart',
  [CHECKIN_ERROR_CODES.invalidBreaks]: 'invalidBreaks',
  [CHECKIN_ERROR_CODES.endBeforeStart]: 'endBeforeStart',
  [CHECKIN_ERROR_CODES.invalidSchedule]: 'invalidSchedule',
  'CHECKIN.INVALID_DATE': 'invalidDate',
  'ACTION.UNKNOWN': 'unknownAction',
  'ROUND.NOT_ADMIN': 'notAdmin',
  'ROUND.NOT_FOUND': 'roundNotFound',
  'ROUND.EMPTY_SCOPE': 'emptyScope',
};

/**
 * The one place where errors become user text: domain errors by their stable code, invalid card
 * input by field, anything else as a generic message with the correlation id (details go to the log).
 */
export function errorCard(err: unknown, locale: Locale, correlationId: string, logger: Logger): AdaptiveCardJson {
  if (err instanceof ZodError) {
    const fields = [...new Set(err.issues.map((i) => String(i.path[0] ?? '?')))];
    logger.info({ correlationId, fields }, 'invalid card input');
    const labels = fields.map((f) => safeFieldLabel(f, locale)).join(', ');
    return renderCard('error', { title: message(locale, 'invalidInputTitle'), message: message(locale, 'invalidInput', { fields: labels }), correlationId }, locale);
  }
  if (err instanceof DomainError && CODE_MESSAGES[err.code]) {
    logger.info({ correlationId, code: err.code }, 'request refused');
    if (err.code === 'ROUND.NOT_ADMIN') {
      return renderCard('error', { title: message(locale, 'notAdmin'), message: message(locale, 'notAdmin'), correlationId }, locale);
    }
    const date = (err as DomainError & { workDate?: string }).workDate;
    const text = message(locale, CODE_MESSAGES[err.code] as MessageKey, { date: date ? safeDate(date, locale) : '' });
    return renderCard('error', { title: message(locale, 'invalidInputTitle'), message: text, correlationId }, locale);
  }
  logger.error({ correlationId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error in turn');
  return renderCard('error', { title: message(locale, 'genericErrorTitle'), message: message(locale, 'genericError'), correlationId }, locale);
}

function safeFieldLabel(field: string, locale: Locale): string {
  try {
    return fieldLabel(field as Parameters<typeof fieldLabel>[0], locale) || field;
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
