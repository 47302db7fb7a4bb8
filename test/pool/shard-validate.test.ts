/**
 * `invlab validate --shard` + `invlab merge`: the real order file (170 SKUs, 11 chunks of 16 SKUs)
 * bootstrapped, split into N = 1, 2, 3 and 7 shards run as separate processes (indexes given as
 * plain --shard, Kubernetes, Slurm and AWS Batch give them), merges to the bytes one process
 * writes: stdout and the --out CSV. A shard of other options is refused as foreign.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { proc, runShards, shardScratchDir, SPLITS } from './shard-helpers.ts';

// Real data: UCI Online Retail extract (Chen 2015, CC BY 4.0), USAID SCMS lead times (src/io/shared-data.ts).
const ORDERS = sharedDataPath('order_transactions.csv');
const LEAD_TIMES = sharedDataPath('lead_times.csv');

const dir = shardScratchDir('invlab-shard-validate-');

const VALIDATE = ['validate', '--orders', ORDERS, '--train-until', '2011-06-01', '--lead-times', LEAD_TIMES, '--lead-time-dedupe', 'order_id', '--lead-time-scale', '10', '--target', '0.9', '--mode', 'bootstrap', '--replications', '4', '--seed', '3', '--threads', '1', '--out', 'skus.csv'];

describe('invlab validate --shard + invlab merge', () => {
  let one = '';
  let oneCsv = '';
  beforeAll(async () => {
    const r = await proc(dir, VALIDATE);
    expect(r.code).toBe(0);
    one = r.out;
    oneCsv = readFileSync(join(dir, 'skus.csv'), 'utf8');
    expect(oneCsv.trim().split('\n')).toHaveLength(171);
  }, 60_000);

  for (const [n, scheduler] of SPLITS) {
    it(`${n} shard(s) (${scheduler}): stdout and the --out CSV are the bytes of one process`, async () => {
      const files = await runShards(dir, VALIDATE, n, scheduler, `v${n}`);
      const m = await proc(dir, ['merge', ...files]);
      expect(m.code).toBe(0);
      expect(m.out).toBe(one);
      expect(readFileSync(join(dir, 'skus.csv'), 'utf8')).toBe(oneCsv);
    }, 60_000);
  }

  it('a shard of other options (another seed) is foreign: exit 2', async () => {
    const files = await runShards(dir, VALIDATE, 2, 'plain', 'vf');
    const other = await proc(dir, [...VALIDATE.slice(0, -6), '--seed', '4', '--threads', '1', '--out', 'skus.csv', '--shard', '2/2', '--checkpoint', 'vother.jsonl']);
    expect(other.code).toBe(0);
    const m = await runCli(['merge', files[0]!, join(dir, 'vother.jsonl')]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/vother\.jsonl is not a shard of the same run as .*vf-1-of-2\.jsonl: its seed is 4, not 3/);
  }, 60_000);
});
