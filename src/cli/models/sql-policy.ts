/**
 * CLI entry of the sql-policy model (seed 001): `invlab solve sql-policy --params f.json` for one
 * SKU from summary statistics, and the rendering helpers `invlab policy` shares.
 */
import { markdownTable } from '../../io/markdown.ts';
import type { Row } from '../../io/csv-write.ts';
import { solveSqlPolicy } from '../../models/sql-policy/model.ts';
import type { KMethod, Objective, SqlPolicyParams, SqlPolicyResult, Variant } from '../../models/sql-policy/types.ts';
import { OBJECTIVES } from '../../models/sql-policy/types.ts';
import type { InventoryPolicy } from '../../sim/policy.ts';
import { models, UsageError } from '../model-registry.ts';

export const SQL_POLICY_CITATION =
  'Katircioglu, K., Brown, T. M., & Asghar, M. (2007). An SQL-based cost-effective inventory optimization solution. IBM Journal of Research and Development, 51(3/4), 433-445. https://doi.org/10.1147/rd.513.0433';

/** Objective from a name or the paper's number 1-6. */
export function parseObjective(text: string): Objective {
  const t = text.trim();
  if (/^[1-6]$/.test(t)) return OBJECTIVES[Number(t) - 1]!;
  if ((OBJECTIVES as readonly string[]).includes(t)) return t as Objective;
  throw new UsageError(`--objective must be 1-6 or one of ${OBJECTIVES.join(', ')}, got '${text}'`);
}

export function parseVariant(text: string): Variant {
  if (text === 'printed' || text === 'corrected') return text;
  throw new UsageError(`--variant must be 'printed' or 'corrected', got '${text}'`);
}

export function parseKMethod(text: string): KMethod {
  if (text === 'approx' || text === 'exact') return text;
  throw new UsageError(`--k must be 'approx' or 'exact', got '${text}'`);
}

/** A number option: finite, with a rule; the message names the option. */
export function parseNumberOption(name: string, text: string | undefined, rule: 'positive' | 'nonnegative' | 'any' = 'nonnegative'): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new UsageError(`${name} must be a number, got '${text}'`);
  if (rule === 'positive' && !(x > 0)) throw new UsageError(`${name} must be > 0, got ${x}`);
  if (rule === 'nonnegative' && !(x >= 0)) throw new UsageError(`${name} must be ≥ 0, got ${x}`);
  return x;
}

/** A short description of a policy, e.g. "sQ s=12.3 Q=40". */
export function describePolicy(p: InventoryPolicy): string {
  const r = (x: number): string => (Math.round(x * 100) / 100).toString();
  switch (p.kind) {
    case 'sQ':
      return `sQ s=${r(p.reorderPoint)} Q=${r(p.lotSize)}`;
    case 'sS':
      return `sS s=${r(p.reorderPoint)} S=${r(p.orderUpTo)}`;
    case 'RS':
      return `RS R=${p.reviewPeriod} S=${r(p.orderUpTo)}`;
    case 'RsS':
      return `RsS R=${p.reviewPeriod} s=${r(p.reorderPoint)} S=${r(p.orderUpTo)}`;
    case 'RsQ':
      return `RsQ R=${p.reviewPeriod} s=${r(p.reorderPoint)} Q=${r(p.lotSize)}`;
  }
}

/** The flat row of one result (every intermediate), for CSV output and tables. */
export function resultRow(r: SqlPolicyResult, extra: Row = {}): Row {
  return {
    sku: r.sku ?? '',
    ...extra,
    objective: r.objective,
    review: r.review,
    variant: r.variant,
    k_method: r.kMethod,
    OAR: r.OAR,
    AOQ: r.AOQ,
    SOQ: r.SOQ,
    AOD: r.AOD,
    SOD: r.SOD,
    SOD_printed: r.SODprinted,
    SOD_corrected: r.SODcorrected,
    OPT: r.OPT,
    SOPT: r.SOPT,
    TLT: r.TLT,
    STLT: r.STLT,
    PLT: r.PLT,
    SPLT: r.SPLT,
    CLTR: r.CLTR,
    SCLTR: r.SCLTR,
    CLTC: r.CLTC,
    MLT: r.MLT,
    PVALUE: r.PVALUE,
    RLT: r.RLT,
    SRLT: r.SRLT,
    ADLT: r.ADLT,
    SDLT: r.SDLT,
    LOT: r.LOT,
    GVALUE: r.GVALUE,
    k_approx: r.kApprox,
    k_exact: r.kExact,
    k: r.k,
    SS: r.SS,
    ROP: r.ROP,
    MAX: r.MAX,
    policy: describePolicy(r.policy),
    notes: r.notes.join('; '),
  };
}

/** The human-readable table of many results (selected columns). */
export function resultsTable(results: readonly SqlPolicyResult[]): string {
  const rows = results.map((r) => ({ sku: r.sku ?? '', AOD: r.AOD, SOD: r.SOD, RLT: r.RLT, SRLT: r.SRLT, SDLT: r.SDLT, PVALUE: r.PVALUE, k: r.k, SS: r.SS, ROP: r.ROP, LOT: r.LOT, MAX: r.MAX, policy: describePolicy(r.policy) }));
  return markdownTable(rows, undefined, { PVALUE: 4, k: 4 }, 2);
}

function solveText(r: SqlPolicyResult): string {
  const names: (keyof SqlPolicyResult)[] = ['OAR', 'AOQ', 'SOQ', 'AOD', 'SODprinted', 'SODcorrected', 'SOD', 'OPT', 'SOPT', 'TLT', 'STLT', 'PLT', 'SPLT', 'CLTR', 'SCLTR', 'CLTC', 'MLT', 'PVALUE', 'RLT', 'SRLT', 'ADLT', 'SDLT', 'LOT', 'GVALUE', 'kApprox', 'kExact', 'k', 'SS', 'ROP', 'MAX'];
  const rows = names.map((n) => ({ quantity: n, value: r[n] as number | undefined }));
  return [
    `sql-policy${r.sku ? ` for ${r.sku}` : ''}: objective ${r.objective}, ${r.review} review, variant ${r.variant}, k ${r.kMethod}`,
    '',
    markdownTable(rows, ['quantity', 'value'], { value: 6 }),
    '',
    `policy: ${describePolicy(r.policy)}`,
    ...r.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

const exampleParams: SqlPolicyParams = {
  sku: 'EXAMPLE',
  objective: 'no-stockout',
  target: 0.95,
  review: 'continuous',
  demand: { orderRate: 2, meanOrderSize: 5, sdOrderSize: 3 },
  leadTime: { orderProcessing: { mean: 1, sd: 0.5 }, transportation: { mean: 2, sd: 1 }, supply: { mean: 5, sd: 2 } },
  lot: { rule: 'default' },
  variant: 'corrected',
  kMethod: 'exact',
};

models.push({
  id: 'sql-policy',
  title: 'Safety stock, reorder point and lot size from order transactions (six objectives, SQL-friendly k)',
  citation: SQL_POLICY_CITATION,
  seedFile: '001_0a0604b12c24c4f6.txt',
  options: [
    { flags: '--variant <variant>', description: "printed formulas or corrected (overrides params.variant; default 'corrected')", choices: ['printed', 'corrected'] },
    { flags: '--k <method>', description: "safety factor by the paper's approximation or exactly (overrides params.kMethod; default 'exact')", choices: ['approx', 'exact'] },
  ],
  exampleParams,
  solve(params, options) {
    if (params === undefined) throw new UsageError('sql-policy needs --params file.json (see `invlab models --example sql-policy`)');
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new TypeError('params must be a JSON object');
    const p = { ...(params as SqlPolicyParams) };
    if (options.variant !== undefined) p.variant = parseVariant(options.variant);
    if (options.k !== undefined) p.kMethod = parseKMethod(options.k);
    p.variant ??= 'corrected';
    p.kMethod ??= 'exact';
    const result = solveSqlPolicy(p);
    return { result, text: solveText(result) };
  },
});
