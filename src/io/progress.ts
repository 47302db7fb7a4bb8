/**
 * A progress bar for long runs (cli-progress, on standard error): it appears only when a run has
 * lasted more than `delayMs` (2 s by default) and standard error is a terminal, so short runs
 * and piped output stay clean.
 */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** pass as onProgress to runReplications */
  update: (done: number, total: number) => void;
  /** remove the bar (call when the run ends, also on error) */
  stop: () => void;
}

export function progressReporter(label: string, delayMs = 2000, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const start = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      if (bar === null) {
        if (!stream.isTTY || Date.now() - start < delayMs || done >= total) return;
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {value}/{total} replications | {duration_formatted} elapsed, ETA {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      if (bar !== null) bar.stop();
      bar = null;
    },
  };
}
