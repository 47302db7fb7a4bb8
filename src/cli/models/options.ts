/**
 * The options of `invlab solve <id>`, built from the model's option docs (meta.solveOptions): the
 * commander flags, the parsing and checking of the option text, and the mapping of each value into
 * the params object (`param`) or into the solver's settings.
 */
import { parseDecimal } from '../../core/validate.ts';
import { readPairsCsv } from '../../io/pairs-csv.ts';
import type { SolveOptionDoc } from '../../models/meta.ts';
import { UsageError, type ModelOption } from '../model-registry.ts';

/** The readers of data-file options, by the `format` named in an option doc. */
export const DATA_LOADERS: Readonly<Record<string, (path: string) => unknown>> = {
  'pairs-csv': readPairsCsv,
};

/** commander's attribute name of an option: 'lead-time-rule' → 'leadTimeRule'. */
export function attributeName(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The commander option of a doc (flags, description, choices, default text). */
export function modelOption(doc: SolveOptionDoc): ModelOption {
  return {
    flags: `--${doc.name} <${doc.arg}>`,
    description: doc.description,
    ...(doc.choices ? { choices: [...doc.choices] } : {}),
    ...(doc.default !== undefined && doc.param === undefined ? { default: doc.default } : {}),
  };
}

/** The value of an option's text, checked by its type; the message names the option. */
export function parseOptionValue(doc: SolveOptionDoc, text: string): unknown {
  const bad = (): never => {
    throw new UsageError(`--${doc.name} must be ${doc.mustBe ?? 'valid'}, got '${text}'`);
  };
  switch (doc.type) {
    case 'choice':
      if (!doc.choices!.includes(text)) throw new UsageError(`--${doc.name} must be ${doc.choices!.map((c) => `'${c}'`).join(' or ')}, got '${text}'`);
      return text;
    case 'file': {
      const load = DATA_LOADERS[doc.format ?? ''];
      if (load === undefined) throw new TypeError(`option --${doc.name}: no loader for the format '${doc.format}'`);
      return { path: text, read: () => load(text) };
    }
    default: {
      const x = parseDecimal(text.trim());
      if (text.trim() === '' || !Number.isFinite(x)) return bad();
      if (doc.type === 'positive' && !(x > 0)) return bad();
      if (doc.type === 'int1' && !(Number.isInteger(x) && x >= 1)) return bad();
      return x;
    }
  }
}

/** Parsed options: the params with the `param` options written in, and the settings of the others. */
export interface AppliedOptions {
  params: unknown;
  settings: Record<string, unknown>;
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Apply the option texts (keyed by attribute name) to the params: every given option is checked
 * first, in the docs' order; then the `excludes` clashes. An option without `param` goes to the
 * settings (its default when not given). A `param` option overrides the file's value; its
 * default fills the key only when both are absent (after every override, so the keys keep the
 * order they had). A data file is read only when the solver asks for it (`read()`).
 */
export function applyOptions(docs: readonly SolveOptionDoc[], params: unknown, options: Readonly<Record<string, string | undefined>>): AppliedOptions {
  const values = new Map<SolveOptionDoc, unknown>();
  for (const d of docs) {
    const text = options[attributeName(d.name)];
    if (text !== undefined) values.set(d, parseOptionValue(d, text));
  }
  for (const d of docs) {
    if (d.excludes && values.has(d) && isObject(params) && d.excludes.keys.some((k) => params[k] !== undefined)) {
      throw new UsageError(`give ${d.excludes.what} once: --${d.name} or ${d.excludes.keys.join('/')} in --params, not both`);
    }
  }
  const settings: Record<string, unknown> = {};
  for (const d of docs) {
    if (d.param !== undefined) continue;
    const value = values.has(d) ? values.get(d) : d.default !== undefined ? parseOptionValue(d, d.default) : undefined;
    if (value !== undefined) settings[attributeName(d.name)] = value;
  }
  if (!docs.some((d) => d.param !== undefined)) return { params, settings };
  if (!isObject(params)) throw new UsageError('--params must hold a JSON object');
  const p: Record<string, unknown> = { ...params };
  for (const d of docs) if (d.param !== undefined && values.has(d)) p[d.param] = values.get(d);
  for (const d of docs) if (d.param !== undefined && d.default !== undefined) p[d.param] ??= parseOptionValue(d, d.default);
  return { params: p, settings };
}
