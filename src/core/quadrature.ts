/**
 * Gauss–Legendre quadrature, the one implementation in invlab: the exact (numerically
 * integrated) moments and service levels of the joint lead-time/demand processes, and the
 * cycle integrals of the deteriorating-item model where a closed form would cancel. Nodes by
 * Newton's method on the Legendre recurrence (error of a node < 1e-15); composite rule over
 * equal panels.
 */

export interface GaussRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, GaussRule>();

/** n-point Gauss–Legendre rule on [−1, 1]. */
export function gaussLegendre(n: number): GaussRule {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`number of Gauss nodes must be a positive integer, got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * dp * dp);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * ∫_a^b f(x) dx by a composite Gauss–Legendre rule: `panels` equal panels of `order` nodes.
 * f may return several values at once (a vector integrand), integrated component-wise.
 */
export function integrateVector(f: (x: number) => readonly number[], a: number, b: number, dims: number, panels = 16, order = 32): number[] {
  const { nodes, weights } = gaussLegendre(order);
  const out = new Array<number>(dims).fill(0);
  if (!(b > a)) return out;
  const h = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < order; i++) {
      const v = f(mid + 0.5 * h * nodes[i]!);
      const w = 0.5 * h * weights[i]!;
      for (let d = 0; d < dims; d++) out[d]! += w * v[d]!;
    }
  }
  return out;
}

/** ∫_a^b f(x) dx by a composite Gauss–Legendre rule (scalar integrand; allocates nothing per node). */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 16, order = 32): number {
  const { nodes, weights } = gaussLegendre(order);
  if (!(b > a)) return 0;
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    let s = 0;
    for (let i = 0; i < order; i++) s += weights[i]! * f(mid + 0.5 * h * nodes[i]!);
    sum += 0.5 * h * s;
  }
  return sum;
}
