import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobHandlers } from '../../src/jobs/registry';
import { every, startRecurring } from '../../src/jobs/recurring';
import type { Logger } from '../../src/log/logger';

// A job name without a handler does not compile (the registry is exhaustive).
// @ts-expect-error 'checkins-due' has no handler
const incomplete: JobHandlers = {};
void incomplete;

function recordingLogger() {
  const errors: { fields: unknown; message: string }[] = [];
  const logger = { error: (fields: unknown, message: string) => errors.push({ fields, message }) } as unknown as Logger;
  return { logger, errors };
}

describe('recurring work', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at start only when asked, then every interval', async () => {
    const { logger } = recordingLogger();
    const runs = { eager: 0, lazy: 0 };
    const work = await startRecurring(
      [
        every(5, { name: 'eager', runAtStart: true, run: async () => void runs.eager++ }),
        every(2, { name: 'lazy', run: async () => void runs.lazy++ }),
      ],
      logger,
    );
    expect(runs).toEqual({ eager: 1, lazy: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual({ eager: 3, lazy: 5 });
    await work.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual({ eager: 3, lazy: 5 });
  });

  it('never overlaps a slow run, and stop() waits for it', async () => {
    const { logger } = recordingLogger();
    let started = 0;
    let finished = 0;
    const work = await startRecurring(
      [every(1, { name: 'slow', run: () => (started++, new Promise<void>((resolve) => setTimeout(() => (finished++, resolve()), 3500))) })],
      logger,
    );
    await vi.advanceTimersByTimeAsync(5000); // 1 s starts (until 4.5 s); 2, 3 and 4 s are skipped; 5 s starts
    expect({ started, finished }).toEqual({ started: 2, finished: 1 });
    const stopped = work.stop();
    await vi.advanceTimersByTimeAsync(3500);
    await stopped;
    expect({ started, finished }).toEqual({ started: 2, finished: 2 });
  });

  it('logs a failing run and keeps going', async () => {
    const { logger, errors } = recordingLogger();
    let calls = 0;
    const work = await startRecurring(
      [
        every(1, {
          name: 'round tick',
          run: async () => {
            calls++;
            throw new Error('database away');
          },
        }),
      ],
      logger,
    );
    await vi.advanceTimersByTimeAsync(3000);
    await work.stop();
    expect(calls).toBe(3);
    expect(errors.map((e) => e.message)).toEqual(['round tick failed', 'round tick failed', 'round tick failed']);
    expect(errors[0]?.fields).toEqual({ err: 'Error: database away' });
  });
});
