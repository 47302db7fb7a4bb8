/**
 * Tabulating integer distributions from their pmf, and the cache of built tables (building is
 * deterministic, so sharing a table between samplers is safe).
 */
import { AliasTable } from './alias.ts';

/** Tail mass below which a tabled distribution is cut (far below the 2^−53 resolution of a uniform). */
export const TABLE_TAIL = 1e-17;

/**
 * Tabulate an integer distribution from its pmf: k runs from `start` upward while the pmf is
 * not negligible. pmf must be unimodal with `mode` its mode; the table covers
 * [lo, hi] where pmf(lo − 1) and pmf(hi + 1) fall below TABLE_TAIL·1e-3 (beyond the mode the
 * terms decay at least geometrically for the distributions used here).
 */
export function tabulateUnimodal(pmf: (k: number) => number, mode: number, lowest: number, what: string, maxSize = 5_000_000): AliasTable {
  const cut = TABLE_TAIL * 1e-3;
  let lo = Math.max(lowest, mode);
  while (lo > lowest && pmf(lo - 1) > cut) lo--;
  let hi = Math.max(lowest, mode);
  while (pmf(hi + 1) > cut || hi < mode) {
    hi++;
    if (hi - lo > maxSize) throw new RangeError(`${what}: table would exceed ${maxSize} entries`);
  }
  const values: number[] = [];
  const weights: number[] = [];
  for (let k = lo; k <= hi; k++) {
    values.push(k);
    weights.push(pmf(k));
  }
  return new AliasTable(values, weights, what);
}

const tableCache = new Map<string, AliasTable>();

/** The table cached under `key` (one cache for all kinds, cleared past 256 entries), built on a miss. */
export function cachedTable(key: string, build: () => AliasTable): AliasTable {
  let t = tableCache.get(key);
  if (!t) {
    if (tableCache.size > 256) tableCache.clear();
    t = build();
    tableCache.set(key, t);
  }
  return t;
}
