/**
 * Stock-out-censored demand: abnormal runs of zero sales. With p̂ the SKU's own share of open days
 * with non-zero demand, a run of L consecutive open days with zero demand has probability
 * (1 − p̂)^L under independent days; a run with (1 − p̂)^L < `threshold` (default 0.0001) is taken
 * as censored (the item was out of stock, so sales said nothing about demand). p̂ is estimated
 * twice: on all open days, then again without the runs flagged in the first pass. Runs touching
 * the first or last day are left alone by default (a launch or a discontinuation, not a
 * stock-out). Closed days (mask) neither extend nor break a run.
 *
 * Unconstraining: each censored day is replaced by the estimated demand rate, the mean demand of
 * the open days outside the censored runs.
 */
import { checkNumber } from '../../core/validate.ts';
import { isOpen, short, type OpenMask, type ScreenFlag } from './types.ts';

export interface StockoutOptions {
  /** largest run probability taken as chance, default 1e-4 */
  threshold?: number;
  /** also judge runs that touch the start or end of the series, default false */
  edges?: boolean;
  open?: OpenMask;
}

interface Run {
  /** open days of the run */
  days: number[];
  edge: boolean;
}

/** Maximal runs of zero demand over the open days. */
function zeroRuns(values: readonly number[], open: OpenMask): Run[] {
  const runs: Run[] = [];
  let cur: number[] = [];
  let startsAtEdge = true;
  const close = (edge: boolean): void => {
    if (cur.length > 0) runs.push({ days: cur, edge });
    cur = [];
  };
  for (let t = 0; t < values.length; t++) {
    if (!isOpen(open, t)) continue;
    if (values[t] === 0) {
      cur.push(t);
      continue;
    }
    close(startsAtEdge);
    startsAtEdge = false;
  }
  close(true);
  return runs;
}

/** Share of open days with demand > 0, leaving out `skip`. */
function nonZeroRate(values: readonly number[], open: OpenMask, skip: Set<number>): { rate: number; mean: number } {
  let days = 0;
  let nonZero = 0;
  let sum = 0;
  values.forEach((x, t) => {
    if (!isOpen(open, t) || skip.has(t)) return;
    days++;
    sum += x;
    if (x > 0) nonZero++;
  });
  return { rate: days > 0 ? nonZero / days : 0, mean: days > 0 ? sum / days : 0 };
}

export function stockoutFlags(values: readonly number[], options: StockoutOptions = {}): ScreenFlag[] {
  const threshold = checkNumber(options.threshold ?? 1e-4, 'stockout.threshold', 'openProbability');
  const runs = zeroRuns(values, options.open).filter((r) => options.edges === true || !r.edge);
  const judge = (rate: number): Run[] => (rate <= 0 ? [] : runs.filter((r) => Math.pow(1 - rate, r.days.length) < threshold));
  const first = judge(nonZeroRate(values, options.open, new Set()).rate);
  const est = nonZeroRate(values, options.open, new Set(first.flatMap((r) => r.days)));
  const censored = judge(est.rate);
  const final = nonZeroRate(values, options.open, new Set(censored.flatMap((r) => r.days)));
  return censored.flatMap((r) => {
    const prob = Math.pow(1 - est.rate, r.days.length);
    const note = `${r.days.length} zero days in a row: (1 − ${short(est.rate)})^${r.days.length} = ${prob.toExponential(2)} < ${threshold}`;
    return r.days.map((t) => ({ day: t, rule: 'stockout' as const, value: 0, replacement: final.mean, note }));
  });
}
