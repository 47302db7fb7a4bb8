/** `invlab models`: the models with their citations. */
import type { Command } from 'commander';
import { findModel, models } from '../model-registry.ts';
import '../models/all.ts';

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the models with their citations')
    .option('--example <model>', 'print an example --params file for a model')
    .option('--json', 'machine-readable output')
    .action((opts: { example?: string; json?: boolean }) => {
      if (opts.example) {
        process.stdout.write(`${JSON.stringify(findModel(opts.example).exampleParams, null, 2)}\n`);
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(models.map(({ id, title, citation, seedFile }) => ({ id, title, citation, seedFile })), null, 2)}\n`);
        return;
      }
      for (const m of models) process.stdout.write(`${m.id}\n  ${m.title}\n  ${m.citation}\n\n`);
    });
}
