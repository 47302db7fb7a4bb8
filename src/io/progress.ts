/**
 * Progress of long runs, on standard error. Output is driven by the run itself: every report of a
 * finished item (update) may print, rate-limited by the time elapsed since the last print, and
 * nothing runs on a timer. (The calling thread of the pool computes items too, so a timer would
 * fire late, after an item, and several redraws or lines would come out at once.)
 *
 * - On a terminal: a bar, redrawn in place (one line, cut to the terminal's width) at most every
 *   `redrawMs` (200 ms), shown only once the run has lasted `delayMs` (2 s) so short runs stay
 *   clean; stop() replaces it with a final line.
 * - Elsewhere (a CI log, a pipe), with `lines`: one line at most every `everyMs` (10 s), the first
 *   once the run has lasted that long; without `lines`, nothing (piped command output stays clean).
 * - Final line: once anything was printed, stop() prints the last state reported unless that line
 *   is already out, so the log always ends with how far the run got (done/total).
 *
 * `now` (ms) can be injected (tests); the default is performance.now().
 */

/** Where progress goes: a stream (standard error) or anything with write (tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** the terminal's width (a bar is cut to it, so it never wraps onto a second line) */
  columns?: number;
}

export interface ProgressReporter {
  /** pass as onProgress to runReplications; label names the current stage */
  update: (done: number, total: number, label?: string) => void;
  /** end the display (call when the run ends, also on error): prints the final line when progress was shown */
  stop: () => void;
}

export interface ProgressOptions {
  /** terminal: show the bar once the run has lasted this long (ms, default 2000) */
  delayMs?: number;
  stream?: ProgressStream;
  /** print lines when the stream is not a terminal */
  lines?: boolean;
  /** lines: at most one every everyMs (ms, default 10,000), the first after that long */
  everyMs?: number;
  /** terminal: at most one redraw every redrawMs (ms, default 200) */
  redrawMs?: number;
  /** unit of the counts, e.g. 'replications' (default) or 'steps' */
  unit?: string;
  /** the clock in ms (default performance.now) */
  now?: () => number;
}

interface State {
  done: number;
  total: number;
  stage: string | undefined;
}

const BAR_WIDTH = 30;

/** A duration in words: 42s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 100;
}

/** One log line: "  … label stage: 420/1000 replications (42 %), 12 s". */
export function progressLine(label: string, st: State, elapsedMs: number, unit: string): string {
  return `  … ${label}${st.stage ? ` ${st.stage}` : ''}: ${st.done}/${st.total} ${unit} (${percent(st.done, st.total)} %), ${(elapsedMs / 1000).toFixed(0)} s\n`;
}

/** The bar's text: "label stage [████░░░░] 42% | 420/1000 replications | 12s elapsed, ETA 16s". */
export function progressBarText(label: string, st: State, elapsedMs: number, unit: string): string {
  const p = percent(st.done, st.total);
  const full = Math.round((BAR_WIDTH * p) / 100);
  const eta = st.done > 0 && st.done < st.total ? `, ETA ${formatDuration((elapsedMs * (st.total - st.done)) / st.done)}` : '';
  return `${label} ${st.stage ? `${st.stage} ` : ''}[${'\u2588'.repeat(full)}${'\u2591'.repeat(BAR_WIDTH - full)}] ${p}% | ${st.done}/${st.total} ${unit} | ${formatDuration(elapsedMs)} elapsed${eta}`;
}

/**
 * Rate limiting by elapsed time, no timer: a reported state is shown (`show`) when the run has
 * lasted `firstMs` (the first time) or `everyMs` have passed since the last show; stop() hands the
 * last state to `end` (with `fresh`: it was not shown) once anything was shown.
 */
function rateLimited(o: { firstMs: number; everyMs: number; now: () => number }, show: (st: State, elapsed: number) => void, end: (st: State, elapsed: number, fresh: boolean) => void): ProgressReporter {
  const start = o.now();
  let last: number | undefined;
  let latest: State | undefined;
  let fresh = false;
  return {
    update(done, total, stage) {
      latest = { done, total, stage };
      fresh = true;
      const now = o.now();
      if (last === undefined ? now - start < o.firstMs : now - last < o.everyMs) return;
      last = now;
      fresh = false;
      show(latest, now - start);
    },
    stop() {
      if (last === undefined || latest === undefined) return;
      end(latest, o.now() - start, fresh);
      last = undefined;
    },
  };
}

/**
 * A progress reporter for `label` on standard error (or `stream`): a bar on a terminal, lines in a
 * log with `lines`, else silent. A number as second argument is the terminal delay (ms).
 */
export function progressReporter(label: string, delayOrOptions: number | ProgressOptions = 2000, streamArg?: ProgressStream): ProgressReporter {
  const o: ProgressOptions = typeof delayOrOptions === 'number' ? { delayMs: delayOrOptions } : delayOrOptions;
  const stream: ProgressStream = streamArg ?? o.stream ?? process.stderr;
  const now = o.now ?? ((): number => performance.now());
  const unit = o.unit ?? 'replications';
  if (stream.isTTY !== true) {
    if (!o.lines) return { update() {}, stop() {} };
    const every = o.everyMs ?? 10_000;
    const line = (st: State, elapsed: number): void => void stream.write(progressLine(label, st, elapsed, unit));
    return rateLimited({ firstMs: every, everyMs: every, now }, line, (st, elapsed, fresh) => fresh && line(st, elapsed));
  }
  // cut to the width (a terminal that does not tell it, columns 0 or undefined, gets the whole text)
  const fit = (text: string): string => (stream.columns !== undefined && stream.columns > 1 && text.length > stream.columns - 1 ? text.slice(0, stream.columns - 1) : text);
  const draw = (st: State, elapsed: number): void => void stream.write(`\r${fit(progressBarText(label, st, elapsed, unit))}\x1b[K`);
  const end = (st: State, elapsed: number): void => void stream.write(`\r${fit(progressLine(label, st, elapsed, unit).trimEnd())}\x1b[K\n`);
  return rateLimited({ firstMs: o.delayMs ?? 2000, everyMs: o.redrawMs ?? 200, now }, draw, end);
}
