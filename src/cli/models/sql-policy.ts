/**
 * CLI entry of the sql-policy model (Katircioglu, Brown & Asghar 2007): `invlab solve sql-policy
 * --params f.json` for one SKU from summary statistics, and the parsing and rendering helpers
 * `invlab policy` and `invlab validate` share.
 */
import { checkFiniteNumber, parseDecimal } from '../../core/validate.ts';
import { markdownTable } from '../../io/markdown.ts';
import type { Row } from '../../io/csv-write.ts';
import { WORKED_EXAMPLE } from '../../models/sql-policy/fixtures.ts';
import { sqlPolicyMeta } from '../../models/sql-policy/meta.ts';
import { solveSqlPolicy } from '../../models/sql-policy/model.ts';
import type { KMethod, Objective, SqlPolicyParams, SqlPolicyResult, Variant } from '../../models/sql-policy/types.ts';
import { OBJECTIVES } from '../../models/sql-policy/types.ts';
import type { InventoryPolicy } from '../../policy/types.ts';
import { UsageError, type ModelEntry } from '../model-registry.ts';

/** @deprecated the citation lives in the model's meta.ts (sqlPolicyMeta.citation) */
export { SQL_POLICY_CITATION } from '../../models/sql-policy/meta.ts';

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

/** A number option: finite, with a rule (src/core/validate.ts); the message names the option. */
export function parseNumberOption(name: string, text: string | undefined, rule: 'positive' | 'nonnegative' | 'any' = 'nonnegative'): number | undefined {
  if (text === undefined) return undefined;
  const x = parseDecimal(text.trim());
  if (!Number.isFinite(x)) throw new UsageError(`${name} must be a number, got '${text}'`);
  try {
    return checkFiniteNumber(x, name, rule === 'positive' ? 'positive' : rule === 'nonnegative' ? 'nonneg' : 'finite');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
    case 'adaptive':
      return `adaptive R=${p.reviewPeriod} ${p.forecaster.method}`;
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

const exampleParams: SqlPolicyParams = { ...WORKED_EXAMPLE };

/** `invlab solve sql-policy`: options, example and rendering; what the model is comes from its meta.ts. */
export const sqlPolicyEntry: ModelEntry = {
  meta: sqlPolicyMeta,
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
};
