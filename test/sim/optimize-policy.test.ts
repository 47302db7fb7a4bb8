/**
 * The simulation optimiser (src/sim/optimize-policy.ts): (R, S) against the exact base-stock
 * optimum, minimality on a bootstrap replay of a history, common random numbers, the pool kernel
 * (same rows as the direct call), and validation.
 */
import { describe, expect, it } from 'vitest';
import { optimizeSSExact, poissonDemandPmf } from '../../src/sim/exact-ss.ts';
import { checkSearchProblem, evaluateCandidate, optimizePolicy, policySearchKernel, type PolicySearchProblem } from '../../src/sim/optimize-policy.ts';
import { runReplications } from '../../src/pool/run.ts';
import { RandomStream } from '../../src/rng/stream.ts';

const rs = (over: Partial<PolicySearchProblem> = {}): PolicySearchProblem => ({
  family: 'RS',
  reviewPeriod: 1,
  demand: { kind: 'poisson', mean: 3 },
  leadTime: { kind: 'constant', value: 3 },
  horizon: 2000,
  warmup: 100,
  replications: 20,
  objective: 'averageOnHand',
  constraint: { metric: 'fillRate', target: 0.95, delta: 0.005 },
  sMin: 0,
  sMax: 60,
  ...over,
});

describe('simulation-optimised (R, S)', () => {
  it('R = 1 on Poisson demand: the exact base-stock optimum (Δ = 1 of the exact (s, S) optimiser)', () => {
    for (const [lambda, L, metric, target] of [[3, 3, 'fillRate', 0.95], [8, 1, 'readyRate', 0.9], [0.8, 5, 'fillRate', 0.9]] as const) {
      const sim = optimizePolicy(rs({ demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'constant', value: L }, constraint: { metric, target, delta: 0.005 } }), 3, `rs-exact/${lambda}/${L}`);
      const exact = optimizeSSExact({ pmf: poissonDemandPmf(lambda), leadTime: L, objective: 'averageOnHand', constraint: { metric, target }, sMin: -1, sMax: 60, gapMin: 1, gapMax: 1 });
      console.info(`(R = 1, S), λ ${lambda}, L ${L}, ${metric} ≥ ${target}: simulation S = ${sim.best!.S} (service ${sim.best!.service.toFixed(4)}, lower bound ${sim.best!.serviceLow.toFixed(4)}), exact S = ${exact.S} (service ${exact.values![metric].toFixed(4)}); ${sim.evaluations} candidates`);
      expect(sim.policy).toEqual({ kind: 'RS', reviewPeriod: 1, orderUpTo: exact.S });
    }
  });
  it('on a block-bootstrap replay of a training history: feasible, and one unit less is not (minimal on the common random numbers)', () => {
    const rng = new RandomStream([5, 'optimize-replay-history']);
    const history = Array.from({ length: 365 }, (_, t) => (rng.uniform() < 0.3 ? 0 : 1 + rng.int(8 + (t % 7 === 5 ? 6 : 0))));
    const p = rs({ reviewPeriod: 7, demand: { kind: 'replay', history, mode: 'blockBootstrap', blockLength: 7 }, leadTime: { kind: 'constant', value: 5 }, horizon: 728, warmup: 28, replications: 30, sMax: 400 });
    const r = optimizePolicy(p, 17, 'optimize-replay');
    const b = r.best!;
    expect(b.feasible).toBe(true);
    expect(b.serviceLow).toBeGreaterThanOrEqual(0.945);
    expect(evaluateCandidate(p, 0, b.S - 1, 17, 'optimize-replay').feasible).toBe(false);
    // common random numbers: the same candidate gives the same estimate; raising S never lowers the fill rate
    expect(evaluateCandidate(p, 0, b.S, 17, 'optimize-replay').values).toEqual(b.values);
    const up = evaluateCandidate(p, 0, b.S + 5, 17, 'optimize-replay');
    expect(up.service).toBeGreaterThanOrEqual(b.service);
    expect(r.difference!.mean).toBeLessThan(0); // the runner-up (S + 1) carries more stock, on every path
  });
});

describe('simulation-optimised (R, s, S)', () => {
  it('R = 7: the chosen policy is feasible, s − 1 at its gap is infeasible or costs more, and the fill rate is monotone in s on common random numbers', () => {
    const p = rs({ family: 'RsS', reviewPeriod: 7, demand: { kind: 'negativeBinomial', mean: 5, variance: 15 }, leadTime: { kind: 'constant', value: 2 }, objective: 'totalCost', costs: { holding: 1, shortage: 10, ordering: 40 }, sMin: 0, sMax: 120, gapMin: 5, gapMax: 80, gapStep: 10, horizon: 1050, replications: 16 });
    const r = optimizePolicy(p, 23, 'optimize-rss');
    const b = r.best!;
    expect(r.policy).toEqual({ kind: 'RsS', reviewPeriod: 7, reorderPoint: b.s, orderUpTo: b.S });
    expect(b.feasible).toBe(true);
    const below = evaluateCandidate(p, b.s - 1, b.S - 1, 23, 'optimize-rss');
    // either s − 1 is infeasible (b is the smallest feasible s of its gap) or it costs more (b is the least cost above it)
    expect(!below.feasible || below.objective >= b.objective).toBe(true);
    const fill = [b.s - 10, b.s, b.s + 10].map((s) => evaluateCandidate(p, s, s + (b.S - b.s), 23, 'optimize-rss').service);
    expect(fill[0]!).toBeLessThanOrEqual(fill[1]!);
    expect(fill[1]!).toBeLessThanOrEqual(fill[2]!);
  });
});

describe('the pool kernel', () => {
  it('one replication = one search: rows equal the direct calls (replication k uses scenario#k)', async () => {
    const p: PolicySearchProblem = { ...rs(), family: 'sS', reviewPeriod: undefined, objective: 'totalCost', costs: { holding: 1, shortage: 5, ordering: 20 }, sMin: 0, sMax: 30, gapMin: 1, gapMax: 8, horizon: 600, replications: 10 };
    delete (p as { reviewPeriod?: number }).reviewPeriod;
    const rows = await runReplications({ kernel: policySearchKernel, spec: p, seed: 9, scenario: 'optimize-pool', replications: 2, threads: 2 });
    for (const [k, scenario] of [[0, 'optimize-pool'], [1, 'optimize-pool#1']] as const) {
      const d = optimizePolicy(p, 9, scenario);
      expect(rows[k]).toMatchObject({ found: 1, s: d.best!.s, S: d.best!.S, objective: d.best!.objective, serviceLow: d.best!.serviceLow, evaluations: d.evaluations });
    }
  });
});

describe('validation', () => {
  it('names the bad field', () => {
    expect(() => checkSearchProblem({ ...rs(), family: 'sQ' })).toThrow(/problem\.family/);
    expect(() => checkSearchProblem({ ...rs(), reviewPeriod: 0 })).toThrow(/problem\.reviewPeriod/);
    expect(() => checkSearchProblem({ ...rs(), sMin: 5, sMax: 4 })).toThrow(/sMin and sMax/);
    expect(() => checkSearchProblem({ ...rs(), constraint: { metric: 'fillRate', target: 1.5 } })).toThrow(/problem\.constraint\.target/);
    expect(() => checkSearchProblem({ ...rs(), replications: 1 })).toThrow(/problem\.replications/);
    expect(() => checkSearchProblem({ ...rs(), family: 'sS', gapMin: 0 })).toThrow(/problem\.gapMin/);
    expect(() => checkSearchProblem({ ...rs(), extra: 1 })).toThrow(/extra/);
    expect(() => checkSearchProblem({ ...rs(), demand: { kind: 'poisson', mean: -1 } })).toThrow(/demand/);
  });
  it('no feasible candidate in the box: no policy', () => {
    const r = optimizePolicy(rs({ sMax: 5 }), 1, 'optimize-infeasible');
    expect(r.policy).toBeNull();
    expect(r.evaluations).toBe(1);
  });
});
