/**
 * The shape every model's meta.ts fills in: what the model is, as data (id, title, the paper it
 * implements, its parameters documented with symbol and unit). The CLI lists and documents
 * models from it; the library API exposes it (src/models/catalog.ts).
 */

/** One documented parameter. */
export interface ParamDoc {
  /** field name (path) in parameter files */
  name: string;
  /** the paper's symbol */
  symbol: string;
  unit: string;
  description: string;
}

export interface ModelMeta {
  /** stable identifier, the model's folder name and its `invlab solve <id>` */
  id: string;
  title: string;
  /** authors as cited in text, e.g. 'Katircioglu, Brown & Asghar' */
  authors: string;
  /** publication year, or null when the paper prints none */
  year: number | null;
  /** full reference */
  citation: string;
  /** DOI, when the paper has one */
  doi?: string;
  params: readonly ParamDoc[];
  /** options of `invlab solve <id>` besides --params and --json (none when absent) */
  solveOptions?: readonly SolveOptionDoc[];
}

/**
 * One option of `invlab solve <id>` besides --params and --json, as data: the CLI builds the
 * option, parses and checks its text, and maps it into the params object or into the solver's
 * settings from this alone.
 */
export interface SolveOptionDoc {
  /** option name without the dashes, e.g. 'service-level' (commander's camel-case attribute names it in settings) */
  name: string;
  /** the argument's placeholder in the help, e.g. 'P' for `--service-level <P>` */
  arg: string;
  /**
   * 'choice': one of `choices`; 'number': finite decimal; 'positive': decimal > 0; 'int1': whole
   * number ≥ 1; 'file': a data file read by the named loader (`format`).
   */
  type: 'choice' | 'number' | 'positive' | 'int1' | 'file';
  description: string;
  choices?: readonly string[];
  /** what the value must be, for the error message `--<name> must be <mustBe>, got '<text>'` */
  mustBe?: string;
  /** the loader of a 'file' option (a reader of the io layer, e.g. 'pairs-csv') */
  format?: string;
  /** default option text, used when neither the option nor (for `param`) the params file gives a value */
  default?: string;
  /** the params key the value is written to (overriding the file's value); without it the value goes to the solver's settings */
  param?: string;
  /** params keys that may not be given together with this option; `what` names the quantity in the error */
  excludes?: { keys: readonly string[]; what: string };
}

/** Where a value of a result is found: a dotted path from the rendered object ('.' = the object itself; '@name' = a solve setting). */
export type ViewPath = string;

/** A condition on a value of the result. */
export type ViewCondition =
  | { defined: ViewPath }
  | { truthy: ViewPath }
  | { equals: ViewPath; value: string | number | boolean | null }
  | { greaterThan: ViewPath; value: number }
  | { not: ViewCondition };

/**
 * A line of text: `{path}` is the value as text, `{path:fmt}` a number with 4 decimals (`{path:fmt6}`
 * with 6), `{path:fixed4}` toFixed(4), `{path:trim6}` toFixed(6) without trailing zeros,
 * `{path:percent3}` 100·x with 3 decimals, `{path:policy}` a policy described in one line. An
 * array concatenates its parts; a part with `when` is left out when the condition fails.
 */
export type ViewText = string | readonly (string | { text: string; when: ViewCondition })[];

/** A table cell: the value at a path (numbers get the table's decimals), a text, a literal, or the first case whose condition holds. */
export type ViewCell = ViewPath | { text: ViewText } | { literal: string | number } | { cases: readonly { when: ViewCondition; cell: ViewCell }[]; otherwise: ViewCell };

/** A Markdown table: fixed rows, or one row per element of an array (`each`, cells relative to the element). */
export interface ViewTable {
  rows?: readonly Record<string, ViewCell>[];
  each?: ViewPath;
  columns?: Record<string, ViewCell>;
  /** column order, when not the order of the first row */
  order?: readonly string[];
  decimals?: Record<string, number>;
  defaultDecimals?: number;
}

/** One block of a rendering: a line, one line per array element, a table, or a group of blocks (optionally re-rooted at a path). */
export type ViewBlock =
  | { line: ViewText; when?: ViewCondition }
  | { eachLine: ViewPath; line: ViewText; when?: ViewCondition }
  | { table: ViewTable; when?: ViewCondition }
  | { blocks: readonly ViewBlock[]; at?: ViewPath; when?: ViewCondition };

/** How `invlab solve <id>` prints a result without --json: its blocks, one or more lines each, joined by newlines. */
export type ResultView = readonly ViewBlock[];

/**
 * What `invlab solve <id>` needs of a model beyond its meta: an example params file, the solve
 * itself (params from --params, settings from the meta's options) and the rendering as data.
 * Each model exports one from src/models/<id>/entry.ts; src/models/solvers.ts lists them.
 */
export interface ModelSolver {
  meta: ModelMeta;
  /** an example parameter file content (shown by `invlab models --example <id>`) */
  exampleParams: unknown;
  /** the message when --params is missing and the model cannot work without it */
  needsParams?: string;
  /** checks the params file before the options are read, so that its errors come first; solve gets what it returns */
  prepare?(params: unknown): unknown;
  /** the full result (what --json prints); `settings` holds the options not mapped into params (camel-case names); a data-file option as { path, read() } */
  solve(params: unknown, settings: Readonly<Record<string, unknown>>): unknown;
  view: ResultView;
}
