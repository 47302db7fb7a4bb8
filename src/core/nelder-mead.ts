/**
 * The Nelder–Mead simplex minimiser (Nelder & Mead 1965, The Computer Journal 7, 308–313) in
 * the variant of Nash (1990, Compact Numerical Methods for Computers, Algorithm 19) that R's
 * optim(method = 'Nelder-Mead') runs and that forecast::ets calls (with reflection 1,
 * contraction 0.5, expansion 2, relative tolerance √ε and at most 2000 function evaluations):
 * the initial simplex steps every coordinate by 10 % of the largest |x_i| (0.1 if all are 0);
 * the search stops when the spread of function values over the simplex is within
 * reltol·(|f(x₀)| + reltol), when a shrink does not reduce the simplex size, or when the
 * evaluations are spent. A non-finite objective value counts as 1e35 (an infeasible point).
 * Following the same steps as R keeps our optimum on R's path wherever the objective's
 * floating-point values agree.
 */

export interface NelderMeadOptions {
  /** relative convergence tolerance (default √ε, as forecast::ets) */
  reltol?: number;
  /** maximum number of function evaluations (default 2000) */
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** 0 converged, 1 evaluation limit reached, 10 the simplex stopped shrinking */
  code: 0 | 1 | 10;
}

const BIG = 1.0e35;

interface Simplex {
  /** n + 1 vertices of n coordinates */
  p: Float64Array[];
  /** f at each vertex */
  v: Float64Array;
}

function initialSimplex(x0: Float64Array, f0: number): { s: Simplex; size: number } {
  const n = x0.length;
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(x0[i]!));
  if (step === 0) step = 0.1;
  const p: Float64Array[] = [Float64Array.from(x0)];
  let size = 0;
  for (let j = 1; j <= n; j++) {
    const q = Float64Array.from(x0);
    let trystep = step;
    while (q[j - 1] === x0[j - 1]) {
      q[j - 1] = x0[j - 1]! + trystep;
      trystep *= 10;
    }
    size += trystep;
    p.push(q);
  }
  const v = new Float64Array(n + 1).fill(NaN);
  v[0] = f0;
  return { s: { p, v }, size };
}

/** Index of the lowest (L) and highest (H) vertex, scanning as Nash's algorithm does from L. */
function extremes(v: Float64Array, L0: number): { L: number; H: number } {
  let L = L0, VL = v[L0]!, H = L0, VH = VL;
  for (let j = 0; j < v.length; j++) {
    if (j === L0) continue;
    const f = v[j]!;
    if (f < VL) {
      L = j;
      VL = f;
    }
    if (f > VH) {
      H = j;
      VH = f;
    }
  }
  return { L, H };
}

/** Shrink every vertex towards the lowest one; returns the new size measure. */
function shrink(s: Simplex, L: number): number {
  let size = 0;
  const best = s.p[L]!;
  for (let j = 0; j < s.p.length; j++) {
    if (j === L) continue;
    const q = s.p[j]!;
    for (let i = 0; i < q.length; i++) {
      q[i] = 0.5 * (q[i]! - best[i]!) + best[i]!;
      size += Math.abs(q[i]! - best[i]!);
    }
    s.v[j] = NaN;
  }
  return size;
}

/** Minimise f from x0. */
export function nelderMead(f: (x: Float64Array) => number, x0In: ArrayLike<number>, options: NelderMeadOptions = {}): NelderMeadResult {
  const reltol = options.reltol ?? Math.sqrt(Number.EPSILON);
  const maxit = options.maxEvaluations ?? 2000;
  const x0 = Float64Array.from(x0In);
  const n = x0.length;
  const fx = (x: Float64Array): number => {
    const y = f(x);
    return Number.isFinite(y) ? y : BIG;
  };
  const f0 = f(x0);
  if (!Number.isFinite(f0)) throw new RangeError('nelderMead: the objective is not finite at the initial point');
  const convtol = reltol * (Math.abs(f0) + reltol);
  const { s, size } = initialSimplex(x0, f0);
  let oldsize = size;
  let evals = 1;
  let L = 0;
  let code: 0 | 1 | 10 = 0;
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  for (;;) {
    for (let j = 0; j <= n; j++) {
      if (s.v[j] !== s.v[j]) {
        s.v[j] = fx(s.p[j]!);
        evals++;
      }
    }
    const e = extremes(s.v, L);
    L = e.L;
    const H = e.H;
    if (s.v[H]! <= s.v[L]! + convtol) break;
    const r = step(fx, s, L, H, centroid, trial);
    evals += r.evals;
    if (r.shrink) {
      const newSize = shrink(s, L);
      if (newSize < oldsize) oldsize = newSize;
      else {
        code = 10;
        break;
      }
    }
    if (evals > maxit) {
      code = 1;
      break;
    }
  }
  return { x: Float64Array.from(s.p[L]!), value: s.v[L]!, evaluations: evals, code };
}

/** One reflection / expansion / contraction step; says whether a shrink is due. */
function step(fx: (x: Float64Array) => number, s: Simplex, L: number, H: number, c: Float64Array, b: Float64Array): { evals: number; shrink: boolean } {
  const n = c.length;
  const ph = s.p[H]!;
  for (let i = 0; i < n; i++) {
    let t = -ph[i]!;
    for (let j = 0; j <= n; j++) t += s.p[j]![i]!;
    c[i] = t / n;
  }
  for (let i = 0; i < n; i++) b[i] = 2 * c[i]! - ph[i]!;
  const VR = fx(b);
  const VL = s.v[L]!, VH = s.v[H]!;
  if (VR < VL) {
    // expansion: the centroid slot keeps the reflected point
    const refl = Float64Array.from(b);
    for (let i = 0; i < n; i++) b[i] = 2 * b[i]! + (1 - 2) * c[i]!;
    const fe = fx(b);
    if (fe < VR) {
      ph.set(b);
      s.v[H] = fe;
    } else {
      ph.set(refl);
      s.v[H] = VR;
    }
    return { evals: 2, shrink: false };
  }
  if (VR < VH) {
    ph.set(b);
    s.v[H] = VR;
  }
  for (let i = 0; i < n; i++) b[i] = 0.5 * ph[i]! + 0.5 * c[i]!;
  const fc = fx(b);
  if (fc < s.v[H]!) {
    ph.set(b);
    s.v[H] = fc;
    return { evals: 2, shrink: false };
  }
  return { evals: 2, shrink: VR >= VH };
}
