/** `invlab models`: the models, the papers behind them and their parameters (from each model's meta.ts). */
import type { Command } from 'commander';
import { markdownTable } from '../../io/markdown.ts';
import { findModel, models } from '../models/all.ts';

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the models with their citations and parameters')
    .option('--example <model>', 'print an example --params file for a model')
    .option('--params', 'also document every parameter (name, symbol, unit, meaning)')
    .option('--json', 'machine-readable output')
    .action((opts: { example?: string; params?: boolean; json?: boolean }) => {
      if (opts.example) {
        process.stdout.write(`${JSON.stringify(findModel(opts.example).exampleParams, null, 2)}\n`);
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(models.map((m) => m.meta), null, 2)}\n`);
        return;
      }
      for (const { meta } of models) {
        process.stdout.write(`${meta.id}\n  ${meta.title}\n  ${meta.citation}\n\n`);
        if (opts.params) process.stdout.write(`${markdownTable(meta.params.map((p) => ({ parameter: p.name, symbol: p.symbol, unit: p.unit, meaning: p.description })))}\n\n`);
      }
    });
}
