/**
 * The replay kernel of the Sabahno (2008) plan (src/models/deteriorating-dp/sim/replay.ts): exact
 * Poisson and exponential-decay expectations on special cases (tolerances from the standard
 * error, fixed seeds), common random numbers across buffers, and thread-count independence.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { estimateMean } from '../../../src/core/stats.ts';
import { SABAHNO_EXAMPLE, solveDp } from '../../../src/models/deteriorating-dp/index.ts';
import { closePool, runReplications } from '../../../src/pool/run.ts';
import { deterioratingReplayKernel, replayPlan, replaySpecFromPlan, type ReplaySpec } from '../../../src/models/deteriorating-dp/sim/replay.ts';
import { expectClose, expectWithinSe } from '../../helpers/close.ts';

afterAll(async () => {
  await closePool();
});

const base: Omit<ReplaySpec, 'cycles'> = {
  demandIntercept: 50,
  demandSlope: 0.9,
  netDiscountRate: 0,
  deteriorationRate: 0,
  holdingCost: 0.5,
  unitCost: 8,
  orderingCost: 100,
  productionRate: 1e6,
  leadTime: 0.5,
};

function rows(spec: ReplaySpec, n: number, scenario: string) {
  return Array.from({ length: n }, (_, r) => replayPlan(spec, { seed: 7, scenario, replication: r }));
}

/** Poisson(m) probabilities 0..N, and E[min(X, N)], E[(X − N)^+]. */
function poissonStats(m: number, N: number) {
  let p = Math.exp(-m);
  let cdf = 0;
  let eMin = 0;
  for (let x = 0; x <= N; x++) {
    cdf += p;
    eMin += x * p;
    p *= m / (x + 1);
  }
  eMin += N * (1 - cdf);
  return { cdf, eMin, eLost: m - eMin };
}

describe('replay kernel, exact special cases', () => {
  it('λ = 0, R = 0, instant production of N units: P(stock-out) = 1 − F_Poisson(N; D·T), E[lost] = E[(X − N)^+], revenue = s·E[min(X, N)]', () => {
    const price = 30; // D = 23
    const T = 3;
    const N = 72; // below the mean demand 69 + 1.5 sd
    const spec: ReplaySpec = { ...base, cycles: [{ start: 0, end: T, price, productionEnd: N / base.productionRate, bufferUnits: 0 }] };
    const out = rows(spec, 4000, 'poisson-exact');
    const exact = poissonStats(23 * T, N);
    const so = estimateMean(out.map((r) => r.stockout_0!));
    const lost = estimateMean(out.map((r) => r.lost!));
    const rev = estimateMean(out.map((r) => r.revenue!));
    expectWithinSe(so.mean, so.se, 1 - exact.cdf, 4, 'P(stock-out), Poisson cdf');
    expectWithinSe(lost.mean, lost.se, exact.eLost, 4, 'E[(X − N)^+]');
    expectWithinSe(rev.mean, rev.se, price * exact.eMin, 4, 's·E[min(X, N)]');
    expect(out.every((r) => r.produced === N && r.purchase > 0)).toBe(true);
    // cost bookkeeping: purchase c·P·(N/P) = c·N at R = 0; ordering A
    expectClose(out[0]!.purchase!, 8 * N, 1e-9, 'purchase = c·N');
    expectClose(out[0]!.ordering!, 100, 1e-12, 'ordering = A at R = 0');
  });
  it('no demand to speak of: E[decayed] = N(1 − e^(−λT)), E[holding PW] = h·N·∫_0^T e^(−(R+λ)t) dt', () => {
    const lam = 0.3;
    const R = 0.1;
    const T = 4;
    const N = 50;
    const price = 50 / 0.9 - 1e-9; // D(s) ≈ 1e-9
    const spec: ReplaySpec = { ...base, deteriorationRate: lam, netDiscountRate: R, cycles: [{ start: 0, end: T, price, productionEnd: N / base.productionRate, bufferUnits: 0 }] };
    const out = rows(spec, 3000, 'decay-exact');
    const dec = estimateMean(out.map((r) => r.decayed!));
    const hold = estimateMean(out.map((r) => r.holding!));
    expectWithinSe(dec.mean, dec.se, N * -Math.expm1(-lam * T), 4, 'binomial decay');
    expectWithinSe(hold.mean, hold.se, (0.5 * N * -Math.expm1(-(R + lam) * T)) / (R + lam), 4, 'discounted holding of decaying stock');
  });
});

describe('replay of the paper plan', () => {
  const plan = solveDp(SABAHNO_EXAMPLE).plan;
  it('demand counts match D(s)·(k − i) per cycle, and buffers share the demand path (common random numbers)', () => {
    const a = rows(replaySpecFromPlan(SABAHNO_EXAMPLE, plan, 0), 1500, 'crn');
    const b = rows(replaySpecFromPlan(SABAHNO_EXAMPLE, plan, 2), 1500, 'crn');
    plan.forEach((c, m) => {
      const d = estimateMean(a.map((r) => r[`demand_${m}`]!));
      expectWithinSe(d.mean, d.se, c.demandRate * (c.end - c.start), 4, `Poisson demand of cycle ${m}`);
    });
    for (let r = 0; r < a.length; r++) for (let m = 0; m < plan.length; m++) expect(b[r]![`demand_${m}`]).toBe(a[r]![`demand_${m}`]);
    // a buffer can only reduce lost demand on the same path
    expect(b.every((r, q) => r.lost! <= a[q]!.lost!)).toBe(true);
    const so = estimateMean(a.map((r) => r.anyStockout!));
    expect(so.high).toBeGreaterThan(0.5); // the no-shortage plan runs out often
  });
  it('rows are identical with 1 and 2 worker threads', async () => {
    const spec = replaySpecFromPlan(SABAHNO_EXAMPLE, plan, 0);
    const one = await runReplications({ kernel: deterioratingReplayKernel, spec, seed: 3, scenario: 'threads', replications: 64, threads: 1 });
    const two = await runReplications({ kernel: deterioratingReplayKernel, spec, seed: 3, scenario: 'threads', replications: 64, threads: 2 });
    expect(two).toEqual(one);
  });
});
