/**
 * `invlab validate --shard i/N` and the validate part of `invlab merge`.
 *
 * validate's unit of determinism is the chunk of BACKTEST_CHUNK_SKUS consecutive SKUs of the run
 * (the orders file's SKUs in order, after --sku; src/models/sql-policy/backtest/backtest.ts): a
 * chunk's result (its SKUs' rows with every policy and replication) depends on the run only, and
 * the cut depends on the SKU list only, never on N. Shard i of N reads and checks every input (the
 * orders file whole: the SKU list, the trading days and whole units are properties of all of it)
 * but plans only the SKUs of its own chunks (their windows, classes and policies), runs those
 * chunks and appends each result to its shard file (exactly, v8-serialized: NaN and undefined
 * survive). The merge reads the inputs again, checks they are the shards' (a hash of the orders,
 * settings and classes: the input files must be where the shards read them, unchanged), plans no
 * SKU, reduces the chunks in index order and writes what one process writes: stdout, the --out
 * CSV, the summary line and the exit code — everything that depends on all SKUs (counts, skipped
 * and failed SKUs, the summaries, "no SKU could be validated") is computed there from the rows.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { InputError } from '../../core/validate.ts';
import { BACKTEST_CHUNK_SKUS, backtestSkus, chunkSkuRange, planBacktest, reduceBacktestChunks, type BacktestChunkResult } from '../../models/sql-policy/backtest/backtest.ts';
import { WorkerPool } from '../../pool/run.ts';
import { chunkedShardRange, parseShard, runChunkedShard, shardFilePath, type ChunkedWork, type Shard } from '../../pool/shard.ts';
import type { ShardSet } from '../../pool/shard-merge.ts';
import { checkSkuErrors, emitValidate, readValidateInputs, runBacktestChunksOnPool, threadsOption, type ValidateInputs, type ValidateOptions } from './validate.ts';

/** What the merge needs: the options that define the run (not where or how it ran) and the hash of its inputs. */
interface ValidateShardSpec {
  options: ValidateOptions;
  inputHash: string;
}

const RUN_ONLY = new Set(['shard', 'shardCount', 'checkpoint', 'resume', 'threads']);

/**
 * A hash of what the run's rows and report depend on besides the code and the options: the
 * settings as planned (lead-time records included), the order lines and the classes.
 */
function inputHash(inputs: ValidateInputs): string {
  const h = createHash('sha256').update(serialize({ settings: inputs.settings, skus: inputs.orders.skus, run: inputs.run }));
  for (const a of [inputs.orders.skuIndex, inputs.orders.day, inputs.orders.quantity]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** The chunk indices first … end − 1. */
const span = (first: number, end: number): number[] => Array.from({ length: Math.max(0, end - first) }, (_, k) => first + k);

/** Run one shard of a validate run when --shard (or INVLAB_SHARD) asks for it; false when the run is not sharded. */
export async function validateShardAction(o: ValidateOptions): Promise<boolean> {
  const shard = parseShard(o.shard, o.shardCount);
  if (shard === undefined) return false;
  const threads = threadsOption(o.threads);
  const start = Date.now();
  const inputs = readValidateInputs(o);
  const options = Object.fromEntries(Object.entries(o).filter(([k]) => !RUN_ONLY.has(k))) as unknown as ValidateOptions;
  const spec: ValidateShardSpec = { options, inputHash: inputHash(inputs) };
  const s = inputs.settings;
  const skus = backtestSkus(inputs.orders, s).length;
  const work: ChunkedWork = { kernel: 'validate.backtest', seed: s.seed, scenario: s.scenario, units: skus, chunkSize: BACKTEST_CHUNK_SKUS, specHash: spec.inputHash };
  const [first, end] = chunkedShardRange(work, shard);
  const read = Date.now();
  const plan = planBacktest(inputs.orders, s, span(first, end));
  checkSkuErrors(plan.skus.map((p) => p.row), o.strict === true, false); // "no SKU could be validated" needs every SKU: the merge checks it
  const planned = Date.now();
  const file = shardFilePath(o.checkpoint, shard);
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  try {
    await runChunkedShard(file, { command: 'validate', seed: s.seed, spec }, shard, o.resume === true, work, async (todo, done) => {
      await runBacktestChunksOnPool(plan, todo, { threads, ...(pool ? { pool } : {}) }, (r) => {
        const [from, to] = chunkSkuRange(plan, r.index);
        done(r.index, from, to, serialize(r).toString('base64'));
      });
    });
  } finally {
    await pool?.close();
  }
  process.stderr.write(`invlab validate: ${shardSummary(shard, plan.chunks, [first, end], plan.skus.length, skus)} written to ${file} in ${seconds(Date.now() - start)} s (reading the inputs ${seconds(read - start)} s, planning ${seconds(planned - read)} s); merge all shards with \`invlab merge <files…>\`\n`);
  return true;
}

/** "shard i/N (source): chunks a–b of the C chunks of 16 SKUs (n of M SKUs planned)". */
function shardSummary(shard: Shard, chunks: number, [first, end]: [number, number], planned: number, skus: number): string {
  const which = first < end ? `chunk${end - first > 1 ? `s ${first}–${end - 1}` : ` ${first}`}` : 'no chunk';
  return `shard ${shard.index}/${shard.count} (${shard.source}): ${which} of the ${chunks} chunk${chunks === 1 ? '' : 's'} of ${BACKTEST_CHUNK_SKUS} SKUs (${planned} of ${skus} SKUs planned)`;
}

/** The output of merged validate shards (stdout text; --out CSV, summary line and exit code as one process). */
export async function mergeValidate(set: ShardSet): Promise<string> {
  const spec = set.header.spec as ValidateShardSpec;
  const inputs = readValidateInputs(spec.options);
  if (inputHash(inputs) !== spec.inputHash) throw new InputError('merge: validate reads different inputs now (the orders, lead-time or classes files changed since the shards ran, or are other files at the same paths): merge where the shards read their inputs, unchanged');
  const plan = planBacktest(inputs.orders, inputs.settings, []); // the chunk count only: the rows are in the files
  const results: BacktestChunkResult[] = [];
  for (const byIndex of set.chunks.values()) for (const ch of byIndex.values()) results.push(deserialize(Buffer.from(ch.data ?? '', 'base64')) as BacktestChunkResult);
  const rows = reduceBacktestChunks(plan, results);
  // what one process checks before any replication, on every SKU: --strict, or no SKU computable (exit 2)
  checkSkuErrors(rows, spec.options.strict === true);
  let text = '';
  emitValidate({ ...inputs.run, rows }, spec.options, (t) => (text += t));
  return text;
}
