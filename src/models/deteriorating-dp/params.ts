/**
 * Parameters of the deteriorating-item production/pricing model of Sabahno (2008) and their
 * validation (rule predicates and value formatting from src/core/validate.ts). Pure, no I/O.
 * Field documentation as data: ./meta.ts; the paper's example: ./fixtures.ts; readings: ./README.md.
 */
import { describeValue, satisfies } from '../../core/validate.ts';
import { deterioratingDpMeta } from './meta.ts';

/** Model parameters. Time unit: one period of the horizon (the paper's example has none stated). */
export interface DeterioratingDpParams {
  /** a: demand intercept of D(s) = a − b·s [units per time]; a > 0 */
  demandIntercept: number;
  /** b: demand slope of D(s) = a − b·s [units per time per currency]; b > 0 */
  demandSlope: number;
  /** R = r − m: net discount rate (discount minus inflation) [per time]; R ≥ 0 */
  netDiscountRate: number;
  /** λ: exponential deterioration rate of stock [per time]; λ ≥ 0 (λ = 0: no deterioration, the limit λ → 0) */
  deteriorationRate: number;
  /** h: holding cost of a good unit at time zero [currency per unit per time]; h ≥ 0 */
  holdingCost: number;
  /** c: unit purchase (production) cost at time zero [currency per unit]; c ≥ 0 */
  unitCost: number;
  /** A: ordering (set-up) cost per cycle at time zero [currency]; A ≥ 0 */
  orderingCost: number;
  /** H: planning horizon [time]; H > 0 */
  horizon: number;
  /** P: finite production (replenishment) rate [units per time]; P > D(s) at every cycle's price */
  productionRate: number;
  /** L (Lt): constant lead time [time]; L ≥ 0 */
  leadTime: number;
}

/** Fields that must be > 0; every other field must be ≥ 0. */
const POSITIVE: ReadonlySet<string> = new Set(['demandIntercept', 'demandSlope', 'horizon', 'productionRate']);

const FIELDS: readonly { field: keyof DeterioratingDpParams; symbol: string; rule: 'positive' | 'nonneg' }[] = deterioratingDpMeta.params.map((d) => ({
  field: d.name,
  symbol: d.symbol,
  rule: POSITIVE.has(d.name) ? 'positive' : 'nonneg',
}));

/**
 * Check a parameter object; returns a typed copy. Throws TypeError for a missing or
 * non-numeric (or non-finite) field and RangeError for a value outside its domain, naming the
 * field and the rule. b must be > 0 (the paper: "a and b are both positive constants"; with
 * b = 0 revenue grows without bound in the price and rule (9) divides by 2b). The condition
 * P > D(s) > 0 depends on the price and is checked per cycle by the solver.
 */
export function validateParams(input: unknown): DeterioratingDpParams {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('deteriorating-dp parameters must be an object with fields ' + FIELDS.map((f) => f.field).join(', '));
  }
  const obj = input as Record<string, unknown>;
  const known = FIELDS.map((f) => f.field as string);
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) throw new TypeError(`deteriorating-dp: unknown parameter '${key}' (known: ${known.join(', ')})`);
  }
  const out = {} as DeterioratingDpParams;
  for (const { field, symbol, rule } of FIELDS) {
    const v = obj[field];
    const label = `deteriorating-dp: parameter ${field} (${symbol})`;
    if (v === undefined) throw new TypeError(`${label} is missing`);
    if (!satisfies(v, 'finite')) throw new TypeError(`${label} must be a finite number, got ${describeValue(v)}`);
    if (!satisfies(v, rule)) throw new RangeError(`${label} must be ${rule === 'positive' ? '> 0' : '≥ 0'}, got ${v}`);
    out[field] = v;
  }
  return out;
}
