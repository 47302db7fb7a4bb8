/**
 * Compound Poisson demand per period: N ~ Poisson(λ) customer orders, i.i.d. order sizes S
 * (src/dist/order-size.ts), demand D = S₁ + … + S_N. E[D] = λ·E[S], Var[D] = λ·E[S²]
 * (Wald's identities for a Poisson sum; Ross, Stochastic Processes, §2.5).
 *
 * Sampling 'orders' (default) draws the count and every order's size: with a tabled order size
 * the fast path (one 32-bit word per table draw from a block buffer, aliasDraw), otherwise the
 * order-size sampler per order. 'dailyTotal' draws the period's total from its exact
 * distribution (Panjer's recursion, tabulated), one draw per period: the same distribution of
 * per-period demand, a different random stream; whole-unit sizes only.
 */
import { checkChoice, checkNumber } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import { BLOCK_WORDS } from '../rng/block.ts';
import { AliasTable, aliasDraw, branchless, FastTableSampler, type BranchlessTable } from './alias.ts';
import { orderSizeMoments, orderSizeSampler, orderSizeTable, validateOrderSize, type OrderSizeSpec } from './order-size.ts';
import { POISSON_TABLE_MAX_MEAN, poissonSampler, poissonTable } from './poisson.ts';
import { cachedTable } from './tabulate.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

export interface CompoundPoissonSpec {
  kind: 'compoundPoisson';
  ordersPerPeriod: number;
  orderSize: OrderSizeSpec;
  sampling?: 'orders' | 'dailyTotal';
}

/**
 * Compound Poisson with tabled order count and tabled (discrete) order sizes: the fast path.
 * Draws one 32-bit word per table draw from a block buffer (aliasDraw).
 */
class CompoundPoissonTabled implements PeriodSampler {
  private readonly rng: RandomStream;
  private readonly buf = new Uint32Array(BLOCK_WORDS);
  private pos = BLOCK_WORDS;
  private readonly c: BranchlessTable;
  private readonly z: BranchlessTable;
  constructor(rng: RandomStream, count: AliasTable, size: AliasTable) {
    this.rng = rng;
    this.c = branchless(count);
    this.z = branchless(size);
  }
  next(): number {
    const buf = this.buf;
    let pos = this.pos;
    // at least 65 words available: the count and up to 64 orders without a per-draw check
    if (pos > BLOCK_WORDS - 65) {
      buf.copyWithin(0, pos);
      this.rng.fillU32(buf, BLOCK_WORDS - pos);
      pos = 0;
    }
    const n = aliasDraw(this.c, buf[pos++]!);
    let s = 0;
    const z = this.z;
    if (n <= 64) {
      // at most 64 orders: every word is already in the buffer, no per-draw refill check
      const end = pos + n;
      for (; pos < end; pos++) s += aliasDraw(z, buf[pos]!);
    } else {
      for (let k = 0; k < n; k++) {
        if (pos === BLOCK_WORDS) {
          this.rng.fillU32(buf);
          pos = 0;
        }
        s += aliasDraw(z, buf[pos++]!);
      }
    }
    this.pos = pos;
    return s;
  }
}

/** Compound Poisson with sampled order sizes: count and sizes from the same stream, each through its own buffer. */
class CompoundPoissonSampled implements PeriodSampler {
  constructor(
    private readonly count: PeriodSampler,
    private readonly size: PeriodSampler,
  ) {}
  next(): number {
    const n = this.count.next();
    let s = 0;
    for (let i = 0; i < n; i++) s += this.size.next();
    return s;
  }
}

/**
 * Exact distribution of a compound Poisson period total with whole-unit order sizes, by
 * Panjer's recursion (Panjer 1981): with f_j = P(S = j) and λ orders per period,
 * p(0) = exp(−λ·(1 − f_0)), p(k) = (λ/k)·Σ_{j=1..min(k, m)} j·f_j·p(k − j),
 * carried on past the mean until the pmf is below 1e-20 (and the summed mass within 1e-12 of 1,
 * the rounding of the sum).
 */
export function compoundPoissonTotalTable(lambda: number, size: OrderSizeSpec, name = 'demand'): AliasTable {
  const key = `cpt:${lambda}:${JSON.stringify(size)}`;
  return cachedTable(key, () => {
    const t = orderSizeTable(size);
    if (t === null) throw new RangeError(`${name}.sampling 'dailyTotal' needs whole-unit order sizes (a tabled kind: normalRounded or empirical), not ${size.kind}`);
    let m = 0;
    for (const v of t.values) {
      if (!Number.isInteger(v)) throw new RangeError(`${name}.sampling 'dailyTotal' needs whole-unit order sizes, got ${v}`);
      m = Math.max(m, v);
    }
    const f = new Float64Array(m + 1);
    t.values.forEach((v, i) => (f[v] = f[v]! + t.probabilities[i]!));
    const rate = lambda * (1 - f[0]!);
    if (rate > 600) throw new RangeError(`${name}.sampling 'dailyTotal' needs ordersPerPeriod·P(size > 0) ≤ 600 (e^−rate underflows), got ${rate}`);
    const p: number[] = [Math.exp(-rate)];
    let total = p[0]!;
    const mean = lambda * t.moments().mean;
    for (let k = 1; ; k++) {
      let acc = 0;
      for (let j = 1; j <= Math.min(k, m); j++) acc += j * f[j]! * p[k - j]!;
      const pk = (lambda / k) * acc;
      p.push(pk);
      total += pk;
      if (k > mean && 1 - total < 1e-12 && pk < 1e-20) break;
      if (k > 2_000_000) throw new RangeError(`${name}.sampling 'dailyTotal': the table of period totals would exceed 2,000,000 entries`);
    }
    return new AliasTable(p.map((_, k) => k), p, `${name} period total`);
  });
}

export function validateCompoundPoisson(spec: CompoundPoissonSpec, name: string): void {
  checkNumber(spec.ordersPerPeriod, `${name}.ordersPerPeriod`, 'positive');
  validateOrderSize(spec.orderSize, `${name}.orderSize`);
  if (spec.sampling !== undefined) checkChoice(spec.sampling, `${name}.sampling`, ['orders', 'dailyTotal']);
  if (spec.sampling === 'dailyTotal') compoundPoissonTotalTable(spec.ordersPerPeriod, spec.orderSize, name);
}

/** E[D] = λ·E[S], Var[D] = λ·E[S²] = λ·(Var[S] + E[S]²). */
export function compoundPoissonMoments(spec: CompoundPoissonSpec): Moments {
  const s = orderSizeMoments(spec.orderSize);
  return { mean: spec.ordersPerPeriod * s.mean, variance: spec.ordersPerPeriod * (s.variance + s.mean * s.mean) };
}

/** The sampler of the spec's sampling mode (see the file comment). */
export function compoundPoissonSampler(spec: CompoundPoissonSpec, rng: RandomStream): PeriodSampler {
  const lam = spec.ordersPerPeriod;
  const size = orderSizeTable(spec.orderSize);
  if (size === null) {
    const count = poissonSampler(lam, rng);
    return new CompoundPoissonSampled(count, orderSizeSampler(spec.orderSize, rng));
  }
  if (spec.sampling === 'dailyTotal') return new FastTableSampler(rng, compoundPoissonTotalTable(lam, spec.orderSize));
  if (lam > POISSON_TABLE_MAX_MEAN) throw new RangeError(`demand.ordersPerPeriod must be ≤ ${POISSON_TABLE_MAX_MEAN} (per-order sampling), got ${lam}`);
  return new CompoundPoissonTabled(rng, poissonTable(lam), size);
}

export const compoundPoissonKind: Distribution<CompoundPoissonSpec> = {
  validate: validateCompoundPoisson,
  moments: compoundPoissonMoments,
  sampler: compoundPoissonSampler,
};
