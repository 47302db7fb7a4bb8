/**
 * `invlab solve deteriorating-dp` (plan table, --json, --step, --pricing, --lead-time-rule, errors
 * with exit code 2) and the quick profiles of the optimality and replay experiments.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deterioratingDpOptimality } from '../../../experiments/deteriorating-dp-optimality.ts';
import { deterioratingDpReplay } from '../../../experiments/deteriorating-dp-replay.ts';
import { SABAHNO_EXAMPLE } from '../../../src/models/deteriorating-dp/index.ts';
import { closePool } from '../../../src/pool/run.ts';
import { runCli as run } from '../../helpers/cli.ts';

afterAll(async () => {
  await closePool();
});

const dir = mkdtempSync(join(tmpdir(), 'invlab-ddp-'));
const paramsFile = join(dir, 'p.json');
writeFileSync(paramsFile, JSON.stringify(SABAHNO_EXAMPLE));
const badFile = join(dir, 'bad.json');
writeFileSync(badFile, JSON.stringify({ ...SABAHNO_EXAMPLE, demandSlope: -1 }));


describe('invlab solve deteriorating-dp', () => {
  it('prints the paper plan as a table (Sabahno 2008 Section IV: TP = 2565.4)', async () => {
    const r = await run(['solve', 'deteriorating-dp', '--params', paramsFile]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| [0, 3] | 27.9491 |');
    expect(r.out).toContain('| [8, 10] | 27.8936 |');
    expect(r.out).toContain('TP_H = 2565.4457');
  });
  it('--json with --step 0.5 --pricing optimal', async () => {
    const r = await run(['solve', 'deteriorating-dp', '--params', paramsFile, '--step', '0.5', '--pricing', 'optimal', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { pricing: string; totalProfit: number; plan: { start: number; price: number }[]; boundaries: number[] };
    expect(j.pricing).toBe('optimal');
    expect(j.boundaries.length).toBe(21);
    expect(j.plan.map((c) => c.start)).toEqual([0, 2.5, 5, 7.5]);
    expect(j.totalProfit).toBeGreaterThan(2677);
  });
  it("--lead-time-rule and the 'lead time not acceptable' outcome", async () => {
    const f = join(dir, 'lt.json');
    writeFileSync(f, JSON.stringify({ ...SABAHNO_EXAMPLE, leadTime: 2.5 }));
    const flag = await run(['solve', 'deteriorating-dp', '--params', f]);
    expect(flag.code).toBe(0);
    expect(flag.out).toContain('lead time not acceptable');
    const ex = await run(['solve', 'deteriorating-dp', '--params', f, '--lead-time-rule', 'exclude']);
    expect(ex.code).toBe(0);
    expect(ex.out).not.toContain('lead time not acceptable |');
  });
  it('bad input exits 2 with a message naming the field or option', async () => {
    const bad = await run(['solve', 'deteriorating-dp', '--params', badFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/demandSlope \(b\) must be > 0, got -1/);
    const step = await run(['solve', 'deteriorating-dp', '--params', paramsFile, '--step', '0.3']);
    expect(step.code).toBe(2);
    expect(step.err).toMatch(/step 0.3 must divide the horizon/);
    const stepText = await run(['solve', 'deteriorating-dp', '--params', paramsFile, '--step', 'abc']);
    expect(stepText.code).toBe(2);
    expect(stepText.err).toMatch(/--step must be a number > 0, got 'abc'/);
    const pricing = await run(['solve', 'deteriorating-dp', '--params', paramsFile, '--pricing', 'cheap']);
    expect(pricing.code).toBe(2);
    const none = await run(['solve', 'deteriorating-dp']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/needs --params/);
  });
});

describe('experiments, quick profile', () => {
  it('deteriorating-dp-optimality: brute force agrees with the DP; the optimal price maximises W', async () => {
    const out = await deterioratingDpOptimality.run(deterioratingDpOptimality.profiles.quick, { profile: 'quick', seed: 2, threads: 1 });
    expect(out.checksPassed).toBe(true);
    const d = out.data as { integerPrinted: number; integerOptimal: number; continuousPrinted: { totalProfit: number } };
    expect(d.integerOptimal).toBeGreaterThan(d.integerPrinted);
    expect(d.continuousPrinted.totalProfit).toBeGreaterThan(d.integerPrinted);
  });
  it('deteriorating-dp-replay: realised profit below the model, stock-outs frequent', async () => {
    const out = await deterioratingDpReplay.run(deterioratingDpReplay.profiles.quick, { profile: 'quick', seed: 2, threads: 1 });
    const d = out.data as { profit: { high: number }; anyStockout: { low: number } };
    expect(d.profit.high).toBeLessThan(2565.4);
    expect(d.anyStockout.low).toBeGreaterThan(0.3);
    expect(out.tables.buffer!.length).toBe(4);
  });
});
