/**
 * The check file `invlab.check.json` of `invlab check` (zod schema; the JSON Schema published
 * as invlab.check.schema.json at the repository root is generated from it, a test keeps them
 * equal). Objects are strict: an unknown key is an error naming the nearest valid key.
 *
 * A file holds `{ version: 1, checks: [ … ] }`; each check has a unique `name`, a `kind` and,
 * except `published`, a `scenario` (what to simulate: a policy inline or from a file, or a
 * model with parameters whose solution carries a policy; demand and lead-time processes or a
 * demand history file; seed, replications, horizon, warm-up).
 */
import { z } from 'zod';
import { parseWithSchema } from '../../core/schema.ts';
import { InputError, nearestName } from '../../core/validate.ts';
import { costsSchema, demandSchema, leadTimeSchema, MAX_HORIZON, MAX_REPLICATIONS } from '../../io/schemas.ts';

export const CHECK_FILE_VERSION = 1;

const seed = z.union([z.number().int(), z.string()]);
const name = z.string().min(1).max(200);
const metric = z.string().min(1);

/** A demand history replayed from a daily-demand CSV (columns date, sku, quantity). */
const historySchema = z.strictObject({
  file: z.string().min(1),
  sku: z.string().min(1),
  days: z.enum(['calendar', 'trading']).optional(),
  replay: z.enum(['inOrder', 'blockBootstrap']).optional(),
  blockLength: z.number().int().min(1).optional(),
});

/** A model solved for its policy: `invlab solve <model> --params …` (its result's `policy`). */
const modelSchema = z.strictObject({
  id: z.string().min(1),
  params: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  options: z.record(z.string(), z.string()).optional(),
});

export const scenarioSchema = z.strictObject({
  /** an InventoryPolicy (or policy file content), or the path of a policy file */
  policy: z.union([z.string().min(1), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  /** the SKU to take from a policy file holding several */
  sku: z.string().optional(),
  model: modelSchema.optional(),
  demand: demandSchema.optional(),
  history: historySchema.optional(),
  leadTime: leadTimeSchema,
  seed,
  replications: z.number().int().min(2).max(MAX_REPLICATIONS),
  horizon: z.number().int().min(1).max(MAX_HORIZON).optional(),
  warmup: z.number().int().min(0).max(MAX_HORIZON).optional(),
  /** the stream key of the run (default: `check/<name>`); equal keys and seeds give common random numbers */
  scenario: z.string().optional(),
  shortage: z.enum(['backorder', 'lostSales']).optional(),
  costs: costsSchema.optional(),
  initialOnHand: z.number().optional(),
  generator: z.enum(['xoshiro128**', 'xor4096']).optional(),
});

const common = { name, description: z.string().optional(), source: z.string().optional() };
/** a scenario, or the name of one in the file's `scenarios` */
const scenarioRef = z.union([z.string().min(1), scenarioSchema]);

const exactCheck = z.strictObject({
  ...common,
  kind: z.literal('exact'),
  scenario: scenarioRef,
  /** SHA-256 (hex) of the run's rows in replication order; empty until --update-baseline records it */
  sha256: z.string().regex(/^([0-9a-f]{64})?$/, { error: 'a SHA-256 in hex (64 characters 0-9a-f), or "" before --update-baseline' }),
  /** run at each of these thread counts: every run must give the recorded hash (thread identity) */
  threads: z.array(z.number().int().min(1).max(64)).min(1).optional(),
});

const analyticCheck = z.strictObject({
  ...common,
  kind: z.literal('analytic'),
  scenario: scenarioRef,
  metric,
  /** the exact value */
  expected: z.number(),
  /** standard errors allowed (default 4) */
  k: z.number().positive().optional(),
});

const boundCheck = z
  .strictObject({
    ...common,
    kind: z.literal('bound'),
    scenario: scenarioRef,
    metric,
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    /** one-sided confidence (default 0.95) */
    confidence: z.number().gt(0.5).lt(1).optional(),
  })
  .refine((c) => (c.atLeast === undefined) !== (c.atMost === undefined), { error: 'a bound check needs exactly one of atLeast, atMost' });

const equivalenceCheck = z.strictObject({
  ...common,
  kind: z.literal('equivalence'),
  scenario: scenarioRef,
  metric,
  /** the baseline results file (written by --update-baseline), relative to the check file */
  baseline: z.string().min(1),
  /** equivalence margin δ: |mean − baseline| < δ */
  margin: z.number().positive(),
  /** level of each one-sided test (default 0.05) */
  alpha: z.number().gt(0).lt(0.5).optional(),
});

const publishedCheck = z.strictObject({
  ...common,
  kind: z.literal('published'),
  model: z.string().min(1),
  params: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  options: z.record(z.string(), z.string()).optional(),
  /** dotted path of the value in the solution (`invlab solve <model> --json`), e.g. comparison.paper.nStar */
  output: z.string().min(1),
  /** the value as the paper prints it (a string: its digits give the precision), e.g. "2565.4" */
  printed: z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'the printed value as a decimal string, e.g. "2565.4"' }),
});

const performanceCheck = z.strictObject({
  ...common,
  kind: z.literal('performance'),
  scenario: scenarioRef,
  /** the in-run reference (same shape); timed alternately with the scenario */
  reference: scenarioRef,
  /** flag when time(scenario)/time(reference) exceeds this (and the rank test agrees) */
  factor: z.number().positive(),
  /** timings of each (default 7) */
  samples: z.number().int().min(3).max(100).optional(),
  /** level of the one-sided Mann–Whitney test (default 0.05) */
  alpha: z.number().gt(0).lt(0.5).optional(),
});

/**
 * An experiment's output (e.g. the headline figure of its quick profile): the experiment is
 * loaded from `module` (a path relative to the check file, e.g. experiments/x.ts; its `export`
 * is an Experiment: id, seed, profiles, run), run once per check run at `profile` with its own
 * seed, and the value at `output` (a dotted path into its output: data…, tables.t[0].col,
 * checksPassed, headline) must hold exactly one expectation: `printed` (a paper's value within
 * its printed precision), `atLeast` / `atMost` (a deterministic bound), `equals` (a number or
 * boolean), or `sha256` (the value's JSON bit-identical to a recorded hash; "" until
 * --update-baseline records it).
 */
const experimentCheck = z
  .strictObject({
    ...common,
    kind: z.literal('experiment'),
    module: z.string().min(1),
    export: z.string().min(1),
    profile: z.enum(['quick', 'full']).optional(),
    output: z.string().min(1),
    printed: z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'the printed value as a decimal string, e.g. "0.035711"' }).optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    equals: z.union([z.number(), z.boolean()]).optional(),
    sha256: z.string().regex(/^([0-9a-f]{64})?$/, { error: 'a SHA-256 in hex (64 characters 0-9a-f), or "" before --update-baseline' }).optional(),
  })
  .refine((c) => [c.printed, c.atLeast, c.atMost, c.equals, c.sha256].filter((x) => x !== undefined).length === 1, { error: 'an experiment check needs exactly one of printed, atLeast, atMost, equals, sha256' });

export const checkSchema = z.discriminatedUnion('kind', [exactCheck, analyticCheck, boundCheck, equivalenceCheck, publishedCheck, performanceCheck, experimentCheck]);

export const checkFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(CHECK_FILE_VERSION),
  /** named scenarios, referred to by name from the checks */
  scenarios: z.record(z.string(), scenarioSchema).optional(),
  checks: z.array(checkSchema).min(1),
});

export type Scenario = z.output<typeof scenarioSchema>;
type Resolved<C> = { [K in keyof C]: K extends 'scenario' | 'reference' ? Scenario : C[K] };
/** A check with its scenario references resolved. */
export type Check = z.output<typeof checkSchema> extends infer C ? (C extends unknown ? Resolved<C> : never) : never;
export interface CheckFile {
  version: typeof CHECK_FILE_VERSION;
  checks: Check[];
}
export type CheckKind = Check['kind'];

/** A parsed check file, checked (schema, unique names, scenario references, a policy source per scenario). */
export function parseCheckFile(value: unknown, source: string): CheckFile {
  const file = parseWithSchema(checkFileSchema, value, source);
  const named = file.scenarios ?? {};
  const resolveRef = (s: string | Scenario, where: string): Scenario => {
    if (typeof s !== 'string') return s;
    const hit = named[s];
    if (hit === undefined) {
      const near = nearestName(s, Object.keys(named));
      throw new CheckFileError(`${where}: no scenario named '${s}' in "scenarios"${near ? `; did you mean '${near}'?` : ` (named: ${Object.keys(named).join(', ') || 'none'})`}`);
    }
    return hit.scenario === undefined ? { ...hit, scenario: `check/${s}` } : hit;
  };
  const seen = new Set<string>();
  const checks = file.checks.map((c, i) => {
    const where = `${source}: checks[${i}]`;
    if (seen.has(c.name)) throw new CheckFileError(`${where}.name '${c.name}' is used twice; names must be unique`);
    seen.add(c.name);
    const out: Record<string, unknown> = { ...c };
    if ('scenario' in c) out.scenario = scenarioSources(resolveRef(c.scenario, `${where}.scenario`), `${where}.scenario`);
    if (c.kind === 'performance') out.reference = scenarioSources(resolveRef(c.reference, `${where}.reference`), `${where}.reference`);
    return out as Check;
  });
  for (const [k, s] of Object.entries(named)) scenarioSources(s, `${source}: scenarios.${k}`);
  return { version: file.version, checks };
}

/** Exactly one policy source and one demand source per scenario. */
function scenarioSources(s: Scenario, where: string): Scenario {
  if ((s.policy === undefined) === (s.model === undefined)) throw new CheckFileError(`${where}: give exactly one of policy, model`);
  if ((s.demand === undefined) === (s.history === undefined)) throw new CheckFileError(`${where}: give exactly one of demand, history`);
  if (s.history === undefined && s.horizon === undefined) throw new CheckFileError(`${where}: horizon is required with synthetic demand`);
  return s;
}

/** A check file that is valid JSON but not a valid check file (exit code 3). */
export class CheckFileError extends InputError {}

/** The JSON Schema of the check file (published as invlab.check.schema.json). */
export function checkFileJsonSchema(): unknown {
  return z.toJSONSchema(checkFileSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' });
}
