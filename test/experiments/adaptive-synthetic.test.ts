import { afterAll, describe, expect, it } from 'vitest';
import { adaptiveSynthetic, observedStats, scaled, SCENARIOS } from '../../experiments/adaptive-synthetic.ts';
import { meanPath } from '../../src/dist/non-stationary.ts';
import { closePool } from '../../src/pool/run.ts';
import { checkTable } from './adaptive-invariants.ts';
import { expectClose } from '../helpers/close.ts';

afterAll(closePool);

describe('experiment adaptive-synthetic (quick profile)', () => {
  it('runs every family and the oracle on each scenario, with intervals and no NaN', async () => {
    const spec = adaptiveSynthetic.profiles.quick;
    const out = await adaptiveSynthetic.run(spec, { profile: 'quick', seed: 12, threads: 1 });
    for (const [name, rows] of Object.entries(out.tables)) checkTable(name, rows);
    const perSku = out.tables['per-sku']!;
    expect(new Set(perSku.map((r) => r.scenario))).toEqual(new Set(spec.scenarios));
    expect(new Set(perSku.map((r) => r.family))).toEqual(new Set(['static', 'adaptive-normal', 'adaptive-empirical', 'days-of-supply', 'no-safety-stock', 'oracle', 'simopt']));
    // the oracle is compared with every other family, per scenario and over all
    const vsOracle = out.tables['vs-oracle']!;
    expect(vsOracle.filter((r) => r.group === 'all').map((r) => r.family).sort()).toEqual(['adaptive-empirical', 'adaptive-normal', 'days-of-supply', 'no-safety-stock', 'simopt', 'static']);
    expect(out.figures!['tradeoff-fill']).toMatch(/^<svg/);
    expect(out.headline).toMatch(/oracle/);
  });

  it('trains the static policy on an observed history of the generator (mean close to the truth)', () => {
    const spec = scaled(SCENARIOS.stationary!, 2);
    const days = 2000;
    const st = observedStats('t', spec, days, 1, 7);
    const truth = meanPath(spec, 0); // 8 per day
    // Poisson(8) daily: the sample mean's standard error is √(8/days); allow 4 of them
    expectClose(st.sum / days, truth, 4 * Math.sqrt(truth / days), 'observed daily mean vs the true mean');
    expect(st.leadTime.supply?.sd).toBe(0);
  });

  it('rejects an unknown scenario by name', async () => {
    await expect(adaptiveSynthetic.run({ ...adaptiveSynthetic.profiles.quick, scenarios: ['nope'] }, { profile: 'custom', seed: 1, threads: 1 })).rejects.toThrow(/unknown scenario 'nope'/);
  });
});
