/** `invlab solve <model> --params file.json [--json] [model options]`. */
import { readJsonFile } from '../../io/json-input.ts';
import { nearestName } from '../../core/validate.ts';
import type { ParamDoc } from '../../models/meta.ts';
import { Command, Option } from 'commander';
import { UsageError } from '../model-registry.ts';
import { findModel, models } from '../models/all.ts';

export function registerSolve(program: Command): void {
  const cmd = program
    .command('solve')
    .description('solve one model for one item; `invlab models` lists the models, `invlab models --example <model>` shows a params file')
    .argument('<model>', 'model id')
    .option('--params <file>', 'parameters as JSON (a file path, or - for standard input)')
    .option('--json', 'print the full result with every intermediate as JSON');
  const seen = new Set<string>();
  for (const m of models) {
    for (const o of m.options) {
      if (seen.has(o.flags)) continue;
      seen.add(o.flags);
      const opt = new Option(o.flags, `[${models.filter((x) => x.options.some((y) => y.flags === o.flags)).map((x) => x.meta.id).join(', ')}] ${o.description}`);
      if (o.choices) opt.choices(o.choices);
      cmd.addOption(opt);
    }
  }
  cmd.action(async (modelId: string, opts: Record<string, string | boolean | undefined>) => {
    const model = findModel(modelId);
    const own = new Set(model.options.map((o) => new Option(o.flags, '').attributeName()));
    const options: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(opts)) {
      if (k === 'params' || k === 'json' || v === undefined) continue;
      if (!own.has(k)) throw new UsageError(`option --${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to model '${model.meta.id}'`);
      options[k] = String(v);
    }
    const params = opts.params === undefined ? undefined : readParams(String(opts.params));
    if (params !== undefined) checkDocumentedKeys(params, model.meta.params, `--params ${String(opts.params)}`);
    const out = await model.solve(params, options);
    process.stdout.write(opts.json ? `${JSON.stringify(out.result, null, 2)}\n` : `${out.text}\n`);
  });
}

/**
 * Reject a key of a params document that no documented parameter (meta.params: dotted names,
 * or the paper's symbols) starts with, suggesting the nearest documented key: a misspelt
 * parameter must not be ignored silently. A documented leaf may hold an object (e.g. a
 * lead-time component {mean, sd}); its inside is the model's to check.
 */
/** The largest magnitude of a number in a params file: far beyond any real cost, rate or quantity. */
export const MAX_PARAM_MAGNITUDE = 1e12;

export function checkDocumentedKeys(params: unknown, docs: readonly ParamDoc[], source: string): void {
  const names = [...docs.map((d) => d.name), ...docs.map((d) => d.symbol).filter((s) => /^[A-Za-z]\w*$/.test(s)), '$schema'];
  const numbers = (x: unknown, path: string): void => {
    if (typeof x === 'number' && !(Math.abs(x) <= MAX_PARAM_MAGNITUDE)) throw new UsageError(`${source}: ${path} must be a finite number of magnitude at most ${MAX_PARAM_MAGNITUDE} (larger values overflow the model's products), got ${x}`);
    if (Array.isArray(x)) x.forEach((e, i) => numbers(e, `${path}[${i}]`));
    else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) numbers(v, `${path}.${k}`);
  };
  const visit = (x: unknown, prefix: string): void => {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return numbers(x, prefix.slice(0, -1));
    for (const [k, v] of Object.entries(x)) {
      const path = prefix + k;
      if (names.includes(path)) {
        numbers(v, path);
        continue;
      }
      const below = names.filter((n) => n.startsWith(`${path}.`));
      if (below.length > 0) {
        visit(v, `${path}.`);
        continue;
      }
      const siblings = [...new Set(names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length).split('.')[0]!))];
      const near = nearestName(k, siblings);
      throw new UsageError(`${source}: unknown key '${path}'; ${near ? `did you mean '${prefix}${near}'?` : `known keys${prefix ? ` in ${prefix.slice(0, -1)}` : ''}: ${siblings.join(', ')}`}`);
    }
  };
  visit(params, '');
}

/** The --params file, read and parsed; a missing or unreadable file is an input error (exit 2). */
function readParams(path: string): unknown {
  return readJsonFile(path, '--params');
}
