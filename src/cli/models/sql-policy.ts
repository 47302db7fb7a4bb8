/**
 * The parsing and rendering helpers of the sql-policy model (Katircioglu, Brown & Asghar 2007)
 * that `invlab policy` and `invlab validate` share. (`invlab solve sql-policy` is the generic
 * adapter: src/models/sql-policy/entry.ts.)
 */
import { checkFiniteNumber, parseDecimal } from '../../core/validate.ts';
import { markdownTable } from '../../io/markdown.ts';
import type { Row } from '../../io/csv-write.ts';
import type { KMethod, Objective, SqlPolicyResult, Variant } from '../../models/sql-policy/types.ts';
import { OBJECTIVES } from '../../models/sql-policy/types.ts';
import { UsageError } from '../model-registry.ts';
import { describePolicy } from './render.ts';

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

export { describePolicy } from './render.ts';

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
