/**
 * `invlab validate` partial success: a SKU whose policy the model cannot compute (the case-1B
 * ratio LOT·HCOST/(AOD·SCOST) not below 1: SKU 85135B at --holding-cost 0.01 --shortage-cost 2
 * --lot fixed --lot-fixed 50 has 1.20175 on the training window before 2011-09-01) is listed with status 'error' and the reason, the others
 * are validated, exit code 3; --strict makes it fatal (exit 2, nothing written).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runCli } from '../helpers/cli.ts';

const ORDERS = sharedDataPath('order_transactions.csv');
const ARGS = ['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--objective', 'cost', '--holding-cost', '0.01', '--shortage-cost', '2', '--lot', 'fixed', '--lot-fixed', '50', '--lead-time-mean', '10', '--baselines', 'none', '--threads', '1', '--sku', '85135B,85123A,22423'];

describe('invlab validate: partial success', () => {
  it('lists the SKU that cannot be validated with its reason, validates the others, exit 3 (text, CSV, JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-validate-partial-'));
    const out = join(dir, 'v.csv');
    const r = await runCli([...ARGS, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/summary: 1 of 3 SKU\(s\) failed \(status 'error': 85135B: .*1\.20175/);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv.length).toBe(4);
    const bad = csv.find((l) => l.startsWith('85135B,'))!;
    expect(bad).toContain(',error,');
    expect(csv.filter((l) => l.includes(',ok,')).length).toBe(2);
    const j = await runCli([...ARGS, '--json']);
    expect(j.code).toBe(3);
    const skus = (JSON.parse(j.out) as { skus: { sku: string; status: string; reason: string }[] }).skus;
    expect(skus.find((s) => s.sku === '85135B')).toMatchObject({ status: 'error' });
    expect(skus.find((s) => s.sku === '85135B')!.reason).toMatch(/1\.20175/);
    expect(j.err).toMatch(/invlab validate: summary: 1 of 3 SKU\(s\) failed/);
  }, 60_000);

  it('--strict makes it fatal before any replication: exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-validate-strict-'));
    const out = join(dir, 'v.csv');
    const r = await runCli([...ARGS, '--strict', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--strict: SKU '85135B': .*1\.20175/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a run without failing SKUs exits 0 and says so', async () => {
    const r = await runCli(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.95', '--objective', 'fill-rate', '--baselines', 'none', '--threads', '1', '--sku', '85123A,22423']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no SKU failed/);
  }, 60_000);
});
