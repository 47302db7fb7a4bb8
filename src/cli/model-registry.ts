/**
 * The models the CLI can solve: `invlab models` lists them, `invlab solve <id>` runs one.
 * CLI layer (may read files); each entry calls the pure model functions of src/models/<id>/.
 * Each model adds one entry in its own file (src/cli/models/<id>.ts) and one line below.
 */

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
  /** stable identifier used on the command line */
  id: string;
  title: string;
  /** full citation of the seed paper */
  citation: string;
  /** the seed file behind it, e.g. '001_0a0604b12c24c4f6.txt' */
  seedFile: string;
  /** options of `invlab solve <id>` besides --params and --json */
  options: ModelOption[];
  /** an example parameter file content (shown by `invlab models --example <id>`) */
  exampleParams: unknown;
  /** solve for params read from --params (already JSON-parsed; may be undefined if the model takes data options) */
  solve(params: unknown, options: Record<string, string | undefined>): SolveOutput | Promise<SolveOutput>;
}

export const models: ModelEntry[] = [];

export function findModel(id: string): ModelEntry {
  const m = models.find((x) => x.id === id);
  if (!m) throw new UsageError(`unknown model '${id}'; known models: ${models.map((x) => x.id).join(', ') || '(none)'}`);
  return m;
}

/** An error in what the user typed or supplied; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
