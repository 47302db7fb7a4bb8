/**
 * Non-stationary synthetic demand with a known truth, for controlled experiments with forecasters
 * and adaptive policies: the mean of period t (t = 0, 1, 2, … = the sampler's call count) is
 *
 *   m_t = max(0, base + trend·t) · weekly[t mod 7] · A_t · P_t · L_t · O_t,
 *   A_t = 1 + amplitude·cos(2π(t − phase)/period)                (annual seasonality, peak at `phase`)
 *   P_t = Π lift over the promotions with start ≤ t < start + length  (multiplicative lifts)
 *   L_t = Π factor over the level shifts with at ≤ t               (permanent level shifts)
 *   O_t = 2^(−(t − at)/halfLife) for t ≥ at, else 1                 (obsolescence: demand dying out)
 *
 * and the demand is D_t = B_t·Y_t: B_t ~ Bernoulli(p) occurrence (p = intermittency.probability,
 * 1 without intermittency) and, given occurrence, a size Y_t with mean m_t/p drawn from the noise
 * law: Poisson, or negative binomial with size r (`dispersion`, R's `size`): Var(Y) = μ + μ²/r
 * (a Gamma(r, μ/r)–Poisson mixture). Hence E D_t = m_t exactly (`meanPath`), and
 *
 *   Var D_t = p·Var Y_t + m_t²·(1 − p)/p,  Var Y_t = m_t/p (+ (m_t/p)²/r for the negative binomial).
 *
 * In the simulator (src/sim/inventory.ts) period t is the engine's t-th simulated period, warm-up
 * included. Draws per period, in order: one uniform for the occurrence (only with intermittency), then, if
 * it occurs and m_t > 0, for the negative binomial one gamma variate, then one Poisson variate
 * (RandomStream.gamma, RandomStream.poisson).
 */
import { checkKnownKeys, checkNumber, checkNumberArray, checkObject } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

export interface Promotion {
  /** first period of the promotion */
  start: number;
  /** number of periods */
  length: number;
  /** multiplicative lift on the mean, > 0 (e.g. 2 doubles it) */
  lift: number;
}

export interface LevelShift {
  /** first period at the new level */
  at: number;
  /** multiplicative factor from then on, > 0 */
  factor: number;
}

export type NoiseSpec = 'poisson' | { negativeBinomial: { dispersion: number } };

export interface NonStationarySpec {
  kind: 'nonStationary';
  /** level at t = 0 before the multiplicative factors, > 0 */
  base: number;
  /** additive change of the level per period (units), default 0; the level is floored at 0 */
  trend?: number;
  /** 7 day-of-week factors ≥ 0, applied as given (weekly[t mod 7]) */
  weekly?: number[];
  /** annual seasonality 1 + amplitude·cos(2π(t − phase)/period), amplitude in [0, 1], period default 365 */
  annual?: { amplitude: number; phase: number; period?: number };
  promotions?: Promotion[];
  levelShifts?: LevelShift[];
  /** Bernoulli occurrence with this probability in (0, 1] */
  intermittency?: { probability: number };
  /** from period `at` the mean halves every `halfLife` periods */
  obsolescence?: { at: number; halfLife: number };
  /** default 'poisson' */
  noise?: NoiseSpec;
}

const KEYS = ['kind', 'base', 'trend', 'weekly', 'annual', 'promotions', 'levelShifts', 'intermittency', 'obsolescence', 'noise'];

function checkList(x: unknown, name: string, each: (o: Record<string, unknown>, n: string) => void): void {
  if (!Array.isArray(x)) throw new TypeError(`${name} must be an array, got ${typeof x}`);
  x.forEach((o, i) => each(checkObject(o, `${name}[${i}]`), `${name}[${i}]`));
}

function validateNoise(noise: unknown, name: string): void {
  if (noise === 'poisson') return;
  const o = checkObject(noise, `${name}.noise`);
  checkKnownKeys(o, `${name}.noise`, ['negativeBinomial']);
  const nb = checkObject(o.negativeBinomial, `${name}.noise.negativeBinomial`);
  checkKnownKeys(nb, `${name}.noise.negativeBinomial`, ['dispersion']);
  checkNumber(nb.dispersion, `${name}.noise.negativeBinomial.dispersion`, 'positive');
}

function validateSeasonality(spec: NonStationarySpec, name: string): void {
  if (spec.weekly !== undefined) {
    const w = checkNumberArray(spec.weekly, `${name}.weekly`, 'nonneg');
    if (w.length !== 7) throw new RangeError(`${name}.weekly must have 7 factors (one per day of the week), got ${w.length}`);
    if (w.every((f) => f === 0)) throw new RangeError(`${name}.weekly must have a factor > 0`);
  }
  if (spec.annual !== undefined) {
    const a = checkObject(spec.annual, `${name}.annual`);
    checkKnownKeys(a, `${name}.annual`, ['amplitude', 'phase', 'period']);
    checkNumber(a.amplitude, `${name}.annual.amplitude`, 'probability');
    checkNumber(a.phase, `${name}.annual.phase`, 'finite');
    if (a.period !== undefined) checkNumber(a.period, `${name}.annual.period`, 'positive');
  }
}

function validateEvents(spec: NonStationarySpec, name: string): void {
  if (spec.promotions !== undefined) {
    checkList(spec.promotions, `${name}.promotions`, (o, n) => {
      checkKnownKeys(o, n, ['start', 'length', 'lift']);
      checkNumber(o.start, `${n}.start`, 'int0');
      checkNumber(o.length, `${n}.length`, 'int1');
      checkNumber(o.lift, `${n}.lift`, 'positive');
    });
  }
  if (spec.levelShifts !== undefined) {
    checkList(spec.levelShifts, `${name}.levelShifts`, (o, n) => {
      checkKnownKeys(o, n, ['at', 'factor']);
      checkNumber(o.at, `${n}.at`, 'int0');
      checkNumber(o.factor, `${n}.factor`, 'positive');
    });
  }
  if (spec.intermittency !== undefined) {
    const o = checkObject(spec.intermittency, `${name}.intermittency`);
    checkKnownKeys(o, `${name}.intermittency`, ['probability']);
    const p = checkNumber(o.probability, `${name}.intermittency.probability`, 'probability');
    if (p === 0) throw new RangeError(`${name}.intermittency.probability must be > 0 (0 means no demand at all), got 0`);
  }
  if (spec.obsolescence !== undefined) {
    const o = checkObject(spec.obsolescence, `${name}.obsolescence`);
    checkKnownKeys(o, `${name}.obsolescence`, ['at', 'halfLife']);
    checkNumber(o.at, `${name}.obsolescence.at`, 'int0');
    checkNumber(o.halfLife, `${name}.obsolescence.halfLife`, 'positive');
  }
}

/** Throws naming the field (e.g. "demand.weekly must have 7 factors …"). */
export function validateNonStationary(spec: NonStationarySpec, name: string): void {
  checkKnownKeys(spec as unknown as Record<string, unknown>, name, KEYS);
  checkNumber(spec.base, `${name}.base`, 'positive');
  if (spec.trend !== undefined) checkNumber(spec.trend, `${name}.trend`, 'finite');
  validateSeasonality(spec, name);
  validateEvents(spec, name);
  if (spec.noise !== undefined) validateNoise(spec.noise, name);
}

/** The multiplicative calendar and event factor of period t (weekly · annual · promotions · shifts · obsolescence). */
function factorAt(spec: NonStationarySpec, t: number): number {
  let f = spec.weekly ? spec.weekly[t % 7]! : 1;
  const a = spec.annual;
  if (a) f *= 1 + a.amplitude * Math.cos((2 * Math.PI * (t - a.phase)) / (a.period ?? 365));
  for (const p of spec.promotions ?? []) if (t >= p.start && t < p.start + p.length) f *= p.lift;
  for (const s of spec.levelShifts ?? []) if (t >= s.at) f *= s.factor;
  const o = spec.obsolescence;
  if (o && t >= o.at) f *= Math.pow(2, -(t - o.at) / o.halfLife);
  return f;
}

/** The truth: the exact mean demand E D_t of period t (integer t ≥ 0), as in the file comment. */
export function meanPath(spec: NonStationarySpec, t: number): number {
  const level = Math.max(0, spec.base + (spec.trend ?? 0) * t);
  return level === 0 ? 0 : level * factorAt(spec, t);
}

/** Occurrence probability p (1 without intermittency). */
function occurrence(spec: NonStationarySpec): number {
  return spec.intermittency?.probability ?? 1;
}

/** NB size r, or Infinity for Poisson noise. */
function dispersionOf(spec: NonStationarySpec): number {
  const n = spec.noise ?? 'poisson';
  return n === 'poisson' ? Infinity : n.negativeBinomial.dispersion;
}

/** Exact mean and variance of D_t: E = m_t, Var = p·Var Y + m_t²(1 − p)/p (file comment). */
export function nonStationaryMoments(spec: NonStationarySpec, t: number): Moments {
  const m = meanPath(spec, t);
  const p = occurrence(spec);
  const mu = m / p;
  const varY = mu + (mu * mu) / dispersionOf(spec);
  return { mean: m, variance: p * varY + (m * m * (1 - p)) / p };
}

/** Draws D_0, D_1, … from `rng`; period t is the number of earlier calls. */
export class NonStationarySampler implements PeriodSampler {
  private t = 0;
  private readonly p: number;
  private readonly r: number;
  constructor(
    private readonly rng: RandomStream,
    private readonly spec: NonStationarySpec,
  ) {
    this.p = occurrence(spec);
    this.r = dispersionOf(spec);
  }
  next(): number {
    const m = meanPath(this.spec, this.t++);
    if (this.p < 1 && this.rng.uniform() >= this.p) return 0;
    if (m <= 0) return 0;
    const mu = m / this.p;
    const lambda = this.r === Infinity ? mu : (this.rng.gamma(this.r) * mu) / this.r;
    return this.rng.poisson(lambda);
  }
}

/**
 * The registry's `moments(spec)` is one number pair per kind: here the moments of the first
 * period (t = 0); per-period moments are `nonStationaryMoments(spec, t)`.
 */
export const nonStationaryKind: Distribution<NonStationarySpec> = {
  validate: validateNonStationary,
  moments: (spec) => nonStationaryMoments(spec, 0),
  sampler: (spec, rng) => new NonStationarySampler(rng, spec),
  table: () => null,
};
