/**
 * The shapes the data screen shares: a flag (day, rule, observed value, proposed replacement)
 * and the optional open-day mask (closed days are structural zeros: never flagged).
 */

/** The screen's rules (src/forecast/README.md, "Data screen"). */
export const SCREEN_RULES = ['hampel', 'seasonalIqr', 'levelShift', 'stockout'] as const;
export type ScreenRule = (typeof SCREEN_RULES)[number];

export interface ScreenFlag {
  /** index of the day in the series (0-based) */
  day: number;
  rule: ScreenRule;
  /** the observed value that day */
  value: number;
  /** the value the rule proposes instead (for a level shift: the new level from that day on) */
  replacement: number;
  /** a short human-readable reason, e.g. "|x − median| = 41 > 3·1.4826·MAD = 12.1" */
  note: string;
}

/** Optional per-day mask: false = the shop was closed (demand 0 by construction, never flagged). */
export type OpenMask = readonly boolean[] | undefined;

/** Is day i open (true without a mask)? */
export function isOpen(open: OpenMask, i: number): boolean {
  return open === undefined || open[i] !== false;
}

/** Round for notes (4 significant digits). */
export function short(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
