import { describe, it } from 'vitest';
import { normalCdf, normalLoss, normalLossInverse, normalPdf, normalQuantile, normalUpperTail } from '../../src/core/normal.ts';
import { expectClose, expectRelClose } from '../helpers/close.ts';

// Reference values: Abramowitz & Stegun Table 26.1 and high-precision values (mpmath, 30 digits).
const CDF_REFERENCE: [number, number][] = [
  [0, 0.5],
  [1, 0.841344746068542948585232545632],
  [-1, 0.158655253931457051414767454368],
  [1.96, 0.975002104851780119261668803306],
  [-3, 0.00134989803163009452665181476759],
  [-5, 2.86651571879193911673752333463e-7],
  [-10, 7.61985302416052606597334325145e-24],
  [-20, 2.75362411860623244046680141047e-89],
  [2.5, 0.993790334674223441764261839733],
];

describe('normal distribution', () => {
  it('Φ matches high-precision values to relative 1e-13, tails included', () => {
    for (const [x, p] of CDF_REFERENCE) expectRelClose(normalCdf(x), p, 1e-13, `Φ(${x})`);
  });
  it('φ integrates to Φ (Simpson on [-8, 1.3])', () => {
    const n = 4000;
    const a = -8;
    const b = 1.3;
    const h = (b - a) / n;
    let s = normalPdf(a) + normalPdf(b);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * normalPdf(a + i * h);
    expectClose((s * h) / 3, normalCdf(b), 1e-12, 'Simpson');
  });
  it('Φ is continuous at the series / continued-fraction switch (|x| = 3)', () => {
    expectRelClose(normalCdf(-3 - 1e-12), normalCdf(-3 + 1e-12), 1e-11, 'left/right of -3');
    expectRelClose(normalUpperTail(3 - 1e-12), normalUpperTail(3 + 1e-12), 1e-11, 'left/right of 3');
  });
  it('Φ⁻¹ inverts Φ with relative error ≤ 1e-12 on p in [1e-15, 1 − 1e-15]', () => {
    const ps: number[] = [1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.02425, 0.05, 0.1, 0.25, 0.5, 0.6, 0.75, 0.8565, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-12, 1 - 1e-15];
    for (let i = 1; i < 200; i++) ps.push(i / 200);
    for (const p of ps) {
      const x = normalQuantile(p);
      if (p <= 0.5) expectRelClose(normalCdf(x), p, 1e-12, `Φ(Φ⁻¹(${p}))`);
      else expectRelClose(normalUpperTail(x), 1 - p, 1e-12, `Q(Φ⁻¹(${p}))`);
    }
  });
  it('Φ⁻¹ known quantiles', () => {
    expectRelClose(normalQuantile(0.975), 1.95996398454005423552459443052, 1e-13, 'z 0.975');
    expectRelClose(normalQuantile(0.95), 1.64485362695147271486568743628, 1e-13, 'z 0.95');
    expectRelClose(normalQuantile(1e-10), -6.36134090240406622007257, 1e-12, 'z 1e-10');
    expectClose(normalQuantile(0.5), 0, 1e-15, 'z 0.5');
  });
  it('loss function G(k) = φ(k) − k(1 − Φ(k)) at reference values', () => {
    expectRelClose(normalLoss(0), 1 / Math.sqrt(2 * Math.PI), 1e-14, 'G(0)');
    // G(1) = φ(1) − Q(1) = 0.0833154705876864
    expectRelClose(normalLoss(1), 0.0833154705876864, 1e-12, 'G(1)');
    // G(-2) = φ(2) + 2Φ(2)... G(-k) = G(k) + k
    expectRelClose(normalLoss(-2), normalLoss(2) + 2, 1e-14, 'G(-2) = G(2) + 2');
  });
  it('G⁻¹ inverts G to |error| ≤ 1e-10 over k in [-4, 6]', () => {
    for (let k = -4; k <= 6; k += 0.01) {
      const g = normalLoss(k);
      expectClose(normalLossInverse(g), k, 1e-10, `G⁻¹(G(${k.toFixed(2)}))`);
    }
  });
  it('rejects p outside [0, 1] and g ≤ 0 with a named RangeError', async () => {
    const { expect } = await import('vitest');
    expect(() => normalQuantile(1.5)).toThrow(/p must be in \[0, 1\]/);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
    expect(() => normalLossInverse(0)).toThrow(/g must be a positive/);
  });
});
