import { describe, expect, it } from 'vitest';
import { dataWindowDays, orderStatistics, sampleMeanSd, solveForSkus } from '../../../src/models/sql-policy/raw.ts';
import { expectClose } from '../../helpers/close.ts';

describe('Steps 1-2 from sums', () => {
  it('Step 2: mean and sample sd (the printed "=" read as "−")', () => {
    // observations 2, 4, 4, 5, 7, 8: mean 5, sample variance (174 − 6·25)/5 = 4.8
    const xs = [2, 4, 4, 5, 7, 8];
    const r = sampleMeanSd(xs.length, xs.reduce((a, b) => a + b, 0), xs.reduce((a, b) => a + b * b, 0));
    expectClose(r.mean, 5, 1e-15, 'hand');
    expectClose(r.sd, Math.sqrt(4.8), 1e-15, 'hand');
    expect(() => sampleMeanSd(1, 3, 9)).toThrow(/at least 2 observations are needed for a standard deviation/);
  });
  it('Step 1: AOQ, SOQ, OAR from N, TOQ, TOQS and T', () => {
    // orders 3, 5, 10 in a 30-day window: AOQ = 6, SOQ = sqrt((134 − 108)/2) = sqrt(13), OAR = 0.1
    const s = orderStatistics(3, 18, 134, 30);
    expectClose(s.AOQ, 6, 1e-15, 'hand');
    expectClose(s.SOQ, Math.sqrt(13), 1e-15, 'hand');
    expectClose(s.OAR, 0.1, 1e-15, 'hand');
    expect(() => orderStatistics(3, 18, 134, 0)).toThrow(/data window T must be > 0 days/);
  });
  it('the data window T: calendar or trading days', () => {
    expect(dataWindowDays(100, 473, 305, 'calendar')).toBe(374);
    expect(dataWindowDays(100, 473, 305, 'trading')).toBe(305);
  });
  it('solveForSkus names the SKU in errors', () => {
    const settings = { objective: 'no-stockout' as const, target: 0.9, review: 'continuous' as const, lot: { rule: 'default' as const }, variant: 'corrected' as const, kMethod: 'exact' as const };
    const ok = solveForSkus([{ sku: 'A', n: 3, sum: 18, sumSquares: 134, leadTime: { supply: { mean: 5, sd: 1 } } }], 30, settings);
    expectClose(ok[0]!.result.AOD, 0.6, 1e-15, 'OAR·AOQ');
    expect(() => solveForSkus([{ sku: 'B', n: 1, sum: 3, sumSquares: 9, leadTime: { supply: { mean: 5, sd: 1 } } }], 30, settings)).toThrow(/SKU 'B': at least 2 observations/);
  });
});
