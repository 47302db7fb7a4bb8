/**
 * Exact reference values of the engine for (s, Q) with Poisson(λ) demand per period, constant
 * lead time L (whole periods) and `multiples: 'multiples'` (derivations: src/sim/README.md, "Exact
 * results"): the long-run values (Hadley & Whitin 1963; Zipkin 2000 §6.2) and the finite-horizon
 * values of a run from the policy's top (s + Q on hand, nothing on order), measured over periods
 * warmup … warmup + horizon − 1, as ratios of expected sums (what the ratio-of-sums estimator
 * estimates), by the Markov recursion of the inventory position after review. Pure.
 */
import { logFactorial } from '../rng/stream.ts';

/** The values both functions give. */
export interface ExactSQValues {
  readyRate: number;
  fillRate: number;
  cycleServiceLevel: number;
  averageOnHand: number;
  averageBackorders: number;
  ordersPerPeriod: number;
}

/** Poisson pmf on 0 … kMax. */
export function poissonPmf(mean: number, kMax: number): number[] {
  const p: number[] = [];
  for (let k = 0; k <= kMax; k++) p.push(mean === 0 ? (k === 0 ? 1 : 0) : Math.exp(-mean + k * Math.log(mean) - logFactorial(k)));
  return p;
}

/** P(D ≤ x) for D with pmf p. */
export function pmfCdf(p: readonly number[], x: number): number {
  let c = 0;
  for (let k = 0; k <= Math.floor(x) && k < p.length; k++) c += p[k]!;
  return x < 0 ? 0 : c;
}

/** E[(y − D)⁺] and E[(D − y)⁺] for D with pmf p (support 0 … p.length − 1, tail negligible). */
export function positiveParts(p: readonly number[], y: number): { over: number; under: number } {
  let over = 0;
  let under = 0;
  p.forEach((pk, k) => {
    if (k < y) over += (y - k) * pk;
    else under += (k - y) * pk;
  });
  return { over, under };
}

/** Support cut of the Poisson tables: mean + 12 sd + 20 (tail mass far below 1e-17). */
function cut(mean: number): number {
  return Math.ceil(mean + 12 * Math.sqrt(mean) + 20);
}

/** Exact steady-state metrics of (s, Q) 'multiples' with Poisson(λ) demand and constant lead time L. */
export function exactSQPoisson(lambda: number, L: number, s: number, Q: number): ExactSQValues {
  const K = cut((L + 1) * lambda);
  const d1 = poissonPmf(lambda, K);
  const dL = poissonPmf(L * lambda, K);
  const dL1 = poissonPmf((L + 1) * lambda, K);
  let [ready, onHand, back, filled, orderProb, noStockoutOrders] = [0, 0, 0, 0, 0, 0];
  for (let y = s + 1; y <= s + Q; y++) {
    ready += pmfCdf(dL1, y - 1);
    const a = positiveParts(dL1, y);
    onHand += a.over;
    back += a.under;
    filled += positiveParts(dL, y).over - a.over;
    for (let d = Math.max(0, y - s); d <= K; d++) {
      orderProb += d1[d]!;
      noStockoutOrders += d1[d]! * pmfCdf(dL, y - d);
    }
  }
  return { readyRate: ready / Q, averageOnHand: onHand / Q, averageBackorders: back / Q, fillRate: filled / Q / lambda, ordersPerPeriod: orderProb / Q, cycleServiceLevel: noStockoutOrders / orderProb };
}

/** Distribution of the position after review in periods −1 (the start: s + Q), 0, 1, …, T − 1; index y − s − 1. */
function positionChain(d1: readonly number[], s: number, Q: number, T: number): Float64Array[] {
  const out: Float64Array[] = [];
  let pi = new Float64Array(Q);
  pi[Q - 1] = 1;
  out.push(pi);
  for (let u = 0; u < T; u++) {
    const next = new Float64Array(Q);
    for (let i = 0; i < Q; i++) {
      if (pi[i] === 0) continue;
      for (let d = 0; d < d1.length; d++) {
        const x = s + 1 + i - d;
        const y = x > s ? x : x + (Math.floor((s - x) / Q) + 1) * Q;
        next[y - s - 1] += pi[i]! * d1[d]!;
      }
    }
    out.push(next);
    pi = next;
  }
  return out;
}

/**
 * Finite-horizon values from the policy's top: E[Σ numerator]/E[Σ denominator] over the measured
 * periods, cycles counted when their order arrives in the measured window (as the engine does).
 */
export function finiteSQPoisson(lambda: number, L: number, s: number, Q: number, warmup: number, horizon: number): ExactSQValues {
  const T = warmup + horizon;
  const K = cut((L + 1) * lambda);
  const d1 = poissonPmf(lambda, K);
  const pa = Array.from({ length: L + 2 }, (_, a) => poissonPmf(a * lambda, K));
  const chain = positionChain(d1, s, Q, T);
  let [filled, ready, onHand, back, cycles, good, orders] = [0, 0, 0, 0, 0, 0, 0];
  for (let t = warmup; t < T; t++) {
    const pi = chain[Math.max(t - L - 1, -1) + 1]!; // position after review in period t − L − 1 (or the start)
    const a = Math.min(L, t);
    for (let i = 0; i < Q; i++) {
      const w = pi[i]!;
      if (w === 0) continue;
      const y = s + 1 + i;
      const end = positiveParts(pa[a + 1]!, y);
      filled += w * (positiveParts(pa[a]!, y).over - end.over);
      ready += w * pmfCdf(pa[a + 1]!, y - 1);
      onHand += w * end.over;
      back += w * end.under;
    }
  }
  // orders placed at the end of τ (x = IP_{τ−1} − d_τ ≤ s) arrive at the start of τ + L + 1
  for (let tau = 0; tau < T; tau++) {
    const pi = chain[tau]!; // IP after review in period τ − 1
    for (let i = 0; i < Q; i++) {
      const y = s + 1 + i;
      for (let d = Math.max(0, y - s); d <= K; d++) {
        const p = pi[i]! * d1[d]!;
        if (tau >= warmup) orders += p;
        if (tau + L + 1 < warmup || tau + L + 1 >= T) continue;
        cycles += p;
        good += p * pmfCdf(pa[L]!, y - d);
      }
    }
  }
  return { readyRate: ready / horizon, fillRate: filled / (horizon * lambda), cycleServiceLevel: good / cycles, averageOnHand: onHand / horizon, averageBackorders: back / horizon, ordersPerPeriod: orders / horizon };
}
