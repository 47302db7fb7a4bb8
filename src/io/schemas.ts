/**
 * Schemas of the JSON inputs of the simulator (zod; see src/core/schema.ts for why and how the
 * messages read): `invlab simulate --spec` files and the JSON options --demand, --lead-time,
 * --requested-lead-time and --costs. Objects are strict (an unknown key is an error naming the
 * nearest valid key), numbers typed and bounded at the boundary so that nothing the simulator
 * sums, squares or allocates can overflow:
 *   - quantities (units per period, order sizes, histories): |x| ≤ MAX_QUANTITY (10^12);
 *   - lead times (periods): ≤ MAX_LEAD_TIME (100 000, as the customer lead time);
 *   - cost rates: ≤ MAX_COST_RATE (10^12 per unit).
 * The distributions' own rules (sd > 0, max ≥ min, …) stay in src/dist (validateDemand).
 */
import { z } from 'zod';
import { parseWithSchema } from '../core/schema.ts';
import type { DemandSpec } from '../dist/demand.ts';
import type { LeadTimeSpec } from '../dist/lead-time.ts';
import type { CostRates } from '../sim/engine.ts';

export const MAX_QUANTITY = 1e12;
export const MAX_LEAD_TIME = 100_000;
export const MAX_COST_RATE = 1e12;
export const MAX_REPLICATIONS = 1e9;
export const MAX_HORIZON = 1e8;

const overflow = 'larger values overflow the simulator’s sums';
const qty = z.number().min(0).max(MAX_QUANTITY, { error: overflow });
const posQty = z.number().positive().max(MAX_QUANTITY, { error: overflow });
const realQty = z.number().min(-MAX_QUANTITY, { error: overflow }).max(MAX_QUANTITY, { error: overflow });
const lt = z.number().min(0).max(MAX_LEAD_TIME, { error: 'the pipeline of a longer lead time would not fit in memory' });
const posLt = z.number().positive().max(MAX_LEAD_TIME, { error: 'the pipeline of a longer lead time would not fit in memory' });

const orderSizeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('normalRounded'), mean: posQty, sd: qty }),
  z.strictObject({ kind: z.literal('gamma'), mean: posQty, sd: qty }),
  z.strictObject({ kind: z.literal('empirical'), values: z.array(qty).min(1), weights: z.array(z.number().min(0).max(MAX_QUANTITY)).optional() }),
]);

export const demandSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('compoundPoisson'), ordersPerPeriod: posQty, orderSize: orderSizeSchema, sampling: z.enum(['orders', 'dailyTotal']).optional() }),
  z.strictObject({ kind: z.literal('normal'), mean: realQty, sd: qty, belowZero: z.enum(['truncate', 'censor']).optional() }),
  z.strictObject({ kind: z.literal('poisson'), mean: posQty }),
  z.strictObject({ kind: z.literal('negativeBinomial'), mean: posQty, variance: z.number().positive().max(MAX_QUANTITY ** 2 / 1e6, { error: overflow }) }),
  z.strictObject({ kind: z.literal('gamma'), mean: posQty, sd: qty }),
  z.strictObject({ kind: z.literal('empirical'), values: z.array(qty).min(1), weights: z.array(z.number().min(0).max(MAX_QUANTITY)).optional() }),
  z.strictObject({ kind: z.literal('replay'), history: z.array(qty).min(1), mode: z.enum(['inOrder', 'blockBootstrap']).optional(), blockLength: z.number().int().min(1).optional(), start: z.enum(['first', 'random']).optional() }),
]);

export const leadTimeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: lt }),
  z.strictObject({ kind: z.literal('normal'), mean: lt, sd: lt, integer: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('gamma'), mean: posLt, sd: lt }),
  z.strictObject({ kind: z.literal('empirical'), values: z.array(lt).min(1), weights: z.array(z.number().min(0).max(MAX_QUANTITY)).optional() }),
  z.strictObject({ kind: z.literal('uniformInteger'), min: lt, max: lt }),
  z.strictObject({ kind: z.literal('replay'), records: z.array(lt).min(1), mode: z.enum(['inOrder', 'resample']).optional(), start: z.enum(['first', 'random']).optional() }),
  z.strictObject({ kind: z.literal('discreteUniform'), min: lt, max: lt, step: posLt }),
]);

const rate = z.number().min(0).max(MAX_COST_RATE, { error: overflow });
export const costsSchema = z.strictObject({ holding: rate.optional(), backorder: rate.optional(), shortage: rate.optional(), ordering: rate.optional(), purchase: rate.optional() });

export const customerLeadTimeSchema = z.strictObject({ requested: leadTimeSchema.optional(), committed: z.number().int().min(0).max(MAX_LEAD_TIME).optional() });

/** An `invlab simulate --spec` file; policy/policies are checked by the policy reader (src/policy/file.ts). */
export const simulateSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  demand: demandSchema.optional(),
  leadTime: leadTimeSchema.optional(),
  policy: z.unknown().optional(),
  policies: z.unknown().optional(),
  horizon: z.number().int().min(1).max(MAX_HORIZON).optional(),
  /** periods, or 'mser5': chosen by MSER-5 as with --warmup mser5 */
  warmup: z.union([z.number().int().min(0).max(MAX_HORIZON), z.literal('mser5')]).optional(),
  replications: z.number().int().min(1).max(MAX_REPLICATIONS).optional(),
  seed: z.union([z.number().int(), z.string()]).optional(),
  threads: z.number().int().min(1).optional(),
  scenario: z.string().optional(),
  shortage: z.enum(['backorder', 'lostSales']).optional(),
  costs: costsSchema.optional(),
  customerLeadTime: customerLeadTimeSchema.optional(),
  initialOnHand: realQty.optional(),
});

/** A demand spec from JSON, checked; errors name `source` and the JSON path. */
export function parseDemandSpec(value: unknown, source: string): DemandSpec {
  return parseWithSchema(demandSchema, value, source) as DemandSpec;
}

/** A lead-time spec from JSON, checked. */
export function parseLeadTimeSpec(value: unknown, source: string): LeadTimeSpec {
  return parseWithSchema(leadTimeSchema, value, source) as LeadTimeSpec;
}

/** Cost rates from JSON, checked. */
export function parseCosts(value: unknown, source: string): CostRates {
  return parseWithSchema(costsSchema, value, source) as CostRates;
}

/** A --spec file, checked (the policy inside is checked by the policy reader). */
export function parseSimulateSpec(value: unknown, source: string): z.output<typeof simulateSpecSchema> {
  return parseWithSchema(simulateSpecSchema, value, source);
}

/** The JSON Schema of a --spec file (published as schemas/simulate-spec.schema.json; a test keeps them equal). */
export function simulateSpecJsonSchema(): unknown {
  return { $id: 'https://invlab.dev/schema/simulate-spec-1.json', title: 'invlab simulate --spec file', ...z.toJSONSchema(simulateSpecSchema, { io: 'input', unrepresentable: 'any' }) };
}
