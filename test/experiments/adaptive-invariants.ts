/** Structural checks shared by the adaptive-policy experiment tests (no tuned numbers). */
import { expect } from 'vitest';
import type { Row } from '../../src/io/csv-write.ts';

/** No NaN anywhere; every (x, x_low, x_high) triple has low ≤ x ≤ high; rates and shares in [0, 1]. */
export function checkTable(name: string, rows: readonly Row[]): void {
  expect(rows.length, `${name} has rows`).toBeGreaterThan(0);
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'number') expect(Number.isNaN(v), `${name}.${k} is NaN in ${JSON.stringify(r)}`).toBe(false);
      const lo = r[`${k}_low`];
      const hi = r[`${k}_high`];
      if (typeof v === 'number' && typeof lo === 'number' && typeof hi === 'number') {
        expect(lo, `${name}.${k}_low ≤ ${k} in ${JSON.stringify(r)}`).toBeLessThanOrEqual(v + 1e-12);
        expect(hi, `${name}.${k}_high ≥ ${k} in ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(v - 1e-12);
      }
      if (typeof v === 'number' && /^(share_|fill_rate$|ready_rate$)/.test(k)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  }
}
