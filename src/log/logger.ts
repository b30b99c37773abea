import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/**
 * Structured logs. Tokens, secrets and free-text answers never reach them: the redact list covers
 * the places they could appear if someone logs a whole object by mistake.
 *
 * Written as JSON lines unless stdout is a terminal: log collectors (App Service, Log Analytics)
 * and the tests read JSON, a developer running `npm start` reads lines. Redaction happens before
 * either format.
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
    destination ?? (process.stdout.isTTY ? terminal() : undefined),
  );
}

/** Synchronous, so the last lines before an exit are not lost; a terminal is never the bottleneck. */
function terminal(): pino.DestinationStream {
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
}
