import { afterAll, describe, expect, it } from 'vitest';
import { adaptiveVsStatic } from '../../experiments/adaptive-vs-static.ts';
import { closePool } from '../../src/pool/run.ts';
import { checkTable } from './adaptive-invariants.ts';
import { expectClose } from '../helpers/close.ts';

afterAll(closePool);

describe('experiment adaptive-vs-static (quick profile)', () => {
  it('compares every family on common random numbers, with intervals, matched stock and shares per SBC class', async () => {
    const spec = adaptiveVsStatic.profiles.quick;
    const out = await adaptiveVsStatic.run(spec, { profile: 'quick', seed: 12, threads: 1 });
    for (const [name, rows] of Object.entries(out.tables)) checkTable(name, rows);
    // the origin's rows, and the constant-lead-time control of the same origin beside them
    expect(new Set(out.tables['per-sku']!.map((r) => r.split))).toEqual(new Set([...spec.splits, `${spec.splits[0]} constant lead time`, `${spec.splits[0]} slow safety-stock methods`]));
    // the slow safety-stock methods ran beside their own static reference
    const slow = out.tables['per-sku']!.filter((r) => r.split === `${spec.splits[0]} slow safety-stock methods`);
    expect(new Set(slow.map((r) => r.family))).toEqual(new Set(['static', 'no-safety-stock', ...spec.slowMethods!.methods.map((m) => `adaptive-${m}`)]));
    const perSku = out.tables['per-sku']!.filter((r) => r.split === spec.splits[0]);
    const families = new Set(perSku.map((r) => r.family));
    for (const f of ['static', ...spec.ssMethods.map((m) => `adaptive-${m}`), 'days-of-supply', 'no-safety-stock', 'simopt']) expect(families.has(f), f).toBe(true);
    // every SKU runs every static and adaptive point
    const skus = new Set(perSku.map((r) => r.sku));
    for (const f of ['static', 'adaptive-normal']) {
      const n = f === 'static' ? spec.targets.length : spec.targets.length + spec.lowQuantiles.length;
      expect(perSku.filter((r) => r.family === f).length).toBe(skus.size * n);
    }
    // the paired (CRN) differences: one row per SKU and non-static family at its nominal point
    const paired = out.tables.paired!.filter((r) => r.split === spec.splits[0]);
    expect(paired.length).toBe(skus.size * (families.size - 1));
    // shares count SKUs: meeting ≤ skus and share = meeting / skus
    for (const r of out.tables['share-meeting']!) expectClose(r.share_meeting_target as number, (r.meeting as number) / (r.skus as number), 1e-15, `${r.group} ${r.family} share`);
    // matched + unreachable never exceed the SKUs of the group
    for (const r of out.tables['matched-service']!) expect((r.matched as number) + (r.unreachable as number)).toBeLessThanOrEqual(r.skus as number);
    expect(out.figures!['tradeoff-fill']).toMatch(/^<svg/);
    expect(out.figures!['tradeoff-ready']).toMatch(/^<svg/);
    expect(out.headline).toMatch(/relative to its stock/);
    expect(out.markdown).toMatch(/white paper's claim/);
  });

  it('gives rows that do not depend on the thread count (pool)', async () => {
    const spec = { ...adaptiveVsStatic.profiles.quick, skuEvery: 34, simopt: null, slowMethods: null, leadTimeControl: false };
    const a = await adaptiveVsStatic.run(spec, { profile: 'custom', seed: 5, threads: 1 });
    const b = await adaptiveVsStatic.run(spec, { profile: 'custom', seed: 5, threads: 2 });
    expect(b.tables['per-sku']).toEqual(a.tables['per-sku']);
  });
});
