import { describe, expect, it } from 'vitest';
import { kApproximationError } from '../../../experiments/k-approximation-error.ts';
import { NORMAL_APPROX_CLAIM } from '../../../src/models/sql-policy/safety-factor.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';

describe('experiment k-approximation-error (quick profile)', () => {
  it('finds the extremes, compares them with the claims and draws both figures', async () => {
    const out = await kApproximationError.run(kApproximationError.profiles.quick, { profile: 'quick', seed: 1, threads: 1 });
    expect(out.checksPassed).toBe(true);
    const ext = out.tables.extremes!;
    expect(ext.length).toBe(4);
    // cases 1-5: the extremes are at the ends k = ±3 (mpmath error 0.038875158513), outside the claim
    expectClose(ext[1]!.error as number, 0.038875158512989, 1e-9, 'mpmath error at k = 3');
    expect(ext[1]!.at_k).toBe(3);
    expect(ext[1]!.within_claim).toBe(false);
    // case 6: within the claim to the printed precision; min is the printed −0.000205
    expect(ext[2]!.within_claim).toBe(true);
    expect(ext[3]!.within_claim).toBe(true);
    expectMatchesPrinted(ext[2]!.error as number, -0.000205, 6, 'paper Step 6 (case 6 min)');
    const data = out.data as { normal: { interiorMax: { value: number; k: number } } };
    expectMatchesPrinted(data.normal.interiorMax.value, NORMAL_APPROX_CLAIM.max, 6, 'paper Step 6 (cases 1-5, interior)');
    expect(out.tables['service-levels']!.length).toBe(13);
    expect(out.figures!['error-normal']).toMatch(/^<svg/);
    expect(out.figures!['error-loss']).toMatch(/^<svg/);
    expect(out.headline).toMatch(/outside the claimed ±0\.035711/);
  });
});
