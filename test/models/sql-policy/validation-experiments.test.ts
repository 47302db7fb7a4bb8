import { afterAll, describe, expect, it } from 'vitest';
import { sqlPolicyBacktest } from '../../../experiments/sql-policy-backtest.ts';
import { sqlPolicyService } from '../../../experiments/sql-policy-service.ts';
import { closePool } from '../../../src/pool/run.ts';
import { expectClose } from '../../helpers/close.ts';

afterAll(closePool);

describe('experiment sql-policy-service (quick profile)', () => {
  it('measures every service objective, review, variant and k in every scenario, with baselines, frontier, cost and profit', async () => {
    const out = await sqlPolicyService.run(sqlPolicyService.profiles.quick, { profile: 'quick', seed: 7, threads: 1 });
    const service = out.tables.service!;
    expect(service.length).toBe(5 * 2 * 4 * 2 * 2);
    for (const r of service) expect(Number.isFinite(r.achieved as number)).toBe(true);
    // the k approximation changes the achieved service by little: |approx − exact| ≤ 0.01 in every cell
    for (const r of out.tables['k-effect']!) expect(Math.abs(r['approx − exact (assumptions)'] as number)).toBeLessThanOrEqual(0.01);
    // the printed flexible-lot fill-rate GVALUE is MLT times smaller, so it over-delivers under periodic review
    const f = (variant: string) => service.find((r) => r.scenario === 'assumptions' && r.review === 'periodic' && r.objective === 'fill-rate' && r.variant === variant && r.k_method === 'exact')!.achieved as number;
    expect(f('printed')).toBeGreaterThan(f('corrected'));
    // no safety stock serves worse than the model on the same demand (paired difference below 0)
    for (const r of out.tables.baselines!.filter((x) => x.policy === 'no-safety-stock')) expect(r.d_fill_rate as number).toBeLessThan(0);
    // case 1B as printed inverts the service level: its cycle service is far below the corrected one
    const cost = out.tables.cost!;
    for (const sc of ['assumptions', 'low-volume']) {
      const printed = cost.find((r) => r.scenario === sc && r.case === '1B default lot (printed)')!;
      const corrected = cost.find((r) => r.scenario === sc && r.case === '1B default lot (corrected)')!;
      // printed = r and corrected = 1 − r for the same r: equal up to the rounding of 1 − r (an ulp of 1)
      expectClose(printed.PVALUE as number, 1 - (corrected.PVALUE as number), 5e-13, `${sc}: printed case 1B PVALUE = 1 − corrected`);
      expect(printed.model_cost as number).toBeGreaterThan(corrected.model_cost as number);
    }
    expect(out.tables.profit!.length).toBe(10);
    expect(out.figures!['achieved-vs-target']).toMatch(/^<svg/);
    expect(out.figures!.frontier).toMatch(/^<svg/);
    expect(out.headline).toMatch(/Under the paper's assumptions/);
  });
});

describe('experiment sql-policy-backtest (quick profile: every tenth SKU)', () => {
  it('summarises by class and pattern, with baselines, scatter and frontier', async () => {
    const out = await sqlPolicyBacktest.run(sqlPolicyBacktest.profiles.quick, { profile: 'quick', seed: 11, threads: 1 });
    const byClass = out.tables['by-class']!;
    const all = byClass.filter((r) => r.group === 'all');
    expect(all.length).toBe(2 * 2 * 9);
    for (const r of all) expect(r.skus).toBe(17);
    expect(new Set(byClass.map((r) => r.group))).toEqual(new Set(['fast', 'medium', 'slow', 'very_slow', 'new', 'discontinued', 'all']));
    // discontinued SKUs have no demand after the split: skipped out of sample
    for (const r of byClass.filter((x) => x.split === 'out-of-sample' && x.group === 'discontinued')) expect(r.skipped).toBe(r.skus);
    // baselines ran on the same replay: no safety stock holds less stock than the model
    for (const r of byClass.filter((x) => x.config === 'obj3-continuous' && x.group === 'all')) expect(r['no-safety-stock_on_hand_ratio'] as number).toBeLessThan(1);
    expect(out.tables['per-sku']!.length).toBe(2 * 2 * 9 * 17);
    expect(out.tables.scatter!.length).toBeGreaterThan(0);
    expect(out.figures!['achieved-vs-target']).toMatch(/^<svg/);
    expect(out.headline).toMatch(/real wholesale SKUs/);
    // every SKU with demand is in the denominator: measured + unmeasured = with demand, share = meeting / with demand
    for (const r of byClass) {
      expect((r.measured as number) + (r.unmeasured as number)).toBe(r.with_demand);
      if ((r.with_demand as number) > 0) expectClose(r.share_meeting_target as number, (r.meeting as number) / (r.with_demand as number), 1e-15, `${r.config} ${r.group} share`);
    }
    // the waterfall: per class, the steps add up to target − L5 (up to rounding), each step with an interval in the 'all' row
    const wf = out.tables.waterfall!;
    for (const g of new Set(wf.map((r) => r.group as string))) {
      const m = (name: string): number => wf.find((r) => r.group === g && r.name === name)!.mean as number;
      const steps = wf.filter((r) => r.group === g && r.kind === 'step').reduce((a, r) => a + (r.mean as number), 0);
      expectClose(steps, m('target') - m('fractionalPolicy'), 1e-12, `${g}: steps add up to the gap`);
    }
    for (const r of wf.filter((x) => x.group === 'all' && x.kind === 'step')) expect((r.ci_high as number) > (r.ci_low as number)).toBe(true);
    expect(out.tables['waterfall-per-sku']!.length).toBe(17);
    expect(out.figures!.waterfall).toMatch(/^<svg/);
    expect(out.figures!.waterfall).toMatch(/target 0\.95/);
    expect(out.figures!.frontier).toMatch(/target 0\.95/);
    // pages print no NaN
    expect(`${out.headline}\n${out.markdown}`).not.toMatch(/NaN/);
    expect(out.markdown).toMatch(/Synthetic control/);
  });
});
