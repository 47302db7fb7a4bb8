/**
 * `invlab merge shard-files… [--out FILE] [--partial]`: the output of a run computed in shards
 * (`--shard i/N` on simulate, validate, check; src/pool/shard.ts), byte-identical to the output
 * of the same command on one machine, for any N.
 *
 * The files must be shards of one run (same command, spec hash, code version, seed and shard
 * count; a foreign file is named with the field that differs), every shard present once and
 * finished, every chunk of every replication run there exactly once (a gap is named with its
 * chunks and the shard that should have computed them, an overlap with both files). The command
 * is then re-run from the spec in the headers with its replication runs served from the files, so
 * the same code renders the output from the same rows in index order. With --partial, a subset
 * of the shards is merged into one shard file (--out), which a later merge takes like a shard:
 * merges can form a tree (hierarchical merge). Experiment shards are merged by the experiments
 * runner (`npx tsx experiments/run-all.ts --merge files… --out dir`), which holds the experiments.
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/files.ts';
import { codeVersion } from '../../pool/shard.ts';
import { readShardSet, serveShards, writePartialMerge, type ShardSet } from '../../pool/shard-merge.ts';
import { UsageError } from '../model-registry.ts';

export interface MergeOptions {
  out?: string;
  partial?: boolean;
}

/** The output of a merged simulate run (the text one process prints). */
async function mergeSimulate(set: ShardSet): Promise<string> {
  const { simulateJobs } = await import('./simulate.ts');
  let text = '';
  await serveShards(set, () => simulateJobs(set.header.spec as Parameters<typeof simulateJobs>[0], { threads: 1, progress: false }, (t) => (text += t)));
  return text;
}

/** Renderers by the command named in the headers. */
const RENDER: Record<string, (set: ShardSet) => Promise<string>> = {
  simulate: mergeSimulate,
  validate: async (set) => (await import('./validate-shard.ts')).mergeValidate(set),
  check: async (set) => (await import('./check-shard.ts')).mergeCheck(set),
};

/** Merge: check the files, then render the output (or write a partial merge). */
export async function mergeShards(files: string[], o: MergeOptions): Promise<string | undefined> {
  const set = readShardSet(files, o.partial === true);
  const h = set.header;
  if (o.partial) {
    if (o.out === undefined) throw new UsageError('--partial needs --out <file> (the merged shard file)');
    writePartialMerge(set, o.out);
    return undefined;
  }
  if (h.command === 'experiments') throw new UsageError(`${files[0]}: experiment shards are merged by the experiments runner: npx tsx experiments/run-all.ts --merge <files…> --out <dir>`);
  const render = RENDER[h.command];
  if (render === undefined) throw new UsageError(`${files[0]}: shards of '${h.command}' cannot be merged by this invlab (it merges ${Object.keys(RENDER).join(', ')})`);
  const here = codeVersion();
  if (h.codeVersion !== here) throw new UsageError(`the shards were computed by invlab ${h.codeVersion}, this is ${here}: merge with the code that ran the shards (the output is rendered again by it)`);
  return render(set);
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the shard files of a run made with --shard i/N (simulate, validate, check) into its output, byte-identical to one process; --partial merges some shards into one shard file (merge trees)')
    .argument('<files...>', 'shard files (written by --shard; also partial merges), in any order')
    .option('--out <file>', "write the output to this file (default: standard output); with --partial, the merged shard file. Files the command itself writes (validate's --out CSV, check's --junit) are written where the shards' command line says")
    .option('--partial', 'merge a subset of the shards into one shard file (--out) for a later merge, checking headers and overlaps but not completeness')
    .action(async (files: string[], o: MergeOptions) => {
      const text = await mergeShards(files, o);
      if (text === undefined) process.stderr.write(`invlab merge: ${files.length} file(s) merged into ${o.out} (partial)\n`);
      else if (o.out !== undefined) writeFileAtomic(o.out, text);
      else process.stdout.write(text);
    });
}
