import { afterAll, describe, expect, it } from 'vitest';
import { accuracyVsInventory } from '../../experiments/accuracy-vs-inventory.ts';
import { acrossForecasters, forecastAccuracy, withinSkus, type SkuPairs } from '../../experiments/lib/adaptive-accuracy.ts';
import { closePool } from '../../src/pool/run.ts';
import { checkTable } from './adaptive-invariants.ts';
import { expectClose } from '../helpers/close.ts';

afterAll(closePool);

describe('experiment accuracy-vs-inventory (quick profile)', () => {
  it('measures accuracy and stock per forecaster and SKU, with rank correlations in [-1, 1]', async () => {
    const spec = accuracyVsInventory.profiles.quick;
    const out = await accuracyVsInventory.run(spec, { profile: 'quick', seed: 12, threads: 1 });
    for (const [name, rows] of Object.entries(out.tables)) checkTable(name, rows);
    const perSku = out.tables['per-sku']!;
    const skus = new Set(perSku.map((r) => r.sku));
    expect(perSku.length).toBe(skus.size * spec.forecasters.length);
    for (const r of out.tables.correlations!) {
      for (const k of ['rho_across_forecasters', 'rho_low', 'rho_high']) if (typeof r[k] === 'number') expect(Math.abs(r[k] as number)).toBeLessThanOrEqual(1);
    }
    expect(out.tables.correlations!.filter((r) => r.group === 'all').map((r) => r.measure)).toEqual(['mase', 'rmsse', 'spl', 'abs_sme']);
    expect(out.figures!['accuracy-vs-stock']).toMatch(/^<svg/);
  });
});

describe('accuracy helpers', () => {
  it('scores a perfect forecast of a constant-step series with MASE 0', () => {
    const y = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 4 : 4));
    y[3] = 6; // a scale > 0 in the training part
    const a = forecastAccuracy(y, 30, { method: 'naive' }, 3, 1, 0.9);
    expectClose(a.mase, 0, 1e-12, 'naive forecast of a constant tail');
  });
  it('gives ρ = 1 when stock rises with the loss, within and across SKUs', () => {
    const sku = (k: number): SkuPairs => new Map([['a', { x: 1, y: 1 + k }], ['b', { x: 2, y: 2 + k }], ['c', { x: 3, y: 4 + k }]]);
    const skus = [sku(0), sku(0.5), sku(1)];
    expect(acrossForecasters(skus, ['a', 'b', 'c'], 20, 1, 'k').rho).toBe(1);
    const w = withinSkus(skus);
    expect(w.mean).toBe(1);
    expect(w.n).toBe(3);
  });
});
