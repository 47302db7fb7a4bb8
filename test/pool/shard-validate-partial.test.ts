/**
 * `invlab validate --shard` + `invlab merge` on a run with every kind of SKU row: the real order
 * file's 170 SKUs (11 chunks of 16) under a cost objective whose case-1B ratio is not below 1 for
 * 45 of them (status 'error', partial success), with SKUs skipped (one order line, no test demand)
 * and unmeasured (no cycle closed). Each shard plans only the SKUs of its own chunks (its stderr
 * says how many), yet the merge writes the bytes of one process: stdout with the counts and the
 * summary line, the --out CSV, the exit code 3; with --json the summary line on stderr. When every
 * SKU fails, one process stops before any replication (exit 2); the merge stops with the same
 * message. With --strict a shard whose own chunks hold a failing SKU stops (exit 2). Inputs changed
 * between the shards and the merge are refused.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { proc, runShards, shardScratchDir } from './shard-helpers.ts';

// Real data: UCI Online Retail extract (Chen 2015, CC BY 4.0) (src/io/shared-data.ts).
const ORDERS = sharedDataPath('order_transactions.csv');
const dir = shardScratchDir('invlab-shard-validate-partial-');

const BASE = ['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--objective', 'cost', '--holding-cost', '0.01', '--shortage-cost', '2', '--lot', 'fixed', '--lot-fixed', '50', '--lead-time-mean', '10', '--baselines', 'none', '--threads', '1'];
const TEXT = [...BASE, '--out', 'partial.csv'];

/** The CSV's status column, counted. */
function statuses(csv: string): Record<string, number> {
  const [head, ...lines] = csv.trim().split('\n');
  const col = head!.split(',').indexOf('status');
  const n: Record<string, number> = {};
  for (const l of lines) {
    const s = l.split(',')[col]!;
    n[s] = (n[s] ?? 0) + 1;
  }
  return n;
}

describe('invlab validate --shard + merge: skipped, unmeasured and failing SKUs', () => {
  let one = { out: '', err: '', code: -1 as number | null };
  let oneCsv = '';
  beforeAll(async () => {
    one = await proc(dir, TEXT);
    oneCsv = readFileSync(join(dir, 'partial.csv'), 'utf8');
  }, 60_000);

  it('one process: a partial success with rows of every status (the case the shards must reproduce)', () => {
    expect(one.code).toBe(3);
    expect(one.out).toMatch(/summary: 45 of 170 SKU\(s\) failed \(status 'error': /);
    const n = statuses(oneCsv);
    expect(n.error).toBe(45);
    expect(n.skipped).toBeGreaterThan(0);
    expect(n.unmeasured).toBeGreaterThan(0);
    expect(n.ok).toBeGreaterThan(0);
  });

  for (const [n, scheduler] of [
    [2, 'kubernetes'],
    [7, 'slurm'],
  ] as const) {
    it(`${n} shards (${scheduler}), each planning only its chunks' SKUs: stdout, --out CSV and exit code 3 of one process`, async () => {
      const errs: string[] = [];
      const files = await runShards(dir, TEXT, n, scheduler, `p${n}`, false, errs);
      // each shard planned only the SKUs of its own whole chunks: 170 in all
      const planned = errs.map((e) => Number(/\((\d+) of 170 SKUs planned\)/.exec(e)?.[1]));
      expect(planned.every((k) => k < 170)).toBe(true);
      expect(planned.reduce((a, b) => a + b, 0)).toBe(170);
      const m = await proc(dir, ['merge', ...files]);
      expect(m.code).toBe(3);
      expect(m.out).toBe(one.out);
      expect(readFileSync(join(dir, 'partial.csv'), 'utf8')).toBe(oneCsv);
    }, 60_000);
  }

  it('inputs changed after the shards ran: the merge refuses (exit 2)', async () => {
    const orders = join(dir, 'orders-copy.csv');
    writeFileSync(orders, readFileSync(ORDERS, 'utf8'));
    const args = [...BASE.map((a) => (a === ORDERS ? orders : a)), '--sku', '85123A,22423'];
    const files = await runShards(dir, args, 1, 'plain', 'pchg');
    appendFileSync(orders, '2011-10-01,85123A,3,999999,2.55,17850\n');
    const m = await proc(dir, ['merge', ...files]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/merge: validate reads different inputs now/);
  }, 60_000);

  it('--json: stdout, the stderr summary line and exit code 3 of one process', async () => {
    const args = [...BASE, '--json'];
    const j = await proc(dir, args);
    expect(j.code).toBe(3);
    const files = await runShards(dir, args, 3, 'awsBatch', 'pj');
    const m = await proc(dir, ['merge', ...files]);
    expect(m.code).toBe(3);
    expect(m.out).toBe(j.out);
    const summary = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('invlab validate: summary:'));
    expect(summary(m.err)).toEqual(summary(j.err));
    expect(summary(m.err)).toHaveLength(1);
  }, 60_000);

  it('every SKU failing (45 SKUs, 3 chunks): the merge stops as one process does, exit 2, same message', async () => {
    const [head, ...lines] = oneCsv.trim().split('\n');
    const col = head!.split(',').indexOf('status');
    const failing = lines.filter((l) => l.split(',')[col] === 'error').map((l) => l.split(',')[0]!);
    const args = [...BASE, '--sku', failing.join(',')];
    const single = await proc(dir, args);
    expect(single.code).toBe(2);
    expect(single.err).toMatch(/no SKU could be validated: SKU '/);
    const files = await runShards(dir, args, 2, 'plain', 'pall');
    const m = await proc(dir, ['merge', ...files]);
    expect(m.code).toBe(2);
    expect(m.err).toBe(single.err);
    expect(m.out).toBe('');
  }, 60_000);

  it('--strict: a shard whose chunks hold a failing SKU stops before any replication (exit 2)', async () => {
    const r = await proc(dir, [...TEXT, '--strict', '--shard', '1/3', '--checkpoint', join(dir, 'strict-{i}.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--strict: SKU '/);
    expect(r.out).toBe('');
  }, 60_000);
});
