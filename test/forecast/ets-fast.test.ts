/**
 * ETS speed work (ets-core.ts etsVectorSse, ets-profile.ts, ets-box-minimise.ts, the 'fast'
 * optimiser of ets-fit.ts).
 *
 * - etsVectorSse is the R-path objective's filter: it must give the same bits as etsSse (the
 *   reference filter that reproduces R's likelihood), for every model.
 * - The profile SSE*(θ) is the exact minimum over the initial states, so at R's own θ (from
 *   ets-reference.csv) it can be no larger than Σε² at R's initial states (up to rounding,
 *   10⁻¹⁰ relative), and the filter run from the state it returns must give the same Σε².
 * - The 'fast' optimiser on the R fixtures: its log-likelihood is at least R's (− 10⁻⁶·|R's|,
 *   R's printed precision is 15 digits) for every model and series (measured: equal to 10⁻⁵ or
 *   higher by up to 4.3), and the AICc of its choice is at most that of R's choice (the choice itself
 *   can differ: on weekly730 R picks ETS(A,Ad,A), 'fast' ETS(A,N,A), whose optimum it improves more).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ETS_MODELS, etsSse, etsType, etsVectorSse, type EtsModelName } from '../../src/forecast/ets-core.ts';
import { etsFitModel, etsInitialStates, etsSelect } from '../../src/forecast/ets-fit.ts';
import { boxMinimise } from '../../src/forecast/ets-box-minimise.ts';
import { EtsProfileWork, etsProfileSse, etsProfileState, etsSseGradient } from '../../src/forecast/ets-profile.ts';
import { EtsForecaster } from '../../src/forecast/ets.ts';
import { validateForecasterSpec } from '../../src/forecast/spec.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { runCli } from '../helpers/cli.ts';
import { expectClose } from '../helpers/close.ts';
import { fixtureRows, fixtureSeries } from '../helpers/forecast-fixtures.ts';

const rows = fixtureRows;
const series = fixtureSeries('ets-series.csv');
const ref = rows('ets-reference.csv').map(([s, f, m, q, , v]) => ({ series: s!, fit: f!, model: m! as EtsModelName, q: q!, v: Number(v) }));
const get = (s: string, f: string, q: string): number[] => ref.filter((r) => r.series === s && r.fit === f && r.q === q).map((r) => r.v);
const M = 7;

describe('etsVectorSse (the R-path objective) is bit-identical to etsSse', () => {
  it('every model, random parameters and states', () => {
    const rng = new RandomStream([20261201, 'ets-fast', 'vector']);
    const y = Float64Array.from(series.get('seasonalWalk365')!);
    const ring = new Float64Array(M);
    for (const model of ETS_MODELS) {
      const type = etsType(model);
      for (let r = 0; r < 20; r++) {
        const alpha = 0.01 + 0.5 * rng.uniform();
        const par = { alpha, beta: type.trend ? alpha * rng.uniform() : 0, gamma: type.seasonal ? (1 - alpha) * rng.uniform() : 0, phi: type.damped ? 0.8 + 0.18 * rng.uniform() : 1 };
        const free = [40 + rng.normal(), ...(type.trend ? [rng.normal()] : []), ...(type.seasonal ? Array.from({ length: M - 1 }, () => 3 * rng.normal()) : [])];
        const v = [par.alpha, ...(type.trend ? [par.beta] : []), ...(type.seasonal ? [par.gamma] : []), ...(type.damped ? [par.phi] : []), ...free];
        const x0 = [...free];
        if (type.seasonal) x0.push(-free.slice(type.trend ? 2 : 1).reduce((a, b) => a + b, 0));
        expect(etsVectorSse(y, type, M, v, ring), `${model} draw ${r}`).toBe(etsSse(y, type, par, x0, M).sse);
      }
    }
  });
});

describe('profile likelihood: the exact minimum over the initial states', () => {
  for (const [s, y] of series) {
    it(s, () => {
      const yf = Float64Array.from(y);
      for (const model of ETS_MODELS) {
        const x0R = get(s, model, 'x0');
        if (x0R.length === 0) continue;
        const type = etsType(model);
        const par = { alpha: get(s, model, 'alpha')[0]!, beta: get(s, model, 'beta')[0] ?? 0, gamma: get(s, model, 'gamma')[0] ?? 0, phi: get(s, model, 'phi')[0] ?? 1 };
        const w = new EtsProfileWork(type, yf.length, M);
        const init = etsInitialStates(y, type, M);
        if (type.seasonal) init.push(-init.slice(type.trend ? 2 : 1).reduce((a, b) => a + b, 0));
        w.ref.set(init);
        const sse = etsProfileSse(yf, w, par);
        const atR = etsSse(y, type, par, x0R, M).sse;
        expect(sse, `${s} ${model}: SSE*(θ_R) ≤ Σε² at R's states`).toBeLessThanOrEqual(atR * (1 + 1e-10));
        const x0 = etsProfileState(w);
        expectClose(etsSse(y, type, par, x0, M).sse, sse, 1e-9 * sse, `${s} ${model}: filter from the profile's state`);
      }
    });
  }
});

describe('forward sensitivities: ∂Σε²/∂(α, β, γ, φ) at fixed initial states', () => {
  it('match central differences (step 10⁻⁶; tolerance 10⁻⁶ relative to the gradient norm)', () => {
    const y = Float64Array.from(series.get('seasonalWalk365')!);
    const rng = new RandomStream([20261201, 'ets-fast', 'gradient']);
    for (const model of ETS_MODELS) {
      const type = etsType(model);
      const w = new EtsProfileWork(type, y.length, M);
      const x0 = [40, ...(type.trend ? [0.05] : []), ...(type.seasonal ? [3, -2, 1, 0, -1, 2, -3] : [])];
      const par = { alpha: 0.1 + 0.3 * rng.uniform(), beta: type.trend ? 0.02 : 0, gamma: type.seasonal ? 0.05 : 0, phi: type.damped ? 0.9 : 1 };
      const g = new Float64Array(4);
      const sse = etsSseGradient(y, w, par, x0, g);
      expectClose(sse, etsSse(y, type, par, x0, M).sse, 1e-9 * sse, `${model} Σε²`);
      const keys = (['alpha', 'beta', 'gamma', 'phi'] as const).filter((_, i) => [true, type.trend, type.seasonal, type.damped][i]);
      const norm = Math.hypot(...g);
      for (const k of keys) {
        const h = 1e-6, up = etsSse(y, type, { ...par, [k]: par[k] + h }, x0, M).sse, down = etsSse(y, type, { ...par, [k]: par[k] - h }, x0, M).sse;
        expectClose(g[['alpha', 'beta', 'gamma', 'phi'].indexOf(k)]!, (up - down) / (2 * h), 1e-6 * norm, `${model} ∂Σε²/∂${k}`);
      }
    }
  });
});

describe("optimizer 'fast' on the R fixtures", () => {
  for (const [s, y] of series) {
    it(s, () => {
      for (const model of ETS_MODELS) {
        const rLoglik = get(s, model, 'loglik')[0];
        if (rLoglik === undefined) continue;
        const fit = etsFitModel(y, model, M, { optimizer: 'fast' })!;
        const slack = 1e-6 * Math.abs(rLoglik);
        expect(fit.loglik, `${s} ${model} loglik ≥ R's − ${slack}`).toBeGreaterThanOrEqual(rLoglik - slack);
        expect(fit.evaluations, `${s} ${model} evaluations`).toBeLessThan(500);
      }
      // the choice may differ from R's where a model's optimum improved more than another's
      // (weekly730: R picks ETS(A,Ad,A), 'fast' ETS(A,N,A)); its AICc is at most R's choice's
      const rAicc = get(s, 'auto', 'aicc')[0]!;
      const best = etsSelect(y, M, undefined, { optimizer: 'fast' }).best;
      expect(best.aicc, `${s} AICc of the choice (${best.model}) ≤ R's`).toBeLessThanOrEqual(rAicc + 1e-6 * Math.abs(rAicc));
    });
  }
});

describe("optimizer 'fast' where the profile is degenerate", () => {
  it('an exact fit (Σε*² = 0 at the start) takes R\'s path', () => {
    const y = Array.from({ length: 60 }, (_, t) => 3 + 0.5 * t);
    const fast = etsFitModel(y, 'AAN', M, { optimizer: 'fast' })!, r = etsFitModel(y, 'AAN', M)!;
    expect(fast.evaluations).toBe(r.evaluations);
    expect(fast.par).toEqual(r.par);
  });
});

describe('boxMinimise', () => {
  it('finds the minimum of a bounded convex quadratic (one coordinate at its bound)', () => {
    // f = (x − 0.3)² + 10(y − 1.5)² + (x − 0.3)(y − 1.5) on [0, 1]²: minimum at y = 1, x = 0.3 − (1 − 1.5)/2 = 0.55
    const f = (z: Float64Array): number => (z[0]! - 0.3) ** 2 + 10 * (z[1]! - 1.5) ** 2 + (z[0]! - 0.3) * (z[1]! - 1.5);
    const r = boxMinimise(f, [0.9, 0.1], [0, 0], [1, 1]);
    expectClose(r.z[0]!, 0.55, 1e-5, 'x');
    expect(r.z[1]).toBe(1);
  });
  it('treats a non-finite value as outside the feasible set', () => {
    const f = (z: Float64Array): number => (z[0]! > 0.5 ? Infinity : (z[0]! - 0.8) ** 2);
    const r = boxMinimise(f, [0.1], [0], [1]);
    expect(r.z[0]).toBeLessThanOrEqual(0.5);
    expectClose(r.z[0]!, 0.5, 1e-3, 'pushed against the infeasible side');
  });
});

describe('the optimizer option through the forecaster spec', () => {
  it("accepts 'r' and 'fast', rejects others; 'fast' is used by the forecaster", () => {
    expect(() => validateForecasterSpec({ method: 'ets', optimizer: 'fast' })).not.toThrow();
    expect(() => validateForecasterSpec({ method: 'ets', optimizer: 'r' })).not.toThrow();
    expect(() => validateForecasterSpec({ method: 'ets', optimizer: 'bfgs' })).toThrow(/optimizer/);
    const y = series.get('weekly730')!;
    const f = new EtsForecaster({ model: 'AAdA', fitAt: 300, refitEvery: 0, optimizer: 'fast' });
    for (const v of y.slice(0, 300)) f.update(v);
    const fit = etsFitModel(y.slice(0, 300), 'AAdA', M, { optimizer: 'fast' })!;
    expect(f.fit!.evaluations).toBe(fit.evaluations);
    expect(f.forecast(3)).toBe(fit.state.forecast(3));
  });
});

describe('invlab forecast exposes the choice (ets:optimizer=…)', () => {
  const hist = join(mkdtempSync(join(tmpdir(), 'invlab-ets-')), 'h.csv');
  const y = series.get('seasonalWalk365')!.slice(0, 120);
  writeFileSync(hist, `date,sku,quantity\n${y.map((q, i) => `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},A,${Math.max(0, Math.round(q))}`).join('\n')}\n`);
  it("runs both optimisers side by side", async () => {
    const r = await runCli(['forecast', '--history', hist, '--method', 'ets:model=ANA:fitAt=60:refitEvery=0:optimizer=fast,ets:model=ANA:fitAt=60:refitEvery=0', '--origins', '80:7', '--quantiles', 'none', '--json']);
    expect(r.code, r.err).toBe(0);
    const methods = (JSON.parse(r.out) as { summary: { method: string }[] }).summary.map((x) => x.method);
    expect(methods).toContain('ets:model=ANA:fitAt=60:refitEvery=0:optimizer=fast');
  });
  it('refuses an unknown optimiser (exit 2, naming it)', async () => {
    const r = await runCli(['forecast', '--history', hist, '--method', 'ets:optimizer=quick']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/optimizer must be one of 'r', 'fast'/);
  });
});
