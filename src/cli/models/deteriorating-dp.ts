/**
 * CLI entry of the deteriorating-dp model (Sabahno 2008):
 *   invlab solve deteriorating-dp --params file.json [--step 0.5] [--pricing printed|optimal]
 *                                 [--lead-time-rule flag|exclude] [--json]
 * prints the DP plan (cycles, prices, production ends, quantities, maxima, reorder points,
 * cumulative present-worth profit) as a table, or the full result as JSON.
 */
import { parseDecimal } from '../../core/validate.ts';
import { markdownTable } from '../../io/markdown.ts';
import type { Row } from '../../io/csv-write.ts';
import { deterioratingDpMeta, SABAHNO_EXAMPLE, solveDp, validateParams, type LeadTimeRule, type PricingRule } from '../../models/deteriorating-dp/index.ts';
import { UsageError, type ModelEntry } from '../model-registry.ts';

/** @deprecated the citation lives in the model's meta.ts (deterioratingDpMeta.citation) */
export { DETERIORATING_DP_CITATION } from '../../models/deteriorating-dp/meta.ts';

function parseStep(text: string | undefined): number {
  if (text === undefined) return 1;
  const x = parseDecimal(text.trim());
  if (!(Number.isFinite(x) && x > 0)) throw new UsageError(`--step must be a number > 0, got '${text}'`);
  return x;
}

function parsePricing(text: string | undefined): PricingRule {
  if (text === undefined || text === 'printed' || text === 'optimal') return (text ?? 'printed') as PricingRule;
  throw new UsageError(`--pricing must be 'printed' or 'optimal', got '${text}'`);
}

function parseLeadTimeRule(text: string | undefined): LeadTimeRule {
  if (text === undefined || text === 'flag' || text === 'exclude') return (text ?? 'flag') as LeadTimeRule;
  throw new UsageError(`--lead-time-rule must be 'flag' or 'exclude', got '${text}'`);
}

/** `invlab solve deteriorating-dp`: options, example and rendering; what the model is comes from its meta.ts. */
export const deterioratingDpEntry: ModelEntry = {
  meta: deterioratingDpMeta,
  options: [
    { flags: '--step <size>', description: 'grid step of the cycle boundaries (H/step must be whole)', default: '1' },
    { flags: '--pricing <rule>', description: "'printed' = rule (9) as printed (reproduces Table I); 'optimal' = the price that maximises eq. (8)", choices: ['printed', 'optimal'], default: 'printed' },
    { flags: '--lead-time-rule <rule>', description: "'flag' = the paper: report 'lead time not acceptable'; 'exclude' = forbid cycles shorter than L", choices: ['flag', 'exclude'], default: 'flag' },
  ],
  exampleParams: { ...SABAHNO_EXAMPLE },
  solve(params, options) {
    if (params === undefined) throw new UsageError('deteriorating-dp needs --params <file.json> (see `invlab models --example deteriorating-dp`)');
    const p = validateParams(params);
    const step = parseStep(options.step);
    const pricing = parsePricing(options.pricing);
    const leadTimeRule = parseLeadTimeRule(options.leadTimeRule);
    const r = solveDp(p, { step, pricing, leadTimeRule });
    const rows: Row[] = r.plan.map((c) => ({
      cycle: `[${+c.start.toFixed(6)}, ${+c.end.toFixed(6)}]`,
      price: c.price,
      demand_rate: c.demandRate,
      production_end: c.productionEnd,
      order_quantity: c.orderQuantity,
      max_inventory: c.maxInventory,
      reorder_point: c.reorderPoint === null ? (c.reorderRule === 'last cycle' ? '--- (last cycle)' : 'lead time not acceptable') : c.reorderPoint,
      rule: c.reorderRule,
      cycle_profit: c.profit,
      cumulative_profit: c.cumulativeProfit,
    }));
    const text = [
      `deteriorating-dp (Sabahno 2008): ${pricing} pricing, boundary step ${step}, ${r.cyclesEvaluated} cycles evaluated`,
      '',
      markdownTable(rows, undefined, {}, 4),
      '',
      `Total present-worth profit TP_H = ${r.totalProfit.toFixed(4)}` + (r.leadTimeNotAcceptable > 0 ? ` (${r.leadTimeNotAcceptable} cycle(s): lead time not acceptable)` : ''),
    ].join('\n');
    const { valueTable, predecessor, ...rest } = r;
    return { result: { params: p, ...rest, valueTable, predecessor }, text };
  },
};
