/**
 * The two experiments on Izar Landeta, Ynzunza Cortés & Zermeño Pérez (2015) in their quick
 * profile: Table 4 must match all 36 published values (checksPassed); the service experiment
 * must report every cell, and the cells' numbers must be what their replications give: the
 * test re-runs the cycle kernel for a few cells itself (same seed, scenario and effort, reorder
 * points from the formulas) and recomputes mean, Student-t interval mean ± t(0.975, n − 1)·sd/√n,
 * the exact value by quadrature and the paired difference from the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { correlatedRopService } from '../../../experiments/correlated-rop-service.ts';
import { correlatedRopTable4 } from '../../../experiments/correlated-rop-table4.ts';
import { studentTQuantile } from '../../../src/core/stats.ts';
import type { Row } from '../../../src/io/csv-write.ts';
import {
  bivariateNormalServiceProbability,
  calibrateCopulaCorrelation,
  copulaServiceProbabilities,
  correlatedReorderPoint,
  cycleServiceKernel,
  discreteMoments,
  noStockoutShares,
  PAPER_COSTS,
  prepareCopula,
  PRINTED_MOMENTS,
  serviceLevelFromCosts,
  TABLE1_DAILY_DEMAND,
  TABLE2_LEAD_TIME,
  traditionalReorderPoint,
  type DemandLeadTimeMoments,
  type JointProcessSpec,
} from '../../../src/models/correlated-rop/index.ts';
import { closePool, runReplications } from '../../../src/pool/run.ts';
import { expectMatchesPrinted } from '../../helpers/close.ts';

afterAll(closePool);

describe('experiment correlated-rop-table4', () => {
  it('reproduces all 36 values of Table 4 and the text claims', async () => {
    const out = await correlatedRopTable4.run(correlatedRopTable4.profiles.quick, { profile: 'quick', seed: correlatedRopTable4.seed, threads: 1 });
    expect(out.checksPassed).toBe(true);
    expect(out.tables.table4!.filter((r) => r.withinRounding === true)).toHaveLength(36);
    expect(out.figures!.figure1).toMatch(/^<svg/);
    expect(out.markdown).toMatch(/36 of 36 Table 4 values match/);
  });
});

/** Mean and the 95 % Student-t interval of replication values, written out (not through core/stats' estimateMean). */
function tInterval(x: number[]): { mean: number; low: number; high: number } {
  const m = mean(x);
  const h = (studentTQuantile(0.975, x.length - 1) * sampleStandardDeviation(x)) / Math.sqrt(x.length);
  return { mean: m, low: m - h, high: m + h };
}

describe('experiment correlated-rop-service (quick)', () => {
  const spec = correlatedRopService.profiles.quick;
  const seed = correlatedRopService.seed;
  const P = serviceLevelFromCosts(PAPER_COSTS);
  const label = (p: number) => (p === P ? '0.8565' : String(p));
  const t1 = discreteMoments(TABLE1_DAILY_DEMAND);
  const t2 = discreteMoments(TABLE2_LEAD_TIME);
  const tableMoments: DemandLeadTimeMoments = { meanDailyDemand: t1.mean, sdDailyDemand: t1.sd, meanLeadTime: t2.mean, sdLeadTime: t2.sd };
  // the cells re-derived here: model, ρ, the formulas' moments, the process, the exact P(X ≤ s)
  const checked: [string, number, DemandLeadTimeMoments, (rho: number) => JointProcessSpec, (p: JointProcessSpec, s: number) => number][] = [
    ['bivariate-normal', 0.6, PRINTED_MOMENTS, (rho) => ({ kind: 'bivariateNormal', ...PRINTED_MOMENTS, correlation: rho }), (p, s) => bivariateNormalServiceProbability(p as never, s)],
    [
      'discrete-copula',
      -0.6,
      tableMoments,
      (rho) => ({ kind: 'gaussianCopula', dailyDemand: TABLE1_DAILY_DEMAND, leadTime: TABLE2_LEAD_TIME, copulaCorrelation: calibrateCopulaCorrelation(TABLE1_DAILY_DEMAND, TABLE2_LEAD_TIME, rho) }),
      (p, s) => copulaServiceProbabilities(prepareCopula(p as never), [s])[0]!,
    ],
  ];
  let out: Awaited<ReturnType<typeof correlatedRopService.run>>;
  beforeAll(async () => {
    out = await correlatedRopService.run(spec, { profile: 'quick', seed, threads: 2 });
  }, 60_000);

  it('runs: every cell reported, at least 85 % of CIs cover the exact value, running (s, Q) cells match the undershoot prediction', () => {
    const cells = out.tables.cells!;
    expect(cells).toHaveLength(2 * spec.rhos.length * spec.targets.length * 2);
    for (const c of cells) expect(Number.isFinite(c.ciLow as number) && Number.isFinite(c.ciHigh as number)).toBe(true);
    expect(out.checksPassed).toBe(true);
    const data = out.data as { runningSQ: { predictedInsideCi: number; cells: number } };
    expect(data.runningSQ.predictedInsideCi).toBeGreaterThanOrEqual(data.runningSQ.cells - 2);
    expect(out.figures!['heatmap-bivariate-normal']).toMatch(/^<svg/);
    expect(out.tables.keyCells).toHaveLength(6);
  });

  for (const [model, rho, moments, process, exactAt] of checked) {
    it(`${model}, ρ = ${rho}: reorder points, achieved, CI, exact and paired differences recomputed from the kernel's rows`, async () => {
      const targets = [P, 0.95];
      const reorderPoints = [...targets.map((p) => traditionalReorderPoint(moments, p).reorderPoint), ...targets.map((p) => correlatedReorderPoint(moments, rho, p).reorderPoint)];
      const proc = process(rho);
      // the kernel's draws do not depend on the reorder points, so these rows give the experiment's shares
      const rows = await runReplications({ kernel: cycleServiceKernel, spec: { process: proc, reorderPoints, cycles: spec.cyclesPerReplication }, seed, scenario: `correlated-rop-service/${model}/rho=${rho}`, replications: spec.replications, threads: 1 });
      const cell = (target: number, formula: string): Row => out.tables.cells!.find((c) => c.model === model && c.rho === rho && c.target === label(target) && c.formula === formula)!;
      targets.forEach((target, i) => {
        for (const [formula, idx] of [['traditional', i], ['correlated', targets.length + i]] as const) {
          const c = cell(target, formula);
          const e = tInterval(noStockoutShares(rows, idx));
          const what = `${model} ρ = ${rho} target ${label(target)} ${formula}`;
          // the table prints reorder points to 4 decimals and shares to 5: within half a unit of the last digit
          expectMatchesPrinted(reorderPoints[idx]!, c.reorderPoint as number, 4, `${what}: reorder point`);
          expectMatchesPrinted(e.mean, c.achieved as number, 5, `${what}: achieved`);
          expectMatchesPrinted(e.low, c.ciLow as number, 5, `${what}: CI low`);
          expectMatchesPrinted(e.high, c.ciHigh as number, 5, `${what}: CI high`);
          expectMatchesPrinted(exactAt(proc, reorderPoints[idx]!), c.exact as number, 5, `${what}: exact (quadrature)`);
        }
        const d = out.tables.pairedDifferences!.find((r) => r.model === model && r.rho === rho && r.target === label(target))!;
        const trad = noStockoutShares(rows, i);
        const diff = tInterval(noStockoutShares(rows, targets.length + i).map((v, k) => v - trad[k]!));
        expectMatchesPrinted(diff.mean, d['correlated − traditional'] as number, 5, 'paired difference');
        expectMatchesPrinted(diff.low, d.low as number, 5, 'paired difference, CI low');
        expectMatchesPrinted(diff.high, d.high as number, 5, 'paired difference, CI high');
      });
    }, 60_000);
  }
});
