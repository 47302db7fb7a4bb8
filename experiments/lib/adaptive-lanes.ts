/**
 * Runs of the adaptive-policy experiments issued a few at a time. The worker pool (src/pool/run.ts)
 * shares each run's items between the calling thread and the workers, the calling thread taking
 * one item of every run in flight in turn; with hundreds of runs in flight (one per SKU) a worker
 * waited about one such round between two runs and did ~5 % of the work (measured on
 * adaptive-vs-static: the calling thread 516 s of CPU, the worker ≤ 28 s). With a few runs in flight
 * both threads stay busy. Each run's rows depend only on its own spec, seed and scenario, so the
 * results do not depend on how many run at once.
 */

/** The runs in flight at once for `threads` threads. */
export function lanesFor(threads: number): number {
  return Math.max(2, 2 * threads);
}

/** fn over the items with at most `lanes` calls in flight; results in item order. */
export async function mapInLanes<T, R>(items: readonly T[], lanes: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  return out;
}
