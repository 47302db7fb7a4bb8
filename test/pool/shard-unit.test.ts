/**
 * The pieces of src/pool/shard.ts: --shard parsing (1-based) and the schedulers' variables; every
 * chunk in exactly one shard, contiguous, for any N (also N > chunks); and a run with fewer chunks
 * than shards (shards that own no chunk) still merges to the bytes of one process.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOffset, parseShard, shardChunkRange, shardOfChunk } from '../../src/pool/shard.ts';
import { runCli } from '../helpers/cli.ts';
import { shardScratchDir } from './shard-helpers.ts';

describe('parseShard', () => {
  it('--shard i/N is 1-based; auto reads Kubernetes, Slurm and AWS Batch', () => {
    expect(parseShard('3/7', undefined, {})).toMatchObject({ index: 3, count: 7 });
    expect(parseShard(undefined, undefined, {})).toBeUndefined();
    expect(parseShard(undefined, undefined, { INVLAB_SHARD: '2/4' })).toMatchObject({ index: 2, count: 4 });
    expect(parseShard('auto', undefined, { JOB_COMPLETION_INDEX: '0', INVLAB_SHARD_COUNT: '5' })).toMatchObject({ index: 1, count: 5, scheduled: true });
    expect(parseShard('auto', '5', { AWS_BATCH_JOB_ARRAY_INDEX: '4' })).toMatchObject({ index: 5, count: 5 });
    // --array=10-18:2 → ids 10, 12, …, 18: five tasks
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '14', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '18', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '5' })).toMatchObject({ index: 3, count: 5 });
    // scheduler variables are ignored without --shard auto
    expect(parseShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' })).toBeUndefined();
  });
  it('refuses what is not a shard, naming the rule', () => {
    expect(() => parseShard('0/4', undefined, {})).toThrow(/i must be from 1 to N \(1-based/);
    expect(() => parseShard('5/4', undefined, {})).toThrow(/i must be from 1 to N/);
    expect(() => parseShard('1-4', undefined, {})).toThrow(/--shard must be <i>\/<N>/);
    expect(() => parseShard('2/4', '3', {})).toThrow(/--shard-count 3 disagrees with --shard 2\/4/);
    expect(() => parseShard(undefined, '3', {})).toThrow(/--shard-count needs --shard auto/);
    expect(() => parseShard('auto', undefined, { AWS_BATCH_JOB_ARRAY_INDEX: '1' })).toThrow(/AWS Batch array job .* does not tell the number of shards/);
    expect(() => parseShard('auto', undefined, { JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '1', INVLAB_SHARD_COUNT: '2' })).toThrow(/the indexes of several schedulers are set/);
    expect(() => parseShard('auto', '4', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '3' })).toThrow(/disagrees with SLURM_ARRAY_TASK_COUNT=3/);
  });
});

describe('shardChunkRange', () => {
  it('every chunk in exactly one shard, each shard a contiguous range, for any N and rotation', () => {
    for (const chunks of [1, 2, 5, 14, 16, 100]) {
      for (const n of [1, 2, 3, 7, 16, 31]) {
        for (const offset of [0, 1, n - 1, 5 % n]) {
          const owner = new Array<number>(chunks).fill(0);
          for (let s = 1; s <= n; s++) {
            const [a, b] = shardChunkRange(chunks, s, n, offset);
            expect(b).toBeGreaterThanOrEqual(a);
            expect(b - a).toBeLessThanOrEqual(Math.ceil(chunks / n));
            for (let c = a; c < b; c++) {
              owner[c]! += 1;
              expect(shardOfChunk(c, chunks, n, offset)).toBe(s);
            }
          }
          expect(owner.every((k) => k === 1)).toBe(true);
        }
      }
    }
  });
  it('runs of fewer chunks than shards are spread over all shards (rotation by the run key)', () => {
    const n = 10;
    const busy = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const offset = callOffset(k.toString(16).padStart(8, '0').split('').reverse().join(''), n);
      for (let s = 1; s <= n; s++) if (shardChunkRange(2, s, n, offset)[1] > shardChunkRange(2, s, n, offset)[0]) busy.add(s);
    }
    expect(busy.size).toBe(n);
  });
});

describe('fewer chunks than shards', () => {
  const dir = shardScratchDir('invlab-shard-unit-');
  it('3 chunks over 7 shards (4 own none) merge to the bytes of one process', async () => {
    const sim = ['simulate', '--demand', '{"kind":"poisson","mean":3}', '--lead-time', '{"kind":"constant","value":2}', '--policy', '{"kind":"RS","reviewPeriod":1,"orderUpTo":12}', '--horizon', '500', '--replications', '3', '--seed', '2'];
    const one = await runCli(sim);
    expect(one.code).toBe(0);
    const files: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const r = await runCli([...sim, '--shard', `${i}/7`, '--checkpoint', join(dir, 'f-{i}.jsonl')]);
      expect(r.code).toBe(0);
      files.push(join(dir, `f-${i}.jsonl`));
    }
    const m = await runCli(['merge', ...files]);
    expect(m.code).toBe(0);
    expect(m.out).toBe(one.out);
  });
});
