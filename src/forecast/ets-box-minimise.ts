/**
 * A small bound-constrained minimiser for the 'fast' ETS optimiser (ets-fit.ts): projected
 * quasi-Newton (BFGS) steps with an Armijo search along the projected path, for smooth
 * objectives of a few variables on a box whose value may be +∞ (infeasible) inside it.
 */

/** Writes ∇F(z) into g; returns its cost in objective evaluations. */
export type BoxGradient = (z: Float64Array, g: Float64Array) => number;

export interface BoxMinimum {
  z: Float64Array;
  value: number;
  /** objective evaluations, plus the gradients' costs as BoxGradient reports them (forward differences: one per coordinate) */
  evaluations: number;
  iterations: number;
}

/** Forward-difference gradient (stepping inwards at an upper bound or into an infeasible side). */
function gradient(F: (z: Float64Array) => number, z: Float64Array, f: number, hi: ArrayLike<number>, g: Float64Array, tmp: Float64Array): number {
  let evals = 0;
  for (let i = 0; i < z.length; i++) {
    tmp.set(z);
    let h = 1e-7;
    if (z[i]! + h > hi[i]!) h = -h;
    tmp[i] = z[i]! + h;
    let fh = F(tmp);
    evals++;
    if (!Number.isFinite(fh)) {
      h = -h;
      tmp[i] = z[i]! + h;
      fh = F(tmp);
      evals++;
    }
    g[i] = Number.isFinite(fh) ? (fh - f) / h : 0;
  }
  return evals;
}

/** BFGS update of the inverse Hessian H (p × p) with step s and gradient change y (Nocedal & Wright 2006, eq. 6.17). */
function bfgsUpdate(H: Float64Array, s: Float64Array, y: Float64Array, p: number, Hy: Float64Array): void {
  let sy = 0;
  for (let i = 0; i < p; i++) sy += s[i]! * y[i]!;
  if (!(sy > 1e-16)) return;
  let yHy = 0;
  for (let i = 0; i < p; i++) {
    let t = 0;
    for (let j = 0; j < p; j++) t += H[i * p + j]! * y[j]!;
    Hy[i] = t;
    yHy += y[i]! * t;
  }
  const a = (1 + yHy / sy) / sy;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) H[i * p + j] += a * s[i]! * s[j]! - (Hy[i]! * s[j]! + s[i]! * Hy[j]!) / sy;
}

/**
 * Minimise F on the box [lo, hi] by projected quasi-Newton steps (Bertsekas 1982, "Projected
 * Newton methods for optimization problems with simple constraints", SIAM J. Control Optim. 20,
 * 221–246): BFGS directions on the coordinates not held at a bound, an Armijo backtracking
 * search along the projected path, the gradient given (else forward differences). A non-finite
 * F (outside the admissible region) rejects the trial point (and at z0 ends the search at once).
 * The inverse Hessian restarts from the identity when the set of held coordinates changes or a
 * search fails; the first step after a restart moves at most 10⁻³ of the box. Stops when an iteration
 * lowers F by less than tol·(|F| + tol), or moves less than 10⁻¹⁰, twice in a row, or after
 * maxIterations.
 */
export function boxMinimise(F: (z: Float64Array) => number, z0: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, grad?: BoxGradient, tol = 1e-10, maxIterations = 100): BoxMinimum {
  const p = z0.length;
  const z = Float64Array.from(z0);
  let f = F(z), evals = 1;
  if (!Number.isFinite(f)) return { z, value: f, evaluations: evals, iterations: 0 };
  const g = new Float64Array(p), gn = new Float64Array(p), d = new Float64Array(p), zn = new Float64Array(p), tmp = new Float64Array(p), s = new Float64Array(p), yk = new Float64Array(p);
  const H = new Float64Array(p * p);
  let held = 0, fresh = true;
  const gradAt = (x: Float64Array, fx: number, out: Float64Array): number => (grad === undefined ? gradient(F, x, fx, hi, out, tmp) : grad(x, out));
  evals += gradAt(z, f, g);
  let quiet = 0, it = 0;
  for (; it < maxIterations && quiet < 2; it++) {
    // the coordinates held at a bound; when that set changes, the curvature is learnt afresh
    const nowHeld = heldMask(z, g, lo, hi);
    if (nowHeld !== held || fresh) {
      H.fill(0);
      for (let i = 0; i < p; i++) H[i * p + i] = 1;
      held = nowHeld;
      fresh = true;
    }
    direction(H, g, held, lo, hi, d, fresh);
    const r = lineSearch(F, z, f, g, d, lo, hi, zn);
    evals += r.evals;
    if (!r.ok) {
      if (fresh) break;
      fresh = true;
      continue;
    }
    evals += gradAt(zn, r.f, gn);
    let step = 0;
    for (let i = 0; i < p; i++) {
      const free = (held & (1 << i)) === 0;
      s[i] = free ? zn[i]! - z[i]! : 0;
      yk[i] = free ? gn[i]! - g[i]! : 0;
      step = Math.max(step, Math.abs(zn[i]! - z[i]!));
    }
    if (fresh) scaleIdentity(H, s, yk, p, held);
    bfgsUpdate(H, s, yk, p, tmp);
    fresh = false;
    quiet = f - r.f <= tol * (Math.abs(f) + tol) || step < 1e-10 ? quiet + 1 : 0;
    z.set(zn);
    f = r.f;
    g.set(gn);
  }
  return { z, value: f, evaluations: evals, iterations: it };
}

/** Bit i set: coordinate i sits at a bound with the gradient pushing outwards. */
function heldMask(z: Float64Array, g: Float64Array, lo: ArrayLike<number>, hi: ArrayLike<number>): number {
  let mask = 0;
  for (let i = 0; i < z.length; i++) if ((z[i]! <= lo[i]! && g[i]! > 0) || (z[i]! >= hi[i]! && g[i]! < 0)) mask |= 1 << i;
  return mask;
}

/** H ← (sᵀy / yᵀy)·I before the first BFGS update (Nocedal & Wright 2006, eq. 6.20). */
function scaleIdentity(H: Float64Array, s: Float64Array, y: Float64Array, p: number, held: number): void {
  let sy = 0, yy = 0;
  for (let i = 0; i < p; i++) {
    sy += s[i]! * y[i]!;
    yy += y[i]! * y[i]!;
  }
  if (!(sy > 0 && yy > 0)) return;
  H.fill(0);
  for (let i = 0; i < p; i++) H[i * p + i] = (held & (1 << i)) === 0 ? sy / yy : 0;
}

/** d = −H g on the free coordinates (held ones: 0); steepest descent if that is no descent direction. */
function direction(H: Float64Array, g: Float64Array, held: number, lo: ArrayLike<number>, hi: ArrayLike<number>, d: Float64Array, fresh: boolean): void {
  const p = g.length;
  let gd = 0;
  for (let i = 0; i < p; i++) {
    let t = 0;
    if ((held & (1 << i)) === 0) for (let j = 0; j < p; j++) if ((held & (1 << j)) === 0) t -= H[i * p + j]! * g[j]!;
    d[i] = t;
    gd += t * g[i]!;
  }
  if (!(gd < 0)) {
    for (let i = 0; i < p; i++) d[i] = (held & (1 << i)) === 0 ? -g[i]! : 0;
    fresh = true;
  }
  // a first (steepest-descent) step moves at most a thousandth of the box (no jumping over a near optimum)
  let big = 0;
  for (let i = 0; i < p; i++) big = Math.max(big, Math.abs(d[i]!) / (hi[i]! - lo[i]!));
  if (fresh && big > 1e-3) for (let i = 0; i < p; i++) d[i] = (d[i]! * 1e-3) / big;
}

/**
 * Armijo backtracking along the projected path z(t) = P(z + t·d), t = 1, ½, ¼, …; when an
 * accepted step is long (more than 1 % of the box in some coordinate) the halving goes on while
 * it keeps lowering F, so that a quasi-Newton step on a non-convex profile does not leap over a
 * nearer, lower optimum to the bound.
 */
function lineSearch(F: (z: Float64Array) => number, z: Float64Array, f: number, g: Float64Array, d: Float64Array, lo: ArrayLike<number>, hi: ArrayLike<number>, zn: Float64Array): { ok: boolean; f: number; evals: number } {
  let t = 1, evals = 0;
  for (let k = 0; k < 40; k++, t *= 0.5) {
    const r = trialPoint(z, g, d, t, lo, hi, zn);
    if (!r.moved) break;
    const fn = F(zn);
    evals++;
    if (!(fn <= f + 1e-4 * r.dec)) continue;
    let best = fn, bestT = t;
    for (let big = r.big; big > 0.01; ) {
      const rr = trialPoint(z, g, d, bestT * 0.5, lo, hi, zn);
      const fh = F(zn);
      evals++;
      if (!(fh <= best)) break; // equal: still clipped to the same bound point
      best = fh;
      bestT *= 0.5;
      big = rr.big;
    }
    trialPoint(z, g, d, bestT, lo, hi, zn);
    return { ok: true, f: best, evals };
  }
  return { ok: false, f, evals };
}

/** zn = P(z + t·d); the predicted decrease gᵀ(zn − z), whether it moved, its largest move as a share of the box. */
function trialPoint(z: Float64Array, g: Float64Array, d: Float64Array, t: number, lo: ArrayLike<number>, hi: ArrayLike<number>, zn: Float64Array): { dec: number; moved: boolean; big: number } {
  let dec = 0, moved = false, big = 0;
  for (let i = 0; i < z.length; i++) {
    zn[i] = Math.min(hi[i]!, Math.max(lo[i]!, z[i]! + t * d[i]!));
    dec += g[i]! * (zn[i]! - z[i]!);
    if (zn[i] !== z[i]) moved = true;
    big = Math.max(big, Math.abs(zn[i]! - z[i]!) / (hi[i]! - lo[i]!));
  }
  return { dec, moved, big };
}
