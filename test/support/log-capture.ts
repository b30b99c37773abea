// Log lines written to memory: a real pino logger whose JSON lines (one object a line) a test reads back.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log/logger';

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export function captureLog(level = 'info'): { logger: Logger; lines: () => LogLine[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger(level, sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogLine),
  };
}
