/**
 * The oracle policy of the synthetic experiment: the (R, s, S) rule of src/policy/adaptive.ts
 * with R = 1, but with the generator's TRUE moments in place of a forecast and of forecast
 * errors (src/dist/non-stationary.ts meanPath, nonStationaryMoments). At the end of period t,
 * with H = L + 1 (the engine's protection interval: an order placed at t arrives after L periods
 * and the next review is at t + 1),
 *   μ_H = Σ_{u=t+1..t+H} m_u,  σ_H² = Σ Var D_u  (periods independent),
 *   s_t = μ_H + SS,  SS = Φ⁻¹(p)·σ_H (cycle service p) or σ_H·G⁻¹((1 − β)·C_t/σ_H) (fill rate β,
 *   the normal loss approximation of Silver, Pyke & Thomas 2017 §7, as the adaptive 'normal' method)
 *   for c = 0; for c > 0 and a fill rate, the rule's (R, s, S) sizing (AdaptiveRule.coverLevel): x solving
 *   (★) of src/forecast/lot-safety-stock.ts with normal H- and L-period laws of the true variances,
 *   rest = μ_H − μ_L, g = (1 − β)·m_{t+1} and the position spread Q′ = coverLotSpread(Σ_{u=t+1..t+c} m_u,
 *   m_{t+1}, Var D_{t+1}) (Hadley & Whitin 1963, ch. 5), so the oracle differs from the adaptive rule only
 *   in knowing the moments;
 *   S_t = s_t + Σ_{u=t+1..t+c} m_u,
 * ordering up to S_t (rounded up to whole units) when the position is at most s_t (below it for c = 0).
 * It knows the mean path and the variance exactly; it does not know the realised demand.
 */
import { normalLossInverse, normalQuantile } from '../../src/core/normal.ts';
import { checkNumber } from '../../src/core/validate.ts';
import { meanPath, nonStationaryMoments, validateNonStationary, type NonStationarySpec } from '../../src/dist/non-stationary.ts';
import { validateServiceTarget, type ServiceTarget } from '../../src/forecast/safety-stock.ts';
import { coverLotSpread, NormalLotLaw, solveLotSafetyStock } from '../../src/forecast/lot-safety-stock.ts';
import type { OrderingRule } from '../../src/policy/rules.ts';

export interface OraclePolicy {
  kind: 'oracle';
  demand: NonStationarySpec;
  /** constant lead time L (whole periods) the oracle plans for */
  leadTime: number;
  target: ServiceTarget;
  /** c: periods of true mean demand between s and S (0: order up to s every period) */
  orderCover: number;
  initialStock: number;
}

export function validateOracle(p: OraclePolicy, name: string): void {
  validateNonStationary(p.demand, `${name}.demand`);
  checkNumber(p.leadTime, `${name}.leadTime`, 'int0');
  validateServiceTarget(p.target, `${name}.target`);
  checkNumber(p.orderCover, `${name}.orderCover`, 'int0');
  checkNumber(p.initialStock, `${name}.initialStock`, 'nonneg');
}

export class OracleRule implements OrderingRule {
  positionAfter = NaN;
  constructor(private readonly p: OraclePolicy) {}
  /** s_t of the file comment. */
  level(t: number): number {
    const H = this.p.leadTime + 1;
    let mu = 0;
    let v = 0;
    for (let u = t + 1; u <= t + H; u++) {
      const m = nonStationaryMoments(this.p.demand, u);
      mu += m.mean;
      v += m.variance;
    }
    const sd = Math.sqrt(v);
    const { metric, value } = this.p.target;
    if (!(sd > 0)) return mu;
    if (metric === 'cycleServiceLevel') return mu + normalQuantile(value) * sd;
    if (this.p.orderCover > 0) return mu + this.coverSafetyStock(t, mu, sd, value);
    const g = (1 - value) * meanPath(this.p.demand, t + 1);
    return g > 0 ? mu + sd * normalLossInverse(g / sd) : mu;
  }
  /** The fill-rate safety stock of the (R, s, S) sizing with the true moments (file comment). */
  private coverSafetyStock(t: number, muH: number, sdH: number, beta: number): number {
    let muL = 0;
    let vL = 0;
    for (let u = t + 1; u <= t + this.p.leadTime; u++) {
      const m = nonStationaryMoments(this.p.demand, u);
      muL += m.mean;
      vL += m.variance;
    }
    let cover = 0;
    for (let u = t + 1; u <= t + this.p.orderCover; u++) cover += meanPath(this.p.demand, u);
    const next = nonStationaryMoments(this.p.demand, t + 1);
    const g = (1 - beta) * next.mean;
    if (!(g > 0)) return 0;
    const Q = coverLotSpread(cover, next.mean, next.variance);
    const x = solveLotSafetyStock(new NormalLotLaw(sdH), new NormalLotLaw(Math.sqrt(vL)), muH - muL, Q, g);
    return x === x ? x : sdH * normalLossInverse(g / sdH);
  }
  review(t: number, ip: number): number {
    const s = this.level(t);
    const c = this.p.orderCover;
    if (c === 0 ? !(ip < s) : ip > s) return 0;
    let S = s;
    for (let u = t + 1; u <= t + c; u++) S += meanPath(this.p.demand, u);
    if (!(ip < S)) return 0;
    return Math.max(1, Math.ceil(S - ip - 1e-9));
  }
}
