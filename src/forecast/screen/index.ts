/**
 * The data screen of a daily demand series (src/forecast/README.md, "Data screen"): Hampel
 * filter, seasonal-decomposition residual rule, level shifts, stock-out-censored zero runs. Pure:
 * imports core (and simple-statistics) only.
 */
import { hampelFlags, type HampelOptions } from './hampel.ts';
import { levelShiftFlags, type LevelShiftOptions } from './level-shift.ts';
import { seasonalIqrFlags, type SeasonalIqrOptions } from './seasonal.ts';
import { stockoutFlags, type StockoutOptions } from './stockout.ts';
import { SCREEN_RULES, type OpenMask, type ScreenFlag, type ScreenRule } from './types.ts';

export { hampelFlags, MAD_SCALE, type HampelOptions } from './hampel.ts';
export { decompose, seasonalIqrFlags, type Decomposition, type SeasonalIqrOptions } from './seasonal.ts';
export { levelShiftFlags, type LevelShiftOptions } from './level-shift.ts';
export { stockoutFlags, type StockoutOptions } from './stockout.ts';
export { SCREEN_RULES, type OpenMask, type ScreenFlag, type ScreenRule } from './types.ts';

export interface ScreenOptions {
  /** rules to run, default all */
  rules?: readonly ScreenRule[];
  hampel?: Omit<HampelOptions, 'open'>;
  seasonalIqr?: Omit<SeasonalIqrOptions, 'open'>;
  levelShift?: LevelShiftOptions;
  stockout?: Omit<StockoutOptions, 'open'>;
  /** closed days (false) are never flagged */
  open?: OpenMask;
}

/**
 * All flags of the chosen rules, by day then rule order. Level shifts are tested on the series
 * with the stock-out runs unconstrained (a censored run is not a change of level).
 */
export function screenSeries(values: readonly number[], options: ScreenOptions = {}): ScreenFlag[] {
  const rules = options.rules ?? SCREEN_RULES;
  const open = options.open;
  const flags: ScreenFlag[] = [];
  const stockouts = rules.includes('stockout') ? stockoutFlags(values, { ...options.stockout, open }) : [];
  if (rules.includes('hampel')) flags.push(...hampelFlags(values, { ...options.hampel, open }));
  if (rules.includes('seasonalIqr')) flags.push(...seasonalIqrFlags(values, { ...options.seasonalIqr, open }));
  if (rules.includes('levelShift')) {
    // censored runs are not level shifts: test the series with them unconstrained, report the observed values
    const shifts = levelShiftFlags(cleanSeries(values, stockouts), options.levelShift);
    flags.push(...shifts.map((f) => ({ ...f, value: values[f.day]! })));
  }
  flags.push(...stockouts);
  const order = (r: ScreenRule): number => SCREEN_RULES.indexOf(r);
  return flags.sort((a, b) => a.day - b.day || order(a.rule) - order(b.rule));
}

/**
 * The series with the point replacements applied (Hampel, seasonal residual, stock-out; the first
 * flag of a day wins). Level shifts are not point corrections: they are left to the caller (e.g.
 * estimate only from the last shift on).
 */
export function cleanSeries(values: readonly number[], flags: readonly ScreenFlag[]): number[] {
  const out = values.slice();
  const done = new Set<number>();
  for (const f of flags) {
    if (f.rule === 'levelShift' || done.has(f.day)) continue;
    out[f.day] = f.replacement;
    done.add(f.day);
  }
  return out;
}

/** Number of flags per rule (every rule present, 0 when none). */
export function countByRule(flags: readonly ScreenFlag[]): Record<ScreenRule, number> {
  const c = Object.fromEntries(SCREEN_RULES.map((r) => [r, 0])) as Record<ScreenRule, number>;
  for (const f of flags) c[f.rule]++;
  return c;
}
