import type { Logger } from '../log/logger';

/**
 * Work repeated on a timer in every replica (no queue): each run must be safe to repeat and to run
 * on several replicas at once, as check-in planning (ledger rows) and the round sweep (due rows) are.
 */
export interface RecurringTask {
  /** Names the task in logs ("<name> failed"). */
  readonly name: string;
  readonly intervalSeconds: number;
  /** Run once before startRecurring() resolves instead of waiting a whole interval. */
  readonly runAtStart: boolean;
  run(): Promise<unknown>;
}

export function every(intervalSeconds: number, task: { name: string; run(): Promise<unknown>; runAtStart?: boolean }): RecurringTask {
  return { name: task.name, run: () => task.run(), intervalSeconds, runAtStart: task.runAtStart ?? false };
}

export interface RecurringWork {
  /** Clears the timers and waits for runs in progress (the database must still be open). */
  stop(): Promise<void>;
}

/**
 * Starts every task on its interval. A run still going when the next is due is not doubled (that
 * tick is skipped); a failing run is logged, never thrown, and the next tick runs as usual.
 */
export async function startRecurring(tasks: readonly RecurringTask[], logger: Logger): Promise<RecurringWork> {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<RecurringTask, Promise<void>>();
  let stopped = false;

  const runOnce = (task: RecurringTask): Promise<void> => {
    const running = inFlight.get(task);
    if (running || stopped) return running ?? Promise.resolve();
    // Through a promise so a task that throws synchronously is logged like one that rejects.
    const run = Promise.resolve()
      .then(() => task.run())
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err: String(err) }, `${task.name} failed`),
      )
      .finally(() => inFlight.delete(task));
    inFlight.set(task, run);
    return run;
  };

  for (const task of tasks) {
    if (task.runAtStart) await runOnce(task);
    const timer = setInterval(() => void runOnce(task), task.intervalSeconds * 1000);
    // A timer alone must not keep the process alive; shutdown stops it explicitly.
    timer.unref();
    timers.push(timer);
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(inFlight.values());
    },
  };
}
