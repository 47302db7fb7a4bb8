/** One-dimensional optimisation shared by the models and experiments. Pure. */

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the maximiser of a unimodal f on [lo, hi], to an interval
 * width ≤ tol; returns the midpoint of the final bracket. For a minimiser, maximise −f.
 * If f is not unimodal on [lo, hi] it returns a local maximiser.
 */
export function goldenSectionMaximize(f: (x: number) => number, lo: number, hi: number, tol: number): number {
  if (!(hi >= lo)) throw new RangeError(`goldenSectionMaximize: need lo ≤ hi, got [${lo}, ${hi}]`);
  if (!(tol > 0)) throw new RangeError(`goldenSectionMaximize: tol must be > 0, got ${tol}`);
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  // the iteration cap stops a bracket that can no longer shrink in floating point (tol below the spacing of doubles)
  for (let i = 0; i < 300 && b - a > tol; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Golden-section search for the minimiser of a unimodal f on [lo, hi] (see goldenSectionMaximize). */
export function goldenSectionMinimize(f: (x: number) => number, lo: number, hi: number, tol: number): number {
  return goldenSectionMaximize((x) => -f(x), lo, hi, tol);
}
