/**
 * The two seed-004 experiments in their quick profile: Table 4 must match all 36 published
 * values (checksPassed), and the service experiment must report every cell with a CI, its
 * simulated values consistent with the exact integrals.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { correlatedRopService } from '../../../experiments/correlated-rop-service.ts';
import { correlatedRopTable4 } from '../../../experiments/correlated-rop-table4.ts';
import { closePool } from '../../../src/pool/run.ts';

afterAll(closePool);

describe('experiment correlated-rop-table4', () => {
  it('reproduces all 36 values of Table 4 and the text claims', async () => {
    const out = await correlatedRopTable4.run({ profile: 'quick', seed: correlatedRopTable4.seed, threads: 1 });
    expect(out.checksPassed).toBe(true);
    expect(out.tables.table4!.filter((r) => r.withinRounding === true)).toHaveLength(36);
    expect(out.figures!.figure1).toMatch(/^<svg/);
    expect(out.markdown).toMatch(/36 of 36 Table 4 values match/);
  });
});

describe('experiment correlated-rop-service (quick)', () => {
  it('every cell has a CI; at least 85 % of CIs cover the exact value; running (s, Q) cells match the undershoot prediction', async () => {
    const out = await correlatedRopService.run({ profile: 'quick', seed: correlatedRopService.seed, threads: 2 });
    const cells = out.tables.cells!;
    expect(cells).toHaveLength(2 * 8 * 6 * 2);
    for (const c of cells) {
      expect(Number.isFinite(c.ciLow as number) && Number.isFinite(c.ciHigh as number)).toBe(true);
      expect((c.ciLow as number) <= (c.achieved as number) && (c.achieved as number) <= (c.ciHigh as number)).toBe(true);
    }
    expect(out.checksPassed).toBe(true);
    const data = out.data as { runningSQ: { predictedInsideCi: number; cells: number } };
    expect(data.runningSQ.predictedInsideCi).toBeGreaterThanOrEqual(data.runningSQ.cells - 2);
    expect(out.figures!['heatmap-bivariate-normal']).toMatch(/^<svg/);
    expect(out.tables.keyCells).toHaveLength(6);
  }, 60_000);
});
