/**
 * Discrete distributions on a finite set of values, sampled in O(1) by Walker's alias method
 * (Walker 1977; Vose 1991 construction). One 53-bit uniform per draw: x = U·n, column i = ⌊x⌋,
 * coin = x − i; return value[i] if coin < prob[i], else value[alias[i]]. The sampling error is
 * that of the 53-bit uniform (about 2^−53·n per probability), the same order as inversion.
 *
 * Used for every discrete distribution (Poisson, negative binomial, rounded normal order sizes,
 * empirical distributions, integer lead times), which is what makes the hot loop fast. Also
 * here, once: the branch-free 32-bit draw (aliasDraw) and the two table samplers
 * (FastTableSampler: aliasDraw on a block buffer; TableSampler: the 53-bit draw).
 */
import type { RandomStream } from '../rng/stream.ts';
import { BLOCK_WORDS, type U32Block } from '../rng/block.ts';
import type { Moments, PeriodSampler } from './types.ts';

export type { Moments } from './types.ts';

/** 32-bit alias form: column u >>> shift, coin u & (2^shift − 1) against threshold. */
export interface FastTable {
  shift: number;
  threshold: Float64Array;
  value: Float64Array;
  aliasValue: Float64Array;
}

export class AliasTable {
  readonly n: number;
  readonly values: Float64Array;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  /** normalised probabilities of `values` (same order) */
  readonly probabilities: Float64Array;

  /**
   * @param values support points (any real numbers, need not be sorted or distinct)
   * @param weights non-negative weights, not all zero (normalised here)
   */
  constructor(values: ArrayLike<number>, weights: ArrayLike<number>, what = 'distribution') {
    const n = values.length;
    if (n === 0) throw new RangeError(`${what}: needs at least one value`);
    if (weights.length !== n) throw new RangeError(`${what}: ${n} values but ${weights.length} weights`);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const v = values[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`${what}: value ${i} must be finite, got ${v}`);
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`${what}: weight ${i} must be finite and ≥ 0, got ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError(`${what}: weights must not all be zero`);
    this.n = n;
    this.values = Float64Array.from(values);
    this.probabilities = new Float64Array(n);
    for (let i = 0; i < n; i++) this.probabilities[i] = weights[i]! / total;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    // Vose's stable construction
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = this.probabilities[i]! * n;
      if (scaled[i]! < 1) small.push(i);
      else large.push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small.push(l);
      else large.push(l);
    }
    for (const l of large) {
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    for (const s of small) {
      this.prob[s] = 1;
      this.alias[s] = s;
    }
  }

  private fastShift = -1;
  private fastThreshold: Float64Array | null = null;
  private fastValue: Float64Array | null = null;
  private fastAliasValue: Float64Array | null = null;

  /**
   * The 32-bit form: the table padded to 2^k columns, a word u picks column u >>> (32 − k) and
   * its low 32 − k bits are the coin, compared with prob·2^(32 − k) rounded. Each column's split
   * is realised to within 2^−33 absolute, so a value's probability is off by at most 2^−33 per
   * column it owns or is the alias of, and the distribution by at most 2^k·2^−33 in total
   * variation (probabilities below 2^−33 may be lost), one word per draw.
   */
  private buildFast(): void {
    let k = 0;
    while (1 << k < this.n) k++;
    const cols = 1 << k;
    const padded = new Float64Array(cols);
    padded.set(this.probabilities);
    const t = new AliasTable(Array.from({ length: cols }, (_, i) => (i < this.n ? this.values[i]! : 0)), padded, 'padded table');
    const scale = 2 ** (32 - k);
    this.fastThreshold = new Float64Array(cols);
    this.fastValue = new Float64Array(cols);
    this.fastAliasValue = new Float64Array(cols);
    for (let i = 0; i < cols; i++) {
      this.fastThreshold[i] = Math.round(t.prob[i]! * scale);
      this.fastValue[i] = t.values[i]!;
      this.fastAliasValue[i] = t.values[t.alias[i]!]!;
    }
    this.fastShift = 32 - k;
  }

  /** The 32-bit form's arrays, for samplers that inline the draw (see sampleFast). */
  fastForm(): FastTable {
    if (this.fastShift < 0) this.buildFast();
    return { shift: this.fastShift, threshold: this.fastThreshold!, value: this.fastValue!, aliasValue: this.fastAliasValue! };
  }

  /** One draw from a 32-bit word source (see buildFast for the precision). */
  sampleFast(block: U32Block): number {
    if (this.fastShift < 0) this.buildFast();
    const u = block.next();
    const i = this.fastShift === 32 ? 0 : u >>> this.fastShift;
    const coin = this.fastShift === 32 ? u : u & ((1 << this.fastShift) - 1);
    return coin < this.fastThreshold![i]! ? this.fastValue![i]! : this.fastAliasValue![i]!;
  }

  /** One draw. */
  sample(rng: RandomStream): number {
    const x = rng.uniform() * this.n;
    const i = x | 0;
    return x - i < this.prob[i]! ? this.values[i]! : this.values[this.alias[i]!]!;
  }

  /** Exact mean and variance of the tabled distribution. */
  moments(): Moments {
    return weightedMoments(this.values, this.probabilities);
  }
}

/**
 * Mean and variance of a discrete distribution given by values and probabilities (summing to 1):
 * E = Σ vᵢ·pᵢ, then Var = Σ (vᵢ − E)²·pᵢ (the two-pass form, no cancellation). Kept by hand:
 * simple-statistics has no probability-weighted moments, and these figures feed committed results.
 */
export function weightedMoments(values: ArrayLike<number>, probabilities: ArrayLike<number>): Moments {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]! * probabilities[i]!;
  let variance = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    variance += d * d * probabilities[i]!;
  }
  return { mean, variance };
}

/**
 * A 32-bit alias table laid out for a branch-free draw: both[i] = alias value of column i,
 * both[i + 2^bits] = own value; the coin (u & mask) − threshold is negative exactly when the
 * column's own value is taken, and its sign bit selects the half.
 */
export interface BranchlessTable {
  bits: number;
  shift: number;
  mask: number;
  threshold: Int32Array;
  both: Float64Array;
}

/** The branch-free layout of a table's 32-bit form (AliasTable.fastForm). */
export function branchless(t: AliasTable): BranchlessTable {
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

/**
 * The one branch-free alias draw from a 32-bit word u: column i = u >>> shift, and the sign bit
 * of (u & mask) − threshold[i] picks own value (negative) or alias value (see BranchlessTable).
 * (Written out once more only in the per-order loop of compound-poisson.ts, for speed.)
 */
export function aliasDraw(t: BranchlessTable, u: number): number {
  const i = u >>> t.shift;
  return t.both[i + ((((u & t.mask) - t.threshold[i]!) >>> 31) << t.bits)]!;
}

/** One draw per period from a tabulated distribution: 32-bit branch-free alias draws from a block buffer. */
export class FastTableSampler implements PeriodSampler {
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
    return aliasDraw(this.t, this.buf[this.pos++]!);
  }
}

/** One draw per call from a table by its 53-bit form (AliasTable.sample), reading the stream directly. */
export class TableSampler implements PeriodSampler {
  constructor(
    private readonly rng: RandomStream,
    private readonly t: AliasTable,
  ) {}
  next(): number {
    return this.t.sample(this.rng);
  }
}
