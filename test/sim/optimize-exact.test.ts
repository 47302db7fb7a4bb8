/**
 * Exact (s, S) evaluation (src/sim/exact-ss.ts) against the (s, Q) exact values and the
 * simulator, and the simulation optimiser (src/sim/optimize-policy.ts) certified against the
 * exact optimiser on Poisson demand with constant lead times.
 */
import { describe, expect, it } from 'vitest';
import { exactSSPoisson, exactSSOnTables, optimizeSSExact, poissonDemandPmf, SSTables, type ExactSSValues } from '../../src/sim/exact-ss.ts';
import { exactSQPoisson } from '../../src/sim/exact.ts';
import { runInventoryReplication, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { summarizeRows } from '../../src/sim/metrics.ts';
import { optimizePolicy, type PolicySearchProblem } from '../../src/sim/optimize-policy.ts';
import { estimatePairedDifference, studentTQuantile } from '../../src/core/stats.ts';
import { expectClose, expectWithinSe } from '../helpers/close.ts';

describe('exact (s, S) with Poisson demand', () => {
  it('Δ = 1 is base stock: equals the exact (s, Q = 1) values', () => {
    for (const [lambda, L, s] of [[4, 2, 8], [0.7, 0, 1], [12, 3, 50]] as const) {
      const a = exactSSPoisson(lambda, L, s, s + 1);
      const b = exactSQPoisson(lambda, L, s, 1);
      for (const k of ['readyRate', 'fillRate', 'cycleServiceLevel', 'averageOnHand', 'averageBackorders', 'ordersPerPeriod'] as const) expectClose(a[k], b[k], 1e-12, `λ ${lambda}, L ${L}, s ${s}: ${k}`);
    }
  });
  it('the stationary law of the position (Zheng & Federgruen 1991) is the fixed point of the chain', () => {
    const t = new SSTables(poissonDemandPmf(3), 1);
    const [s, S] = [5, 17];
    const w = t.positionWeights(S - s); // w[j] = π(S − j)
    const next = new Float64Array(S - s);
    for (let j = 0; j < w.length; j++) {
      for (let d = 0; d < t.p.length; d++) {
        const y = S - j - d;
        next[y > s ? S - y : 0]! += w[j]! * t.p[d]!;
      }
    }
    for (let j = 0; j < w.length; j++) expectClose(next[j]!, w[j]!, 1e-14, `π(S − ${j})`);
  });
  it('agrees with the simulator within 4 standard errors (ratio-of-sums estimates)', () => {
    const costs = { holding: 1, backorder: 2, shortage: 5, ordering: 30, purchase: 0.5 };
    for (const [lambda, L, s, S] of [[4, 2, 8, 20], [1.5, 4, 4, 9], [9, 1, 15, 40]] as const) {
      const spec: InventorySimSpec = { demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'constant', value: L }, policy: { kind: 'sS', reorderPoint: s, orderUpTo: S }, horizon: 20_000, warmup: 500, costs };
      const rows = Array.from({ length: 20 }, (_, r) => runInventoryReplication(spec, { seed: 11, scenario: `exact-ss/${lambda}/${L}/${s}/${S}`, replication: r }));
      const est = summarizeRows(rows);
      const ex: ExactSSValues = exactSSPoisson(lambda, L, s, S, costs);
      for (const k of ['readyRate', 'fillRate', 'cycleServiceLevel', 'averageOnHand', 'averageBackorders', 'ordersPerPeriod', 'shortUnitsPerPeriod', 'totalCost'] as const) {
        expectWithinSe(est[k]!.mean, est[k]!.se, ex[k], 4, `(s, S) = (${s}, ${S}), λ ${lambda}, L ${L}: ${k}`);
      }
    }
  });
  it('rejects bad input, naming it', () => {
    expect(() => exactSSPoisson(4, 1.5, 1, 5)).toThrow(/leadTime/);
    expect(() => exactSSPoisson(4, 1, 5, 5)).toThrow(/S > s/);
    expect(() => new SSTables([1], 1)).toThrow(/positive demand/);
  });
});

interface Case {
  name: string;
  lambda: number;
  L: number;
  objective: 'averageOnHand' | 'totalCost';
  costs?: PolicySearchProblem['costs'];
  metric: 'fillRate' | 'readyRate' | 'cycleServiceLevel';
  target: number;
}

const CASES: Case[] = [
  { name: 'least stock, fill rate 0.95', lambda: 4, L: 2, objective: 'averageOnHand', metric: 'fillRate', target: 0.95 },
  { name: 'least cost (h 1, p 5, K 30), fill rate 0.95', lambda: 4, L: 2, objective: 'totalCost', costs: { holding: 1, shortage: 5, ordering: 30 }, metric: 'fillRate', target: 0.95 },
  { name: 'least cost (h 1, b 4, K 20), ready rate 0.9', lambda: 2, L: 3, objective: 'totalCost', costs: { holding: 1, backorder: 4, ordering: 20 }, metric: 'readyRate', target: 0.9 },
  { name: 'least cost (h 1, K 50), cycle service 0.9', lambda: 6, L: 1, objective: 'totalCost', costs: { holding: 1, ordering: 50 }, metric: 'cycleServiceLevel', target: 0.9 },
  { name: 'least stock, ready rate 0.85, slow mover', lambda: 0.6, L: 4, objective: 'averageOnHand', metric: 'readyRate', target: 0.85 },
];

describe('simulation-optimised (s, S) against the exact optimum', () => {
  const delta = 0.005;
  for (const c of CASES) it(c.name, () => {
    const box = { sMin: -2, sMax: Math.ceil(c.lambda * (c.L + 1) * 2 + 8), gapMax: 24 };
    const problem: PolicySearchProblem = { family: 'sS', demand: { kind: 'poisson', mean: c.lambda }, leadTime: { kind: 'constant', value: c.L }, horizon: 2000, warmup: 100, replications: 20, objective: c.objective, constraint: { metric: c.metric, target: c.target, delta }, sMin: box.sMin, sMax: box.sMax, gapMin: 1, gapMax: box.gapMax };
    if (c.costs) problem.costs = c.costs;
    const sim = optimizePolicy(problem, 20261201, `optimize-exact/${c.name}`);
    const pmf = poissonDemandPmf(c.lambda);
    const exact = optimizeSSExact({ pmf, leadTime: c.L, objective: c.objective, costs: c.costs, constraint: { metric: c.metric, target: c.target }, ...box });
    const relaxed = optimizeSSExact({ pmf, leadTime: c.L, objective: c.objective, costs: c.costs, constraint: { metric: c.metric, target: c.target - delta }, ...box });
    const b = sim.best!;
    const v = exactSSOnTables(new SSTables(pmf, c.L), b.s, b.S, c.costs);
    const eps = 4 * b.objectiveSe; // the objective indifference zone: 4 standard errors of the chosen policy's estimate
    console.info(`${c.name}: simulation (${b.s}, ${b.S}) exact objective ${v[c.objective].toFixed(4)}, service ${v[c.metric].toFixed(4)}; exact optimum (${exact.s}, ${exact.S}) ${exact.objective.toFixed(4)} (service ${exact.values![c.metric].toFixed(4)}); relaxed to target − δ (${relaxed.s}, ${relaxed.S}) ${relaxed.objective.toFixed(4)}; ε ${eps.toFixed(4)}; ${sim.evaluations} candidates simulated`);
    // the choice meets the target within the feasibility tolerance δ, exactly evaluated
    expect(v[c.metric]).toBeGreaterThanOrEqual(c.target - delta);
    // and its exact objective is within ε of the exact optimum (not above the optimum at the target,
    // not below the optimum of the relaxed target)
    expect(v[c.objective]).toBeLessThanOrEqual(exact.objective + eps);
    expect(v[c.objective]).toBeGreaterThanOrEqual(relaxed.objective - eps);
  });
});

describe('two-stage selection among the finalists (Clark & Yang 1986; Nelson & Matejcik 1995)', () => {
  it('second-stage size N = max(n₀, max ⌈(t·S_ij/ε)²⌉), and the choice is the exact best finalist within ε', () => {
    const costs = { holding: 1, shortage: 5, ordering: 30 };
    const eps = 0.05;
    const problem: PolicySearchProblem = { family: 'sS', demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, horizon: 2000, warmup: 100, replications: 20, objective: 'totalCost', costs, constraint: { metric: 'fillRate', target: 0.95, delta: 0.005 }, sMin: -2, sMax: 30, gapMin: 1, gapMax: 24, selection: { indifference: eps } };
    const r = optimizePolicy(problem, 20261201, 'optimize-exact/selection');
    const sel = r.selection!;
    expect(sel.finalists.length).toBe(5);
    expect(sel.capped).toBe(false);
    // recompute N from the first-stage values (the first n₀ replications are the same streams)
    const n0 = problem.replications;
    const t = studentTQuantile(1 - 0.05 / 4, n0 - 1);
    let N = n0;
    for (const a of sel.finalists) for (const b of sel.finalists) if (a !== b) N = Math.max(N, Math.ceil(((t * estimatePairedDifference(a.values.slice(0, n0), b.values.slice(0, n0)).sd) / eps) ** 2));
    expect(sel.replications).toBe(N);
    for (const f of sel.finalists) expect(f.values.length).toBe(N);
    const tables = new SSTables(poissonDemandPmf(4), 2);
    const exact = sel.finalists.map((f) => exactSSOnTables(tables, f.s, f.S, costs).totalCost);
    const chosen = exactSSOnTables(tables, r.best!.s, r.best!.S, costs).totalCost;
    console.info(`selection: N = ${N} replications for ${sel.finalists.length} finalists; chosen (${r.best!.s}, ${r.best!.S}) exact cost ${chosen.toFixed(4)}, best finalist ${Math.min(...exact).toFixed(4)}`);
    expect(chosen).toBeLessThanOrEqual(Math.min(...exact) + eps);
    expect(r.difference!.n).toBe(N);
  });
});
