/**
 * Seeded random streams. The one place where random numbers are made.
 *
 * A stream is keyed by WHAT is simulated, never by where: (master seed, scenario,
 * replication, process, ...). The key is serialised unambiguously (JSON of the parts) and
 * hashed with SHA-256 into the 128-bit state of the generator, so distinct keys give
 * unrelated streams (no "1" / "11" / "111" collisions, no ignored short seeds, two pitfalls
 * of seedrandom's string seeding) and the same key gives the same stream in any thread.
 *
 * Generators:
 * - 'xoshiro128**' (default; Blackman & Vigna 2018): 128-bit state, 32-bit outputs via
 *   Math.imul, period 2^128 − 1; doubles take 53 bits from two outputs. Fast in V8.
 * - 'xor4096' (seedrandom's xor4096, Brent's xorgens): a generator of a different family,
 *   seeded with the 64-hex-digit key hash, to check that a result is not an artefact of the
 *   generator. Slower (a closure call per draw).
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';

export type GeneratorName = 'xoshiro128**' | 'xor4096';
export type KeyPart = string | number;

/** Serialise and hash a stream key into four 32-bit words (never all zero). */
export function hashKey(parts: readonly KeyPart[]): Uint32Array {
  for (const p of parts) {
    if (typeof p === 'number' && !Number.isFinite(p)) throw new RangeError(`stream key part must be finite, got ${p}`);
  }
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = digest.readUInt32LE(4 * i);
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return words;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;

/**
 * A random stream with the samplers the simulator needs. Every sampler consumes a
 * deterministic number of 32-bit draws for a given generator state, so a replayed key
 * reproduces the same path.
 */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private readonly external: (() => number) | null;
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(parts: readonly KeyPart[], generator: GeneratorName = 'xoshiro128**') {
    const w = hashKey(parts);
    this.s0 = w[0]! | 0;
    this.s1 = w[1]! | 0;
    this.s2 = w[2]! | 0;
    this.s3 = w[3]! | 0;
    if (generator === 'xor4096') {
      const hex = Array.from(w, (x) => x.toString(16).padStart(8, '0')).join('');
      const g = seedrandom.xor4096(hex);
      this.external = () => g.int32() >>> 0;
    } else if (generator === 'xoshiro128**') {
      this.external = null;
    } else {
      throw new RangeError(`unknown generator '${String(generator)}' (use 'xoshiro128**' or 'xor4096')`);
    }
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    if (this.external !== null) return this.external();
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return result >>> 0;
  }

  /**
   * Fill out[from … to − 1] with the next 32-bit outputs, exactly the values nextU32() would
   * return one by one (a tight loop, for samplers that draw in blocks).
   */
  fillU32(out: Uint32Array, from = 0, to = out.length): void {
    if (this.external !== null) {
      for (let i = from; i < to; i++) out[i] = this.external();
      return;
    }
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = from; i < to; i++) {
      const m = Math.imul(s1, 5);
      out[i] = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Uniform double in (0, 1): never 0, safe for logarithms. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Uniform integer in {0, …, n − 1}, 1 ≤ n ≤ 2^32, without modulo bias (rejection of the incomplete last block). */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal N(0, 1), Marsaglia's polar method (one spare kept). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpareNormal = true;
    return u * f;
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(this.uniformOpen());
  }

  /**
   * Gamma(shape, scale = 1), Marsaglia & Tsang (2000); shape < 1 by the boost
   * X = Gamma(shape + 1)·U^(1/shape).
   */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniformOpen(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Poisson(mean). Sequential inversion for mean < 30; for larger means the PTRS
   * transformed-rejection method (Hörmann 1993).
   */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      const u = this.uniform();
      while (u > cdf) {
        k += 1;
        p *= mean / k;
        const next = cdf + p;
        if (next === cdf) break;
        cdf = next;
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniformOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logFactorial(k)) return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LOG_FACTORIAL_TABLE: number[] = (() => {
  const t = [0];
  for (let i = 1; i < 256; i++) t.push(t[i - 1]! + Math.log(i));
  return t;
})();

/** ln(k!) exactly tabled below 256, Stirling's series above. */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k]!;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/** Convenience: the stream for (seed, ...parts). */
export function stream(seed: KeyPart, ...parts: KeyPart[]): RandomStream {
  return new RandomStream([seed, ...parts]);
}
