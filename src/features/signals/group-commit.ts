interface Waiting<T, R> {
  readonly item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/**
 * Group commit: calls that arrive while a flush is running wait and go together into the next one
 * (up to `maxBatch`). Alone, a call is flushed at once, so a quiet webhook pays no delay; under
 * load one transaction answers many requests instead of one each.
 */
export function groupCommit<T, R>(flush: (items: readonly T[]) => Promise<readonly R[]>, maxBatch: number): (item: T) => Promise<R> {
  const waiting: Waiting<T, R>[] = [];
  let flushing = false;

  const next = (): void => {
    if (flushing || !waiting.length) return;
    flushing = true;
    const batch = waiting.splice(0, maxBatch);
    flush(batch.map((w) => w.item))
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i] as R)),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        flushing = false;
        next();
      });
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      next();
    });
}
