/**
 * Progress output (src/io/progress.ts) is driven by the reports of finished items and rate-limited
 * by elapsed time on an injected clock: a burst of reports (the calling thread was busy computing
 * an item, then several finished at once) gives at most one line or redraw; no timer is started;
 * the final line is printed once progress was shown; logs stay line-based, a terminal bar is one
 * line redrawn in place, cut to the terminal's width.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDuration, progressReporter, type ProgressStream } from '../../src/io/progress.ts';

/** A fake stream and a clock the test moves. */
function setup(tty: boolean, columns?: number): { stream: ProgressStream & { out: string[] }; clock: { t: number }; now: () => number } {
  const out: string[] = [];
  const stream = { out, isTTY: tty, ...(columns !== undefined ? { columns } : {}), write: (s: string) => out.push(s) };
  const clock = { t: 0 };
  return { stream, clock, now: () => clock.t };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('progress lines in a log (not a terminal)', () => {
  it('nothing before everyMs; a burst of reports gives one line; then one line per everyMs at most', () => {
    const { stream, clock, now } = setup(false);
    const p = progressReporter('exp', { lines: true, everyMs: 10_000, unit: 'steps', stream, now });
    for (let i = 1; i <= 5; i++) {
      clock.t = i * 1000;
      p.update(i, 100);
    }
    expect(stream.out).toEqual([]);
    // the calling thread computed for 20 s: 30 items finish at once
    clock.t = 25_000;
    for (let i = 6; i <= 35; i++) p.update(i, 100);
    expect(stream.out).toEqual(['  … exp: 6/100 steps (6 %), 25 s\n']);
    for (let t = 26_000; t < 35_000; t += 1000) {
      clock.t = t;
      p.update(40, 100);
    }
    expect(stream.out).toHaveLength(1);
    clock.t = 35_000;
    p.update(41, 100, 'stage B');
    expect(stream.out[1]).toBe('  … exp stage B: 41/100 steps (41 %), 35 s\n');
  });

  it('the final line is always printed once progress was shown, exactly once', () => {
    const { stream, clock, now } = setup(false);
    const p = progressReporter('sim', { lines: true, everyMs: 10_000, stream, now });
    clock.t = 12_000;
    p.update(50, 100);
    clock.t = 13_000;
    p.update(100, 100); // within everyMs of the last line: not printed now
    expect(stream.out).toHaveLength(1);
    clock.t = 13_500;
    p.stop();
    expect(stream.out).toEqual(['  … sim: 50/100 replications (50 %), 12 s\n', '  … sim: 100/100 replications (100 %), 14 s\n']);
    p.stop();
    expect(stream.out).toHaveLength(2);
  });

  it('a completion printed by its own report is not repeated by stop()', () => {
    const { stream, clock, now } = setup(false);
    const p = progressReporter('sim', { lines: true, everyMs: 10_000, stream, now });
    clock.t = 30_000;
    p.update(8, 8);
    p.stop();
    expect(stream.out).toEqual(['  … sim: 8/8 replications (100 %), 30 s\n']);
  });

  it('a run shorter than everyMs prints nothing, even at stop; without `lines` nothing at all', () => {
    const a = setup(false);
    const p = progressReporter('short', { lines: true, everyMs: 10_000, stream: a.stream, now: a.now });
    a.clock.t = 9_000;
    p.update(10, 10);
    p.stop();
    expect(a.stream.out).toEqual([]);
    const b = setup(false);
    const q = progressReporter('quiet', { stream: b.stream, now: b.now });
    b.clock.t = 60_000;
    q.update(1, 10);
    q.stop();
    expect(b.stream.out).toEqual([]);
  });

  it('starts no timer', () => {
    vi.useFakeTimers();
    const { stream, clock, now } = setup(false);
    const p = progressReporter('t', { lines: true, everyMs: 1000, stream, now });
    for (let i = 0; i < 50; i++) {
      clock.t = i * 700;
      p.update(i, 50);
    }
    p.stop();
    expect(vi.getTimerCount()).toBe(0);
    const tty = setup(true);
    const b = progressReporter('t', { stream: tty.stream, now: tty.now, delayMs: 0 });
    tty.clock.t = 5;
    b.update(1, 2);
    b.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('progress bar on a terminal', () => {
  it('appears after delayMs, redraws in place at most every redrawMs whatever the number of reports, ends with one final line', () => {
    const { stream, clock, now } = setup(true, 200);
    const p = progressReporter('validate', { unit: 'SKUs', delayMs: 2000, redrawMs: 200, stream, now });
    clock.t = 1000;
    p.update(1, 64);
    expect(stream.out).toEqual([]);
    clock.t = 2000;
    for (let i = 2; i <= 20; i++) p.update(i, 64); // a burst: one redraw
    expect(stream.out).toHaveLength(1);
    expect(stream.out[0]).toMatch(/^\r.*\x1b\[K$/);
    expect(stream.out[0]).not.toContain('\n');
    expect(stream.out[0]).toContain('validate [');
    expect(stream.out[0]).toContain('3% | 2/64 SKUs | 2s elapsed, ETA 1m02s');
    clock.t = 2100;
    p.update(30, 64);
    expect(stream.out).toHaveLength(1);
    clock.t = 2200;
    p.update(31, 64);
    expect(stream.out).toHaveLength(2);
    clock.t = 2250;
    p.update(64, 64);
    p.stop();
    expect(stream.out).toHaveLength(3);
    expect(stream.out[2]).toBe('\r  … validate: 64/64 SKUs (100 %), 2 s\x1b[K\n');
  });

  it('the bar is cut to the terminal width (so it never wraps onto a second line); no width known: not cut', () => {
    const { stream, clock, now } = setup(true, 40);
    const p = progressReporter('a-long-label', { delayMs: 0, stream, now });
    clock.t = 1;
    p.update(1, 3);
    expect(stream.out[0]!.replace('\r', '').replace('\x1b[K', '').length).toBe(39);
    // a terminal that does not tell its width (columns 0, e.g. under script(1)) gets the whole bar
    const zero = setup(true, 0);
    const q = progressReporter('a-long-label', { delayMs: 0, stream: zero.stream, now: zero.now });
    zero.clock.t = 1;
    q.update(1, 3);
    expect(zero.stream.out[0]).toContain('a-long-label [');
    expect(zero.stream.out[0]).toContain('1/3 replications');
  });

  it('a run shorter than delayMs shows nothing', () => {
    const { stream, clock, now } = setup(true);
    const p = progressReporter('x', { stream, now });
    clock.t = 1500;
    p.update(5, 5);
    p.stop();
    expect(stream.out).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('seconds, minutes, hours', () => {
    expect([formatDuration(42_400), formatDuration(185_000), formatDuration(3_720_000)]).toEqual(['42s', '3m05s', '1h02m']);
  });
});
