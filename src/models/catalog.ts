/**
 * The models of invlab and the papers behind them, as data (library API: `modelCatalog`,
 * `citationOf`). One line per model.
 */
import { correlatedRopMeta } from './correlated-rop/meta.ts';
import { deterioratingDpMeta } from './deteriorating-dp/meta.ts';
import type { ModelMeta } from './meta.ts';
import { sqlPolicyMeta } from './sql-policy/meta.ts';
import { stockPriceCubicMeta } from './stock-price-cubic/meta.ts';

export type { ModelMeta, ParamDoc } from './meta.ts';

export const modelCatalog: readonly ModelMeta[] = [sqlPolicyMeta, deterioratingDpMeta, correlatedRopMeta, stockPriceCubicMeta];

/** The full reference of a model's paper. */
export function citationOf(id: string): string {
  const m = modelCatalog.find((x) => x.id === id);
  if (m === undefined) throw new RangeError(`unknown model '${id}'; known models: ${modelCatalog.map((x) => x.id).join(', ')}`);
  return m.citation;
}
