/**
 * The shape of a model's CLI entry (`invlab solve <id>`): its meta (id, title, citation and
 * parameter docs, from src/models/<id>/meta.ts), its options, an example and the solve. Every
 * entry is built by the one generic adapter (./models/generic.ts) from the model's solver
 * (src/models/<id>/entry.ts, listed in src/models/solvers.ts); ./models/all.ts lists them.
 */
import type { ModelMeta } from '../models/meta.ts';
import { InputError } from '../core/validate.ts';

export interface ModelOption {
  /** commander flag syntax, e.g. '--criterion <name>' */
  flags: string;
  description: string;
  choices?: string[];
  default?: string;
}

export interface SolveOutput {
  /** the full result (every intermediate), printed with --json */
  result: unknown;
  /** a human-readable rendering (tables), printed without --json */
  text: string;
}

export interface ModelEntry {
  /** what the model is (id, title, citation, parameter docs): src/models/<id>/meta.ts */
  meta: ModelMeta;
  /** options of `invlab solve <id>` besides --params and --json */
  options: ModelOption[];
  /** an example parameter file content (shown by `invlab models --example <id>`) */
  exampleParams: unknown;
  /** solve for params read from --params (already JSON-parsed; may be undefined if the model takes data options) */
  solve(params: unknown, options: Record<string, string | undefined>): SolveOutput | Promise<SolveOutput>;
}

/** The entry of a model id in a list, or a usage error listing the known ids. */
export function findModelIn(list: readonly ModelEntry[], id: string): ModelEntry {
  const m = list.find((x) => x.meta.id === id);
  if (!m) throw new UsageError(`unknown model '${id}'; known models: ${list.map((x) => x.meta.id).join(', ') || '(none)'}`);
  return m;
}

/** An error in what the user typed or supplied; printed without a stack trace, exit code 2. */
export class UsageError extends InputError {
  override name = 'UsageError';
}
