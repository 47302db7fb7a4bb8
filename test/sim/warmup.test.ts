/**
 * MSER-5 warm-up (src/sim/warmup.ts; White 1997, Hoad, Robinson & Davies 2010): the rule on a
 * series with a known transient, the batch means from the engine's windows, a run that starts
 * far from steady state, and `invlab simulate --warmup mser5` through the CLI.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/rng/stream.ts';
import { checkSimSpec, runInventoryReplication, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { mserTruncation, mserWarmup, netInventoryBatchMeans } from '../../src/sim/warmup.ts';
import { runCli } from '../helpers/cli.ts';

const base: InventorySimSpec = { demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' }, horizon: 400, warmup: 0 };

describe('MSER-5', () => {
  it('on a hand case: batch means 10, 10, 0, 0, 0, 0 delete the first two batches', () => {
    const x = [...Array(10).fill(10), ...Array(20).fill(0)];
    const m = mserTruncation(x);
    expect(m.batches).toBe(6);
    expect(m.deletedBatches).toBe(2);
    expect(m.truncation).toBe(10);
    expect(m.atBoundary).toBe(false);
  });

  it('truncates a linear decay into white noise where the decay ends (fixed seed)', () => {
    // x_t = max(0, 100 − t) + N(0, 1): the mean reaches its steady value 0 at t = 100
    const g = new RandomStream([5, 'mser-test']);
    const x = Array.from({ length: 1000 }, (_, t) => Math.max(0, 100 - t) + g.normal());
    const m = mserTruncation(x);
    // the batch mean of 95–99 is 3 ≈ 6.7 batch-mean SDs (1/√5) away: a truncation before 95 keeps that bias;
    // after 100 the rule may overshoot on noise (a later start with a smaller spread), which costs data, not bias
    expect(m.truncation).toBeGreaterThanOrEqual(95);
    expect(m.atBoundary).toBe(false);
    const kept = x.slice(m.truncation);
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    expect(Math.abs(mean)).toBeLessThan(3 / Math.sqrt(kept.length)); // within 3 SE of the steady mean 0
  });

  it('the batch means are the engine windows of one sample path (they add up to the whole run)', () => {
    const spec = checkSimSpec(base);
    const ctx = { seed: 3, scenario: 'mser-windows', replication: 0 };
    const z = netInventoryBatchMeans(spec, ctx, 100);
    const whole = runInventoryReplication({ ...spec, horizon: 100 }, ctx);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    expect(Math.abs(mean - (whole.averageOnHand - whole.averageBackorders))).toBeLessThan(1e-12);
  });

  it('a run started far above steady state (200 on hand, demand 2 per period) is truncated after the stock has drained', () => {
    // drain: the position reaches s = 8 after about (200 − 8)/2 = 96 periods (sd √192/2 ≈ 7), the order arrives 3 later
    const spec = checkSimSpec({ ...base, initialOnHand: 200 });
    for (const seed of [1, 2, 3, 4]) {
      const m = mserWarmup(spec, seed, 'mser-far', 20, 400);
      expect(m.truncation).toBeGreaterThanOrEqual(75);
      expect(m.truncation).toBeLessThanOrEqual(140);
      expect(m.atBoundary).toBe(false);
    }
    // started at the policy's top (18 on hand, near steady state): a short truncation
    const near = mserWarmup(checkSimSpec(base), 1, 'mser-near', 20, 400);
    expect(near.truncation).toBeLessThan(75);
  });

  it('invlab simulate --warmup mser5 reports the truncation; too short a horizon is a clear error', async () => {
    const args = ['simulate', '--policy', JSON.stringify(base.policy), '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":3}', '--replications', '10', '--horizon', '200', '--json'];
    const r = await runCli([...args, '--warmup', 'mser5']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out) as { warmupRule: string; spec: { warmup: number; horizon: number } };
    expect(rep.warmupRule).toMatch(/MSER-5/);
    expect(rep.warmupRule).toContain(`${rep.spec.warmup} periods`);
    expect(rep.spec.horizon).toBe(200);
    const bad = await runCli([...args.slice(0, -3), '--horizon', '6', '--warmup', 'mser5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--warmup mser5: .*at least 10 periods/);
  });
});
