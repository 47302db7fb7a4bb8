/**
 * Progress of long runs, on standard error. On a terminal: a bar (cli-progress) that appears
 * only when the run has lasted more than `delayMs` (2 s by default), so short runs stay clean.
 * Elsewhere (a CI log, a pipe): with `lines`, one line every `everyMs` (default 10 s) saying how
 * far the run is; without it, nothing (piped command output stays clean).
 */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** pass as onProgress to runReplications; label names the current stage */
  update: (done: number, total: number, label?: string) => void;
  /** remove the bar (call when the run ends, also on error) */
  stop: () => void;
}

export interface ProgressOptions {
  delayMs?: number;
  stream?: NodeJS.WriteStream;
  /** print periodic lines when the stream is not a terminal */
  lines?: boolean;
  everyMs?: number;
  /** unit of the counts, e.g. 'replications' (default) or 'steps' */
  unit?: string;
}

function lineReporter(label: string, o: ProgressOptions, stream: NodeJS.WriteStream): ProgressReporter {
  const start = Date.now();
  let last = start;
  return {
    update(done, total, stage) {
      const now = Date.now();
      if (now - last < (o.everyMs ?? 10_000) && done < total) return;
      if (done >= total && now - start < (o.everyMs ?? 10_000)) return;
      last = now;
      const pct = total > 0 ? ((100 * done) / total).toFixed(0) : '100';
      stream.write(`  … ${label}${stage ? ` ${stage}` : ''}: ${done}/${total} ${o.unit ?? 'replications'} (${pct} %), ${((now - start) / 1000).toFixed(0)} s\n`);
    },
    stop() {},
  };
}

export function progressReporter(label: string, delayOrOptions: number | ProgressOptions = 2000, streamArg?: NodeJS.WriteStream): ProgressReporter {
  const o: ProgressOptions = typeof delayOrOptions === 'number' ? { delayMs: delayOrOptions } : delayOrOptions;
  const stream = streamArg ?? o.stream ?? process.stderr;
  if (!stream.isTTY && o.lines) return lineReporter(label, o, stream);
  const start = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total, stage) {
      if (bar === null) {
        if (!stream.isTTY || Date.now() - start < (o.delayMs ?? 2000) || done >= total) return;
        bar = new cliProgress.SingleBar(
          { format: `${label} {stage}[{bar}] {percentage}% | {value}/{total} ${o.unit ?? 'replications'} | {duration_formatted} elapsed, ETA {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { stage: '' });
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { stage: stage ? `${stage} ` : '' });
    },
    stop() {
      if (bar !== null) bar.stop();
      bar = null;
    },
  };
}
