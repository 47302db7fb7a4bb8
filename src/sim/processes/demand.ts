/**
 * Demand per period: plain-data specifications, samplers and exact moments.
 *
 * Every spec is JSON (it crosses into worker threads and files). A sampler is bound to one
 * RandomStream (keyed by seed, scenario, replication and process 'demand') and returns the
 * demand of the next period, in units (integer for the discrete processes, real otherwise).
 * `demandMoments(spec)` gives the exact mean and variance of one period's demand, which the
 * sample-moment tests check. Definitions in src/sim/README.md.
 */
import { logGamma } from '../../core/stats.ts';
import { logFactorial, type RandomStream } from '../../rng/stream.ts';
import { BLOCK_WORDS } from '../../rng/block.ts';
import { ZigguratGamma, ZigguratNormal } from '../../rng/ziggurat.ts';
import { AliasTable, tabulateUnimodal, weightedMoments, type Moments } from './discrete.ts';
import { censoredNormalMoments, normalInterval, TruncatedNormalSampler, truncatedNormalMoments } from './normal-parts.ts';

/** Size of one customer order (units). */
export type OrderSizeSpec =
  /** max(1, round(X)), X ~ N(mean, sd²): seed 001's normal order quantities made whole units */
  | { kind: 'normalRounded'; mean: number; sd: number }
  /** Gamma with the given mean and sd (real-valued units) */
  | { kind: 'gamma'; mean: number; sd: number }
  /** one of `values` with probability ∝ `weights` (equal if omitted) */
  | { kind: 'empirical'; values: number[]; weights?: number[] };

export type DemandSpec =
  /**
   * Poisson(ordersPerPeriod) customer orders per period, i.i.d. order sizes. sampling 'orders'
   * (default) draws the order count and every order's size; 'dailyTotal' draws the period's
   * total from its exact distribution (Panjer's recursion, tabulated), one draw per period:
   * the same distribution of per-period demand, a different random stream; whole-unit sizes only.
   */
  | { kind: 'compoundPoisson'; ordersPerPeriod: number; orderSize: OrderSizeSpec; sampling?: 'orders' | 'dailyTotal' }
  /**
   * X ~ N(mean, sd²) of the underlying normal; belowZero 'truncate' (default) conditions on
   * X ≥ 0, 'censor' returns max(0, X). Real-valued.
   */
  | { kind: 'normal'; mean: number; sd: number; belowZero?: 'truncate' | 'censor' }
  | { kind: 'poisson'; mean: number }
  /** negative binomial with the given mean and variance (variance > mean) */
  | { kind: 'negativeBinomial'; mean: number; variance: number }
  | { kind: 'gamma'; mean: number; sd: number }
  /** i.i.d. draws from an empirical daily distribution */
  | { kind: 'empirical'; values: number[]; weights?: number[] }
  /**
   * replay of a recorded history: 'inOrder' reads it cyclically from the first period
   * (start 'first', default) or from a random start; 'blockBootstrap' concatenates blocks of
   * blockLength consecutive periods (default 7) starting at uniformly random positions
   * (circular block bootstrap, Politis & Romano 1992).
   */
  | { kind: 'replay'; history: number[]; mode?: 'inOrder' | 'blockBootstrap'; blockLength?: number; start?: 'first' | 'random' };

/** A per-period sampler bound to its stream. */
export interface PeriodSampler {
  next(): number;
}

function positive(x: unknown, name: string): number {
  if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x)) throw new RangeError(`${name} must be a finite number > 0, got ${String(x)}`);
  return x;
}
function nonNegative(x: unknown, name: string): number {
  if (typeof x !== 'number' || !(x >= 0) || !Number.isFinite(x)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(x)}`);
  return x;
}
function numberArray(x: unknown, name: string, nonNeg: boolean): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new TypeError(`${name} must be a non-empty array of numbers`);
  x.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (nonNeg && v < 0)) throw new RangeError(`${name}[${i}] must be a finite number${nonNeg ? ' ≥ 0' : ''}, got ${String(v)}`);
  });
  return x as number[];
}

// ---------------------------------------------------------------------------------------------
// Tables (cached per parameter set; building is deterministic, so sharing is safe)

const tableCache = new Map<string, AliasTable>();
function cached(key: string, build: () => AliasTable): AliasTable {
  let t = tableCache.get(key);
  if (!t) {
    if (tableCache.size > 256) tableCache.clear();
    t = build();
    tableCache.set(key, t);
  }
  return t;
}

/** Largest Poisson mean sampled from a table; above it the PTRS rejection sampler of RandomStream. */
export const POISSON_TABLE_MAX_MEAN = 1e5;

/** Poisson(mean) pmf table: p(k) = exp(−m + k·ln m − ln k!). */
export function poissonTable(mean: number): AliasTable {
  return cached(`pois:${mean}`, () => {
    const lm = Math.log(mean);
    return tabulateUnimodal((k) => (k < 0 ? 0 : Math.exp(-mean + k * lm - logFactorial(k))), Math.floor(mean), 0, `Poisson(${mean}) table`);
  });
}

/** Order size max(1, round(X)), X ~ N(μ, σ²): p(1) = Φ((1.5 − μ)/σ), p(k) = P(k − ½ ≤ X < k + ½) for k ≥ 2. */
export function normalRoundedTable(mu: number, sigma: number): AliasTable {
  return cached(`nr:${mu}:${sigma}`, () => {
    const pmf = (k: number): number => (k < 1 ? 0 : k === 1 ? normalInterval(mu, sigma, -Infinity, 1.5) : normalInterval(mu, sigma, k - 0.5, k + 0.5));
    return tabulateUnimodal(pmf, Math.max(1, Math.round(mu)), 1, `normal-rounded order size (${mu}, ${sigma})`);
  });
}

/** Negative binomial with mean m and variance v > m: p = m/v, r = m²/(v − m); P(k) = Γ(k + r)/(Γ(r)·k!)·p^r·(1 − p)^k. */
export function negativeBinomialTable(mean: number, variance: number): AliasTable {
  return cached(`nb:${mean}:${variance}`, () => {
    const p = mean / variance;
    const r = (mean * mean) / (variance - mean);
    const c = r * Math.log(p) - logGamma(r);
    const lq = Math.log1p(-p);
    const pmf = (k: number): number => (k < 0 ? 0 : Math.exp(c + logGamma(k + r) - logFactorial(k) + k * lq));
    const mode = r > 1 ? Math.floor(((r - 1) * (1 - p)) / p) : 0;
    return tabulateUnimodal(pmf, mode, 0, `negative binomial (${mean}, ${variance}) table`);
  });
}

function empiricalTable(values: number[], weights: number[] | undefined, name: string): AliasTable {
  if (weights !== undefined) numberArray(weights, `${name}.weights`, true);
  return new AliasTable(values, weights ?? values.map(() => 1), name);
}

// ---------------------------------------------------------------------------------------------
// Order sizes

export function validateOrderSize(spec: OrderSizeSpec, name = 'orderSize'): void {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${name} must be an object with a kind`);
  switch (spec.kind) {
    case 'normalRounded':
      nonNegative(spec.mean, `${name}.mean`);
      positive(spec.sd, `${name}.sd`);
      return;
    case 'gamma':
      positive(spec.mean, `${name}.mean`);
      positive(spec.sd, `${name}.sd`);
      return;
    case 'empirical':
      numberArray(spec.values, `${name}.values`, true);
      empiricalTable(spec.values, spec.weights, name);
      return;
    default:
      throw new RangeError(`${name}.kind must be 'normalRounded', 'gamma' or 'empirical', got '${String((spec as { kind: unknown }).kind)}'`);
  }
}

/** Mean and second moment E[S²] of an order size. */
export function orderSizeMoments(spec: OrderSizeSpec): Moments {
  switch (spec.kind) {
    case 'normalRounded':
      return normalRoundedTable(spec.mean, spec.sd).moments();
    case 'gamma':
      return { mean: spec.mean, variance: spec.sd * spec.sd };
    case 'empirical': {
      const t = empiricalTable(spec.values, spec.weights, 'orderSize');
      return weightedMoments(t.values, t.probabilities);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Samplers

/**
 * Compound Poisson with tabled order count and tabled (discrete) order sizes: the fast path.
 * Draws one 32-bit word per table draw from a block buffer (AliasTable.sampleFast).
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
    const c = this.c;
    let u = buf[pos++]!;
    let i = u >>> c.shift;
    const n = c.both[i + ((((u & c.mask) - c.threshold[i]!) >>> 31) << c.bits)]!;
    let s = 0;
    const z = this.z;
    const shift = z.shift;
    const mask = z.mask;
    const bits = z.bits;
    const thr = z.threshold;
    const both = z.both;
    if (n <= 64) {
      const end = pos + n;
      for (; pos < end; pos++) {
        u = buf[pos]!;
        i = u >>> shift;
        s += both[i + ((((u & mask) - thr[i]!) >>> 31) << bits)]!;
      }
    } else {
      for (let k = 0; k < n; k++) {
        if (pos === BLOCK_WORDS) {
          this.rng.fillU32(buf);
          pos = 0;
        }
        u = buf[pos++]!;
        i = u >>> shift;
        s += both[i + ((((u & mask) - thr[i]!) >>> 31) << bits)]!;
      }
    }
    this.pos = pos;
    return s;
  }
}

/**
 * A 32-bit alias table laid out for a branch-free draw: both[i] = alias value of column i,
 * both[i + 2^bits] = own value; the coin (u & mask) − threshold is negative exactly when the
 * column's own value is taken, and its sign bit selects the half.
 */
interface BranchlessTable {
  bits: number;
  shift: number;
  mask: number;
  threshold: Int32Array;
  both: Float64Array;
}

function branchless(t: AliasTable): BranchlessTable {
  const f = t.fastForm();
  // at least 2 columns so that the coin has at most 31 bits and thresholds fit an Int32
  const bits = Math.max(1, 32 - f.shift);
  const cols = 1 << bits;
  const shift = 32 - bits;
  const threshold = new Int32Array(cols);
  const both = new Float64Array(2 * cols);
  for (let i = 0; i < cols; i++) {
    const j = f.shift === 32 ? 0 : i;
    const thr = f.shift === 32 ? 2 ** shift : f.threshold[j]!;
    threshold[i] = Math.min(thr, 2 ** 31 - 1) === thr ? thr : 2 ** 31 - 1;
    both[i] = f.aliasValue[j]!;
    both[cols + i] = f.value[j]!;
  }
  return { bits, shift, mask: 2 ** shift - 1, threshold, both };
}

class CompoundPoissonGamma implements PeriodSampler {
  private readonly g: ZigguratGamma;
  /** count and sizes draw from the same stream (each through its own block buffer; deterministic) */
  constructor(
    rng: RandomStream,
    private readonly count: PeriodSampler,
    mean: number,
    sd: number,
  ) {
    this.g = new ZigguratGamma(rng, (mean / sd) ** 2, (sd * sd) / mean);
  }
  next(): number {
    const n = this.count.next();
    let s = 0;
    for (let i = 0; i < n; i++) s += this.g.next();
    return s;
  }
}

class PoissonLarge implements PeriodSampler {
  constructor(
    private readonly rng: RandomStream,
    private readonly mean: number,
  ) {}
  next(): number {
    return this.rng.poisson(this.mean);
  }
}

class GammaSampler implements PeriodSampler {
  private readonly g: ZigguratGamma;
  constructor(rng: RandomStream, mean: number, sd: number) {
    this.g = new ZigguratGamma(rng, (mean / sd) ** 2, (sd * sd) / mean);
  }
  next(): number {
    return this.g.next();
  }
}

class CensoredNormal implements PeriodSampler {
  private readonly z: ZigguratNormal;
  constructor(
    rng: RandomStream,
    private readonly mu: number,
    private readonly sigma: number,
  ) {
    this.z = new ZigguratNormal(rng);
  }
  next(): number {
    const x = this.mu + this.sigma * this.z.next();
    return x > 0 ? x : 0;
  }
}

class ReplayInOrder implements PeriodSampler {
  private readonly h: Float64Array;
  private pos: number;
  constructor(rng: RandomStream, history: number[], start: 'first' | 'random') {
    this.h = Float64Array.from(history);
    this.pos = start === 'random' ? rng.int(history.length) : 0;
  }
  next(): number {
    const v = this.h[this.pos]!;
    this.pos = this.pos + 1 === this.h.length ? 0 : this.pos + 1;
    return v;
  }
}

class BlockBootstrap implements PeriodSampler {
  private readonly h: Float64Array;
  private pos = 0;
  private left = 0;
  constructor(
    private readonly rng: RandomStream,
    history: number[],
    private readonly blockLength: number,
  ) {
    this.h = Float64Array.from(history);
  }
  next(): number {
    if (this.left === 0) {
      this.pos = this.rng.int(this.h.length);
      this.left = this.blockLength;
    }
    const v = this.h[this.pos]!;
    this.pos = this.pos + 1 === this.h.length ? 0 : this.pos + 1;
    this.left--;
    return v;
  }
}

/** One draw per period from a tabulated distribution: 32-bit branch-free alias draws from a block buffer. */
class FastTableSampler implements PeriodSampler {
  private readonly buf = new Uint32Array(BLOCK_WORDS);
  private pos = BLOCK_WORDS;
  private readonly t: BranchlessTable;
  constructor(
    private readonly rng: RandomStream,
    table: AliasTable,
  ) {
    this.t = branchless(table);
  }
  next(): number {
    if (this.pos === BLOCK_WORDS) {
      this.rng.fillU32(this.buf);
      this.pos = 0;
    }
    const u = this.buf[this.pos++]!;
    const t = this.t;
    const i = u >>> t.shift;
    return t.both[i + ((((u & t.mask) - t.threshold[i]!) >>> 31) << t.bits)]!;
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
  return cached(key, () => {
    if (size.kind === 'gamma') throw new RangeError(`${name}.sampling 'dailyTotal' needs whole-unit order sizes (normalRounded or empirical), not gamma`);
    const t = size.kind === 'normalRounded' ? normalRoundedTable(size.mean, size.sd) : empiricalTable(size.values, size.weights, `${name}.orderSize`);
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

/** Throws RangeError/TypeError naming the field when the spec is invalid. */
export function validateDemand(spec: DemandSpec, name = 'demand'): void {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${name} must be an object with a kind`);
  switch (spec.kind) {
    case 'compoundPoisson':
      positive(spec.ordersPerPeriod, `${name}.ordersPerPeriod`);
      validateOrderSize(spec.orderSize, `${name}.orderSize`);
      if (spec.sampling !== undefined && spec.sampling !== 'orders' && spec.sampling !== 'dailyTotal') throw new RangeError(`${name}.sampling must be 'orders' or 'dailyTotal', got '${String(spec.sampling)}'`);
      if (spec.sampling === 'dailyTotal') compoundPoissonTotalTable(spec.ordersPerPeriod, spec.orderSize, name);
      return;
    case 'normal':
      if (typeof spec.mean !== 'number' || !Number.isFinite(spec.mean)) throw new RangeError(`${name}.mean must be a finite number, got ${String(spec.mean)}`);
      positive(spec.sd, `${name}.sd`);
      if (spec.belowZero !== undefined && spec.belowZero !== 'truncate' && spec.belowZero !== 'censor') throw new RangeError(`${name}.belowZero must be 'truncate' or 'censor'`);
      if (spec.belowZero !== 'censor' && spec.mean / spec.sd < -30) throw new RangeError(`${name}: mean/sd must be ≥ −30 for a normal truncated at 0`);
      return;
    case 'poisson':
      positive(spec.mean, `${name}.mean`);
      return;
    case 'negativeBinomial':
      positive(spec.mean, `${name}.mean`);
      positive(spec.variance, `${name}.variance`);
      if (!(spec.variance > spec.mean)) throw new RangeError(`${name}.variance must exceed the mean (${spec.mean}) for a negative binomial, got ${spec.variance}`);
      return;
    case 'gamma':
    case 'empirical':
      // the same shapes and rules as the order-size distributions of these kinds
      validateOrderSize(spec, name);
      return;
    case 'replay':
      numberArray(spec.history, `${name}.history`, true);
      if (spec.mode !== undefined && spec.mode !== 'inOrder' && spec.mode !== 'blockBootstrap') throw new RangeError(`${name}.mode must be 'inOrder' or 'blockBootstrap'`);
      if (spec.blockLength !== undefined && !(Number.isInteger(spec.blockLength) && spec.blockLength >= 1)) throw new RangeError(`${name}.blockLength must be an integer ≥ 1`);
      if (spec.start !== undefined && spec.start !== 'first' && spec.start !== 'random') throw new RangeError(`${name}.start must be 'first' or 'random'`);
      return;
    default:
      throw new RangeError(`${name}.kind must be one of compoundPoisson, normal, poisson, negativeBinomial, gamma, empirical, replay; got '${String((spec as { kind: unknown }).kind)}'`);
  }
}

/** A sampler of the demand of successive periods, drawing from `rng`. */
export function createDemandSampler(spec: DemandSpec, rng: RandomStream): PeriodSampler {
  validateDemand(spec);
  switch (spec.kind) {
    case 'compoundPoisson': {
      const lam = spec.ordersPerPeriod;
      const os = spec.orderSize;
      if (os.kind === 'gamma') {
        const count = lam <= POISSON_TABLE_MAX_MEAN ? new FastTableSampler(rng, poissonTable(lam)) : new PoissonLarge(rng, lam);
        return new CompoundPoissonGamma(rng, count, os.mean, os.sd);
      }
      if (spec.sampling === 'dailyTotal') return new FastTableSampler(rng, compoundPoissonTotalTable(lam, os));
      if (lam > POISSON_TABLE_MAX_MEAN) throw new RangeError(`demand.ordersPerPeriod must be ≤ ${POISSON_TABLE_MAX_MEAN} (per-order sampling), got ${lam}`);
      const size = os.kind === 'normalRounded' ? normalRoundedTable(os.mean, os.sd) : empiricalTable(os.values, os.weights, 'demand.orderSize');
      return new CompoundPoissonTabled(rng, poissonTable(lam), size);
    }
    case 'normal':
      return spec.belowZero === 'censor' ? new CensoredNormal(rng, spec.mean, spec.sd) : new TruncatedNormalSampler(rng, spec.mean, spec.sd);
    case 'poisson':
      return spec.mean <= POISSON_TABLE_MAX_MEAN ? new FastTableSampler(rng, poissonTable(spec.mean)) : new PoissonLarge(rng, spec.mean);
    case 'negativeBinomial':
      return new FastTableSampler(rng, negativeBinomialTable(spec.mean, spec.variance));
    case 'gamma':
      return new GammaSampler(rng, spec.mean, spec.sd);
    case 'empirical':
      return new FastTableSampler(rng, empiricalTable(spec.values, spec.weights, 'demand'));
    case 'replay':
      return (spec.mode ?? 'inOrder') === 'inOrder' ? new ReplayInOrder(rng, spec.history, spec.start ?? 'first') : new BlockBootstrap(rng, spec.history, spec.blockLength ?? 7);
  }
}

/**
 * Exact mean and variance of one period's demand (for replay: of a period's marginal under a
 * random start or the block bootstrap, i.e. the history's mean and population variance).
 * Compound Poisson: mean = λ·E[S], variance = λ·E[S²] (λ orders per period, S the order size).
 */
export function demandMoments(spec: DemandSpec): Moments {
  validateDemand(spec);
  switch (spec.kind) {
    case 'compoundPoisson': {
      const s = orderSizeMoments(spec.orderSize);
      return { mean: spec.ordersPerPeriod * s.mean, variance: spec.ordersPerPeriod * (s.variance + s.mean * s.mean) };
    }
    case 'normal':
      return spec.belowZero === 'censor' ? censoredNormalMoments(spec.mean, spec.sd) : truncatedNormalMoments(spec.mean, spec.sd);
    case 'poisson':
      return { mean: spec.mean, variance: spec.mean };
    case 'negativeBinomial':
    case 'gamma':
      return spec.kind === 'gamma' ? { mean: spec.mean, variance: spec.sd * spec.sd } : { mean: spec.mean, variance: spec.variance };
    case 'empirical': {
      const t = empiricalTable(spec.values, spec.weights, 'demand');
      return weightedMoments(t.values, t.probabilities);
    }
    case 'replay': {
      const p = spec.history.map(() => 1 / spec.history.length);
      return weightedMoments(spec.history, p);
    }
  }
}
