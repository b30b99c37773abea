import { ZodError } from 'zod';
import { renderCommonCard, type AdaptiveCardJson } from '../cards/render';
import { formatDate } from '../cards/format';
import { DomainError } from '../domain/shared/errors';
import type { Locale } from '../domain/shared/locale';
import { message, type MessageKey } from '../cards/messages';
import type { ErrorText, FieldLabel } from '../cards/texts';
import type { Logger } from '../log/logger';
import type { FeatureErrorCode } from './deps';

/** Raised by routes for an Action.Execute verb nobody handles. */
export class UnknownActionError extends DomainError {
  readonly code = 'ACTION.UNKNOWN';
  constructor(readonly verb: string) {
    super(`unknown verb ${verb}`);
  }
}

/** Every code a user can meet: the features' (their texts come through TeamsDeps) and the core's own. */
type ErrorCode = FeatureErrorCode | UnknownActionError['code'];

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
export function errorCards(fieldLabels: readonly FieldLabel[], featureErrors: Readonly<Record<FeatureErrorCode, ErrorText>>): ErrorCardFor {
  const errorTexts: Readonly<Record<ErrorCode, ErrorText>> = { ...featureErrors, 'ACTION.UNKNOWN': { text: (locale) => message(locale, 'unknownAction') } };
  const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorTexts, code);
  return (err, { locale, correlationId, log }) => {
    const card = (title: MessageKey, text: string) => renderCommonCard('error', { title: message(locale, title), message: text, correlationId }, locale);
    if (err instanceof ZodError) {
      const fields = [...new Set(err.issues.map((i) => String(i.path[0] ?? '?')))];
      log.info({ correlationId, fields }, 'invalid card input');
      const labels = fields.map((f) => safeFieldLabel(fieldLabels, f, locale)).join(', ');
      return card('invalidInputTitle', message(locale, 'invalidInput', { fields: labels }));
    }
    if (err instanceof DomainError && isErrorCode(err.code)) {
      log.info({ correlationId, code: err.code }, 'request refused');
      const date = 'workDate' in err && typeof err.workDate === 'string' ? safeDate(err.workDate, locale) : '';
      const { text, refusal } = errorTexts[err.code];
      // A refusal is not an input mistake: its card says so instead of "check your answers".
      return card(refusal ? 'notAllowedTitle' : 'invalidInputTitle', text(locale, { date }));
    }
    log.error({ correlationId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error in turn');
    return card('genericErrorTitle', message(locale, 'genericError'));
  };
}

/** The first label a feature knows; the field name when none does (or a label function fails). */
function safeFieldLabel(fieldLabels: readonly FieldLabel[], field: string, locale: Locale): string {
  for (const fieldLabel of fieldLabels) {
    try {
      const label = fieldLabel(field, locale);
      if (label) return label;
    } catch {
      // A broken label must not cost the user the error card: try the next, then the field name.
    }
  }
  return field;
}

function safeDate(date: string, locale: Locale): string {
  try {
    return formatDate(date, locale);
  } catch {
    return date.slice(0, 10);
  }
}
