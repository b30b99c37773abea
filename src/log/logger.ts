import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured logs. Tokens, secrets and free-text answers never reach them: the redact list covers
 * the places they could appear if someone logs a whole object by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'anshin' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'token',
          '*.token',
          'password',
          '*.password',
          'comment',
          '*.comment',
          'answers',
          '*.answers',
          'activity.value',
          'activity.text',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
