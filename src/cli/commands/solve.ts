/** `invlab solve <model> --params file.json [--json] [model options]`. */
import { readFileSync } from 'node:fs';
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
    for (const o of model.options) {
      const name = new Option(o.flags, '').attributeName();
      if (options[name] === undefined && o.default !== undefined) options[name] = o.default;
    }
    const params = opts.params === undefined ? undefined : readParams(String(opts.params));
    const out = await model.solve(params, options);
    process.stdout.write(opts.json ? `${JSON.stringify(out.result, null, 2)}\n` : `${out.text}\n`);
  });
}

function readParams(path: string): unknown {
  const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--params ${path}: not valid JSON (${(e as Error).message})`);
  }
}
