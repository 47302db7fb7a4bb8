/**
 * How `invlab solve sql-policy` prints a result (Katircioglu, Brown & Asghar 2007), as data: the
 * header, every quantity of Steps 1-7 with 6 decimals, the policy and the notes.
 */
import type { ResultView } from '../meta.ts';

/** The quantities of the solve table, in the paper's order (Steps 1-7). */
export const SOLVE_QUANTITIES = ['OAR', 'AOQ', 'SOQ', 'AOD', 'SODprinted', 'SODcorrected', 'SOD', 'OPT', 'SOPT', 'TLT', 'STLT', 'PLT', 'SPLT', 'CLTR', 'SCLTR', 'CLTC', 'MLT', 'PVALUE', 'RLT', 'SRLT', 'ADLT', 'SDLT', 'LOT', 'GVALUE', 'kApprox', 'kExact', 'k', 'SS', 'ROP', 'MAX'] as const;

export const sqlPolicyView: ResultView = [
  { line: ['sql-policy', { text: ' for {sku}', when: { truthy: 'sku' } }, ': objective {objective}, {review} review, variant {variant}, k {kMethod}'] },
  { line: '' },
  { table: { rows: SOLVE_QUANTITIES.map((n) => ({ quantity: { literal: n }, value: n })), order: ['quantity', 'value'], decimals: { value: 6 } } },
  { line: '' },
  { line: 'policy: {policy:policy}' },
  { eachLine: 'notes', line: 'note: {.}' },
];
