/** Every model's CLI entry, in the order `invlab models` lists them (one line per model). */
import { findModelIn, type ModelEntry } from '../model-registry.ts';
import { correlatedRopEntry } from './correlated-rop.ts';
import { deterioratingDpEntry } from './deteriorating-dp.ts';
import { sqlPolicyEntry } from './sql-policy.ts';
import { stockPriceCubicEntry } from './stock-price-cubic.ts';

export const models: readonly ModelEntry[] = [sqlPolicyEntry, deterioratingDpEntry, correlatedRopEntry, stockPriceCubicEntry];

export function findModel(id: string): ModelEntry {
  return findModelIn(models, id);
}
