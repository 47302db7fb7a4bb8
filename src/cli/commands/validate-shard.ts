/**
 * `invlab validate --shard i/N` and the validate part of `invlab merge`.
 *
 * validate's unit of determinism is the chunk of BACKTEST_CHUNK_SKUS consecutive planned SKUs
 * (src/models/sql-policy/backtest/backtest.ts): a chunk's result (its SKUs' rows with every
 * policy and replication) depends on the plan only. Shard i of N runs its contiguous chunks and
 * appends each result to its shard file (exactly, v8-serialized: NaN and undefined survive); the
 * merge plans the run again from the options in the header (the input files must be where the
 * shards read them, unchanged: the plan's hash is checked), reduces the chunks in index order and
 * writes what one process writes: stdout, the --out CSV and the exit code.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { InputError } from '../../core/validate.ts';
import { BACKTEST_CHUNK_SKUS, chunkSkuRange, reduceBacktestChunks, type BacktestChunkResult, type BacktestPlan } from '../../models/sql-policy/backtest/backtest.ts';
import { WorkerPool } from '../../pool/run.ts';
import { parseShard, runChunkedShard, shardFilePath } from '../../pool/shard.ts';
import type { ShardSet } from '../../pool/shard-merge.ts';
import { emitValidate, prepareValidate, runBacktestChunksOnPool, threadsOption, type ValidateOptions } from './validate.ts';

/** What the merge needs: the options that define the run (not where or how it ran) and the plan's hash. */
interface ValidateShardSpec {
  options: ValidateOptions;
  planHash: string;
}

const RUN_ONLY = new Set(['shard', 'shardCount', 'checkpoint', 'resume', 'threads']);

function planHash(plan: BacktestPlan): string {
  return createHash('sha256').update(serialize(plan)).digest('hex');
}

/** Run one shard of a validate run when --shard (or INVLAB_SHARD) asks for it; false when the run is not sharded. */
export async function validateShardAction(o: ValidateOptions): Promise<boolean> {
  const shard = parseShard(o.shard, o.shardCount);
  if (shard === undefined) return false;
  const threads = threadsOption(o.threads);
  const { plan } = prepareValidate(o);
  const options = Object.fromEntries(Object.entries(o).filter(([k]) => !RUN_ONLY.has(k))) as unknown as ValidateOptions;
  const spec: ValidateShardSpec = { options, planHash: planHash(plan) };
  const file = shardFilePath(o.checkpoint, shard);
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  const start = Date.now();
  try {
    const work = { kernel: 'validate.backtest', seed: plan.settings.seed, scenario: plan.settings.scenario, units: plan.skus.length, chunkSize: BACKTEST_CHUNK_SKUS, specHash: spec.planHash };
    await runChunkedShard(file, { command: 'validate', seed: plan.settings.seed, spec }, shard, o.resume === true, work, async (todo, done) => {
      await runBacktestChunksOnPool(plan, todo, { threads, ...(pool ? { pool } : {}) }, (r) => {
        const [from, to] = chunkSkuRange(plan, r.index);
        done(r.index, from, to, serialize(r).toString('base64'));
      });
    });
  } finally {
    await pool?.close();
  }
  process.stderr.write(`invlab validate: shard ${shard.index}/${shard.count} (${shard.source}) of ${plan.chunks} chunks of ${BACKTEST_CHUNK_SKUS} SKUs written to ${file} in ${((Date.now() - start) / 1000).toFixed(2)} s; merge all shards with \`invlab merge <files…>\`\n`);
  return true;
}

/** The output of merged validate shards (stdout text; --out CSV and exit code as one process). */
export async function mergeValidate(set: ShardSet): Promise<string> {
  const spec = set.header.spec as ValidateShardSpec;
  const { plan, run } = prepareValidate(spec.options);
  if (planHash(plan) !== spec.planHash) throw new InputError('merge: validate plans a different run from the inputs now (the orders, lead-time or classes files changed since the shards ran, or are other files at the same paths): merge where the shards read their inputs, unchanged');
  const results: BacktestChunkResult[] = [];
  for (const byIndex of set.chunks.values()) for (const ch of byIndex.values()) results.push(deserialize(Buffer.from(ch.data ?? '', 'base64')) as BacktestChunkResult);
  let text = '';
  emitValidate({ ...run, rows: reduceBacktestChunks(plan, results) }, spec.options, (t) => (text += t));
  return text;
}
