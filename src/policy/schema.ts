/**
 * The zod schema of one InventoryPolicy as read from JSON (the policy file, `--policy`,
 * `--compare`): strict objects (an unknown key is an error with the nearest valid name
 * suggested), typed fields, and magnitudes bounded so that no quantity can overflow in the
 * simulator's sums. Cross-field rules (orderUpTo > reorderPoint, …) stay in ./validate.ts.
 * Published as JSON Schema in ./policy-file.schema.json.
 */
import { z } from 'zod';

/** The largest magnitude of a policy quantity (units), far beyond any real item. */
export const MAX_POLICY_QUANTITY = 1e15;
/** The longest review period (periods). */
export const MAX_REVIEW_PERIOD = 100_000;

const why = 'larger values overflow the simulator’s sums';
const quantity = z.number().min(-MAX_POLICY_QUANTITY, { error: why }).max(MAX_POLICY_QUANTITY, { error: why });
const positiveQuantity = z.number().positive().max(MAX_POLICY_QUANTITY, { error: why });
const reviewPeriod = z.number().int().min(1).max(MAX_REVIEW_PERIOD);
const multiples = z.enum(['one', 'multiples']);

export const lotRuleSchema = z.strictObject({ multiple: positiveQuantity.optional(), min: z.number().min(0).max(MAX_POLICY_QUANTITY, { error: why }).optional(), max: positiveQuantity.optional() });

export const policyOriginSchema = z.looseObject({
  model: z.string().optional(),
  sku: z.string().optional(),
  target: z.strictObject({ metric: z.enum(['cycleServiceLevel', 'fillRate', 'readyRate', 'onTimeRequested', 'onTimeCommitted']), value: z.number() }).optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

const smoothing = z.number().gt(0).max(1);
/** A forecaster spec (src/forecast/spec.ts; which fields each method takes is checked there). */
export const forecasterSchema = z.strictObject({
  method: z.enum(['naive', 'seasonalNaive', 'movingAverage', 'ses', 'holt', 'croston', 'sba', 'tsb', 'sbc', 'regression', 'ets', 'crostonOpt', 'adida', 'imapa']),
  alpha: smoothing.optional(),
  beta: smoothing.optional(),
  phi: smoothing.optional(),
  window: z.number().int().min(1).optional(),
  period: z.number().int().min(1).optional(),
  level: z.number().int().min(1).max(366).optional(),
  maxLevel: z.number().int().min(1).max(366).optional(),
  start: z.string().optional(),
  trend: z.boolean().optional(),
  month: z.boolean().optional(),
  /** ets / crostonOpt (src/forecast/ets.ts, croston-opt.ts) */
  model: z.enum(['auto', 'ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA']).optional(),
  fitAt: z.number().int().min(2).optional(),
  refitEvery: z.number().int().min(0).optional(),
  cost: z.enum(['mse', 'mar', 'msr']).optional(),
  separate: z.boolean().optional(),
  variant: z.enum(['croston', 'sba']).optional(),
  /** ADIDA / IMAPA: the single-level method inside (checked in src/forecast/spec.ts) */
  inner: z.looseObject({ method: z.string() }).optional(),
});
const safetyStockSchema = z.strictObject({ method: z.enum(['normal', 'empirical', 'bootstrap', 'gamma', 'negbin']), window: z.number().int().min(2).optional(), minErrors: z.number().int().min(2).optional(), replicates: z.number().int().min(10).optional(), block: z.number().int().min(1).optional(), seed: z.number().int().min(0).optional() });
const serviceTargetSchema = z.strictObject({ metric: z.enum(['cycleServiceLevel', 'fillRate']), value: z.number().gt(0).lt(1) });

/** adaptive (s, Q) lot (src/policy/adaptive.ts, AdaptiveOrderQuantity) */
const orderQuantitySchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('eoq'), orderingCost: z.number().min(0), holdingCost: z.number().gt(0), min: z.number().gt(0).optional() }),
  z.strictObject({ method: z.literal('daysOfSupply'), periods: z.number().int().min(1).max(MAX_REVIEW_PERIOD), min: z.number().gt(0).optional() }),
]);
const common = { lotRule: lotRuleSchema.optional(), origin: policyOriginSchema.optional(), $schema: z.string().optional() };

export const policySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sQ'), reorderPoint: quantity, lotSize: positiveQuantity, multiples, ...common }),
  z.strictObject({ kind: z.literal('sS'), reorderPoint: quantity, orderUpTo: quantity, ...common }),
  z.strictObject({ kind: z.literal('RS'), reviewPeriod, orderUpTo: quantity, ...common }),
  z.strictObject({ kind: z.literal('RsS'), reviewPeriod, reorderPoint: quantity, orderUpTo: quantity, ...common }),
  z.strictObject({ kind: z.literal('RsQ'), reviewPeriod, reorderPoint: quantity, lotSize: positiveQuantity, multiples, ...common }),
  z.strictObject({ kind: z.literal('adaptive'), forecaster: forecasterSchema, safetyStock: safetyStockSchema, reviewPeriod, leadTime: z.number().min(0).max(MAX_REVIEW_PERIOD), target: serviceTargetSchema, orderCover: z.number().int().min(0).max(MAX_REVIEW_PERIOD).optional(), orderQuantity: orderQuantitySchema.optional(), initialStock: z.number().min(0).max(MAX_POLICY_QUANTITY, { error: why }).optional(), ...common }),
]);

/** The header of the versioned policy file (the policies are checked one by one). */
export const policyFileHeaderSchema = z.strictObject({ $schema: z.string().optional(), format: z.literal('invlab-policies'), version: z.literal(1), policies: z.array(z.unknown()) });
