/**
 * Calibration of the safety-stock methods (src/forecast/safety-stock.ts): the share of origins
 * whose realised demand over the protection interval stayed ≤ F(H) + SS, against the nominal
 * cycle service level, on i.i.d. demand with H = 1 (one-step errors of SES are then close to
 * independent, so the share is a binomial proportion with standard error √(p(1 − p)/n)).
 */
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/forecast/safety-stock.ts';
import { SesForecaster } from '../../src/forecast/ses.ts';
import { RandomStream } from '../../src/rng/stream.ts';

function series(kind: 'normal' | 'exponential', n: number): number[] {
  const rng = new RandomStream([20261201, 'calibration', kind]);
  return Array.from({ length: n }, () => (kind === 'normal' ? 100 + 20 * rng.normal() : 50 * rng.exponential()));
}

describe('safety stock calibration (coverage of the nominal quantile)', () => {
  const n = 20_000, p = 0.95;
  const rows: string[] = [];
  for (const kind of ['normal', 'exponential'] as const) {
    for (const method of ['normal', 'empirical'] as const) {
      it(`${method} method on ${kind} demand`, () => {
        const r = calibrate(series(kind, n), new SesForecaster(0.05), { method, window: 2000, minErrors: 50 }, 1, p);
        const se = Math.sqrt((p * (1 - p)) / r.origins);
        rows.push(`${kind} demand, ${method}: coverage ${r.coverage.toFixed(4)} (nominal ${p}, se ${se.toFixed(4)}), mean SS ${r.meanSafetyStock.toFixed(2)}`);
        console.info(rows.at(-1));
        // SES (α = 0.05) adds a little level-estimation error to each forecast; the errors' own
        // distribution includes it, so the empirical method is calibrated on any demand, and the
        // normal one where demand is normal
        if (method === 'empirical' || kind === 'normal') expect(Math.abs(r.coverage - p)).toBeLessThanOrEqual(4 * se);
        // on skewed (exponential) demand the normal method under-covers its quantile
        else expect(r.coverage).toBeLessThan(p - 4 * se);
      });
    }
  }
});
