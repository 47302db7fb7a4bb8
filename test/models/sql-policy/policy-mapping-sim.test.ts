/**
 * The periodic-review mapping of the sql-policy model (Katircioglu, Brown & Asghar 2007) checked against the
 * engine: with normal daily demand (mean μ, sd σ, μ/σ ≈ 6.7 so truncation at 0 moves nothing),
 * a constant lead time L and the paper's base stock every R = MLT days (RS, S = ROP, RLT = L + MLT),
 * every cycle's worst period is its last, so
 *   cycle service = P(D over L + R ≤ S) = Φ(k) exactly (k = Φ⁻¹(PNS), objective 3), and
 *   fill rate = 1 − (σ'·G(k') − σ_L·G(k_L))/(μ·R), σ' = σ·√(L + R), k' = (S − (L + R)μ)/σ',
 *   σ_L = σ·√L, k_L = (S − Lμ)/σ_L (the shortage of one cycle; objective 6).
 * Expected values from these formulas (src/core/normal.ts), tolerances 4 standard errors.
 */
import { describe, it } from 'vitest';
import { normalCdf, normalLoss } from '../../../src/core/normal.ts';
import { solveSqlPolicy } from '../../../src/models/sql-policy/model.ts';
import type { SqlPolicyParams } from '../../../src/models/sql-policy/types.ts';
import { runReplications } from '../../../src/pool/run.ts';
import { inventoryKernel } from '../../../src/sim/inventory.ts';
import { summarizeRows } from '../../../src/sim/metrics.ts';
import { expectWithinSe } from '../../helpers/close.ts';

const mu = 100;
const sigma = 15;
const L = 5;
const R = 7;
const base: SqlPolicyParams = { objective: 'no-stockout', target: 0.95, review: 'periodic', reviewPeriod: R, demand: { meanDaily: mu, sdDaily: sigma }, leadTime: { supply: { mean: L, sd: 0 } }, lot: { rule: 'flexible' }, variant: 'corrected', kMethod: 'exact' };

async function run(p: SqlPolicyParams, scenario: string) {
  const r = solveSqlPolicy(p);
  const spec = { demand: { kind: 'normal', mean: mu, sd: sigma }, leadTime: { kind: 'constant', value: L }, policy: r.policy, horizon: 70_000, warmup: 70 };
  const rows = await runReplications({ kernel: inventoryKernel, spec, seed: 5, scenario, replications: 10, threads: 1 });
  return { r, est: summarizeRows(rows) };
}

describe('periodic base stock (RS, R = MLT, S = ROP) in the engine delivers what the formulas promise', () => {
  it('objective 3: cycle service = Φ(k) = PNS', async () => {
    const { r, est } = await run(base, 'mapping/obj3');
    expectWithinSe(est.cycleServiceLevel!.mean, est.cycleServiceLevel!.se, normalCdf((r.ROP - (L + R) * mu) / (sigma * Math.sqrt(L + R))), 4, 'P(D_{L+R} ≤ S)');
    expectWithinSe(est.cycleServiceLevel!.mean, est.cycleServiceLevel!.se, 0.95, 4, 'PNS');
  });
  it('objective 6 (corrected GVALUE = (1 − P)·AOD·MLT/SDLT): fill rate as the cycle-shortage formula gives', async () => {
    const { r, est } = await run({ ...base, objective: 'fill-rate' }, 'mapping/obj6');
    const s1 = sigma * Math.sqrt(L + R);
    const sL = sigma * Math.sqrt(L);
    const exact = 1 - (s1 * normalLoss((r.ROP - (L + R) * mu) / s1) - sL * normalLoss((r.ROP - L * mu) / sL)) / (mu * R);
    expectWithinSe(est.fillRate!.mean, est.fillRate!.se, exact, 4, 'fill rate of RS from the normal loss function');
  });
});
