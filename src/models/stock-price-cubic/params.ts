/**
 * Parameters of Shah, "A Discrete Inventory Model When Sale Price varies with Stock Level", and
 * their validation (src/core/validate.ts). Pure: no I/O.
 *
 * Units: "time" is whatever unit θ is measured in (the paper's example: θ = 0.05 time units
 * between customers, i.e. 20 customers per unit time); costs are in currency (Rs. in the paper).
 * Field documentation as data: ./meta.ts; the paper's example: ./fixtures.ts; conventions and
 * errata: ./README.md.
 */
import { checkNumber, checkNumberWithNote, RULE_WORDS, type NumberRule } from '../../core/validate.ts';
import { stockPriceCubicMeta } from './meta.ts';

/** The model's parameters, named in words; the paper's symbols in the comments. */
export interface StockPriceParams {
  /** C0 [currency per order]: ordering cost, paid once per cycle (eq. 3.1). ≥ 0. */
  orderingCost: number;
  /** C [currency per unit]: purchase cost of one unit ("cost of inventory per unit", eq. 3.2). ≥ 0. */
  unitCost: number;
  /** C1 [currency per unit per time]: holding cost while the stock level is above k (full price p1). ≥ 0; > 0 to optimise. */
  holdingCostAboveK: number;
  /** C2 [currency per unit per time]: holding cost once the stock level is at or below k (reduced price p2). ≥ 0; the paper assumes C2 > C1. */
  holdingCostAtOrBelowK: number;
  /** θ [time]: mean customer inter-arrival TIME (not a rate); customers arrive at rate 1/θ. > 0. */
  meanInterarrivalTime: number;
  /** k [units]: critical stock level at and below which the price is cut. Integer ≥ 0 (k = 0: no price cut). */
  priceCutLevel: number;
}

/** The rule of each field, and a note where the rule words alone would mislead. */
const RULES: Readonly<Record<keyof StockPriceParams, { rule: NumberRule; note?: string }>> = {
  orderingCost: { rule: 'nonneg' },
  unitCost: { rule: 'nonneg' },
  holdingCostAboveK: { rule: 'nonneg' },
  holdingCostAtOrBelowK: { rule: 'nonneg' },
  meanInterarrivalTime: { rule: 'positive', note: 'a mean time between customers, not a rate' },
  priceCutLevel: { rule: 'int0' },
};

/** Field names in words, with the paper's symbols accepted as aliases in parameter files; `rule` in words. */
export const PARAM_FIELDS: readonly { name: keyof StockPriceParams; symbol: string; rule: string }[] = stockPriceCubicMeta.params.map((d) => {
  const r = RULES[d.name];
  return { name: d.name, symbol: d.symbol, rule: r.note ? `${RULE_WORDS[r.rule]} (${r.note})` : RULE_WORDS[r.rule] };
});

/** A validated parameter set with the remarks the solver should report. */
export interface ValidatedParams {
  params: StockPriceParams;
  /** remarks on parameter sets outside the paper's assumptions (e.g. C2 < C1) */
  warnings: string[];
}

function fieldLabel(name: keyof StockPriceParams): string {
  const f = PARAM_FIELDS.find((x) => x.name === name)!;
  return `${f.name} (${f.symbol === 'theta' ? 'θ' : f.symbol})`;
}

/**
 * Check one numeric field (src/core/validate.ts): TypeError when it is not a number, RangeError
 * when it breaks its rule; the message names the field (word and symbol) and the rule.
 */
function checkField(name: keyof StockPriceParams, value: unknown): number {
  const r = RULES[name];
  return r.note ? checkNumberWithNote(value, fieldLabel(name), r.rule, r.note) : checkNumber(value, fieldLabel(name), r.rule);
}

/**
 * Validate a parameter object (e.g. parsed from JSON). Accepts the word names or the paper's
 * symbols (C0, C, C1, C2, theta, k), not both for one field; rejects unknown fields.
 *
 * Rules: C0, C, C1, C2 finite and ≥ 0; θ finite and > 0 (mean inter-arrival time); k integer ≥ 0.
 * C2 < C1 is accepted with a warning: the paper assumes C2 > C1 (a price CUT raises the
 * holding cost), and its convexity argument for (3.6) needs C2 ≥ C1, so the solver then
 * does not trust Viète's root and searches the integers instead.
 */
export function validateParams(raw: unknown): ValidatedParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError(`parameters must be an object with fields ${PARAM_FIELDS.map((f) => f.name).join(', ')}, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  }
  const obj = raw as Record<string, unknown>;
  const known = new Set<string>(PARAM_FIELDS.flatMap((f) => [f.name, f.symbol]));
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) throw new RangeError(`unknown parameter '${key}'; expected ${PARAM_FIELDS.map((f) => `${f.name} (or ${f.symbol})`).join(', ')}`);
  }
  const out: Partial<StockPriceParams> = {};
  for (const f of PARAM_FIELDS) {
    const hasWord = Object.prototype.hasOwnProperty.call(obj, f.name);
    const hasSymbol = Object.prototype.hasOwnProperty.call(obj, f.symbol);
    if (hasWord && hasSymbol) throw new RangeError(`${fieldLabel(f.name)} is given twice (as '${f.name}' and as '${f.symbol}'); give it once`);
    if (!hasWord && !hasSymbol) throw new TypeError(`${fieldLabel(f.name)} is missing; it must be ${f.rule}`);
    out[f.name] = checkField(f.name, hasWord ? obj[f.name] : obj[f.symbol]);
  }
  const params = out as StockPriceParams;
  const warnings: string[] = [];
  if (params.holdingCostAtOrBelowK < params.holdingCostAboveK) {
    warnings.push(
      `holdingCostAtOrBelowK (C2 = ${params.holdingCostAtOrBelowK}) < holdingCostAboveK (C1 = ${params.holdingCostAboveK}): the paper assumes C2 > C1; its convexity argument for (3.6) fails, so the optimum is found by integer search, not by Viète's root`,
    );
  }
  return { params, warnings };
}

/**
 * Check that a lot size n is usable: an integer ≥ 1. (n = 1 is allowed; under the paper's
 * criterion its expected cost is infinite, eq. (3.5) discussion.)
 */
export function checkLotSize(n: number, name = 'lot size n'): void {
  checkNumber(n, name, 'int1');
}

/** Parameters given as a typed object are validated the same way (throws on bad values). */
export function assertParams(p: StockPriceParams): StockPriceParams {
  return validateParams({ ...p }).params;
}
