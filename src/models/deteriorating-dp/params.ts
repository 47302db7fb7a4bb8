/**
 * Parameters of the deteriorating-item production/pricing model of Sabahno (2008), seed 002
 * (`seeds/002_15e5f53ced52240d.txt`), and their validation. Pure, no I/O.
 * Errata, readings and conventions: ./README.md.
 */

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

/** The paper's numerical example (Section IV): a = 50, b = 0.9, R = 0.1, λ = 0.05, h = 0.5, c = 8, A = 100, H = 10, P = 95, Lt = 0.5. */
export const SABAHNO_EXAMPLE: Readonly<DeterioratingDpParams> = Object.freeze({
  demandIntercept: 50,
  demandSlope: 0.9,
  netDiscountRate: 0.1,
  deteriorationRate: 0.05,
  holdingCost: 0.5,
  unitCost: 8,
  orderingCost: 100,
  horizon: 10,
  productionRate: 95,
  leadTime: 0.5,
});

const FIELDS: [keyof DeterioratingDpParams, string, 'positive' | 'nonnegative'][] = [
  ['demandIntercept', 'a', 'positive'],
  ['demandSlope', 'b', 'positive'],
  ['netDiscountRate', 'R', 'nonnegative'],
  ['deteriorationRate', 'λ', 'nonnegative'],
  ['holdingCost', 'h', 'nonnegative'],
  ['unitCost', 'c', 'nonnegative'],
  ['orderingCost', 'A', 'nonnegative'],
  ['horizon', 'H', 'positive'],
  ['productionRate', 'P', 'positive'],
  ['leadTime', 'L', 'nonnegative'],
];

/**
 * Check a parameter object; returns a typed copy. Throws TypeError for a missing or
 * non-numeric field and RangeError for a value outside its domain, naming the field and the rule.
 * b must be > 0 (the paper: "a and b are both positive constants"; with b = 0 revenue grows
 * without bound in the price and rule (9) divides by 2b). The condition P > D(s) > 0 depends
 * on the price and is checked per cycle by the solver.
 */
export function validateParams(input: unknown): DeterioratingDpParams {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('deteriorating-dp parameters must be an object with fields ' + FIELDS.map(([f]) => f).join(', '));
  }
  const obj = input as Record<string, unknown>;
  const known = new Set(FIELDS.map(([f]) => f as string));
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) throw new TypeError(`deteriorating-dp: unknown parameter '${key}' (known: ${[...known].join(', ')})`);
  }
  const out = {} as DeterioratingDpParams;
  for (const [field, symbol, rule] of FIELDS) {
    const v = obj[field];
    if (v === undefined) throw new TypeError(`deteriorating-dp: parameter ${field} (${symbol}) is missing`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`deteriorating-dp: parameter ${field} (${symbol}) must be a finite number, got ${JSON.stringify(v)}`);
    if (rule === 'positive' && !(v > 0)) throw new RangeError(`deteriorating-dp: parameter ${field} (${symbol}) must be > 0, got ${v}`);
    if (rule === 'nonnegative' && !(v >= 0)) throw new RangeError(`deteriorating-dp: parameter ${field} (${symbol}) must be ≥ 0, got ${v}`);
    out[field] = v;
  }
  return out;
}
