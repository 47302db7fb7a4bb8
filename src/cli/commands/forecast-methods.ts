/**
 * Forecasting methods named on the command line (`invlab forecast --method`, `invlab backtest
 * --baseline`): every method of the forecaster registry (src/forecast/spec.ts, FORECAST_METHODS),
 * so a method added there appears here with no change. A token is `name[:key=value…]`, e.g.
 * `ses`, `ses:alpha=0.2`, `adida:level=7:inner=sba`; parameters not given take the defaults
 * below, and a method that needs none (e.g. ETS with AICc selection) runs as `{ method: name }`.
 * `auto` picks a method per SKU from the SBC class of its training part (Syntetos, Boylan &
 * Croston 2005): SBA where demand is intermittent or lumpy (ADI ≥ 1.32), ETS (or SES while ETS
 * is not registered) where it is smooth or erratic.
 */
import { nearestName } from '../../core/validate.ts';
import { FORECAST_METHODS, validateForecasterSpec, type ForecasterSpec } from '../../forecast/spec.ts';
import { UsageError } from '../model-registry.ts';

/** Default parameters of the methods that need some (smoothing 0.1 as a common fixed choice for daily retail data). */
export const METHOD_DEFAULTS: Readonly<Record<string, Record<string, unknown>>> = {
  seasonalNaive: { period: 7 },
  movingAverage: { window: 28 },
  ses: { alpha: 0.1 },
  holt: { alpha: 0.1, beta: 0.05, phi: 0.9 },
  croston: { alpha: 0.1 },
  sba: { alpha: 0.1 },
  tsb: { alpha: 0.1, beta: 0.05 },
  sbc: { alpha: 0.1 },
  adida: { level: 7, inner: { method: 'ses', alpha: 0.1 } },
  imapa: { maxLevel: 7, inner: { method: 'sba', alpha: 0.1 } },
};

/** A method as run: its label (the token as given) and its validated spec. */
export interface MethodChoice {
  label: string;
  spec: ForecasterSpec;
}

/** The registry's method names (read at call time, so additions to spec.ts show up). */
export function registeredMethods(): string[] {
  return [...FORECAST_METHODS];
}

function cellValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  const x = Number(text);
  return text.trim() !== '' && Number.isFinite(x) ? x : text;
}

function unknownMethod(option: string, name: string, extra: readonly string[]): UsageError {
  const known = [...registeredMethods(), ...extra];
  const near = nearestName(name, known);
  return new UsageError(`${option}: unknown method '${name}'${near ? `; did you mean '${near}'?` : ''} (known: ${known.join(', ')})`);
}

/**
 * The spec of one token; `start` (the history's first date) is given to the calendar regression
 * so it knows the months. Errors name the option and the token.
 */
export function methodSpec(token: string, option = '--method', start?: string): MethodChoice {
  const [name, ...params] = token.split(':').map((p) => p.trim());
  if (!registeredMethods().includes(name!)) throw unknownMethod(option, name!, option === '--method' ? ['auto'] : []);
  const spec: Record<string, unknown> = { method: name, ...structuredClone(METHOD_DEFAULTS[name!] ?? {}) };
  if (name === 'regression' && start !== undefined) spec.start = start;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`${option} ${token}: parameters are key=value, got '${p}'`);
    const key = p.slice(0, eq);
    const value = p.slice(eq + 1);
    spec[key] = key === 'inner' ? methodSpec(value, option).spec : cellValue(value);
  }
  try {
    return { label: token, spec: validateForecasterSpec(spec, name) };
  } catch (e) {
    throw new UsageError(`${option} ${token}: ${(e as Error).message}`);
  }
}

/** The tokens of a comma-separated list (at least one). */
export function methodTokens(text: string, option = '--method'): string[] {
  const list = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (list.length === 0) throw new UsageError(`${option} must name at least one method`);
  const dup = list.find((t, i) => list.indexOf(t) !== i);
  if (dup !== undefined) throw new UsageError(`${option}: '${dup}' is named twice`);
  return list;
}

/** The method `auto` runs for an SBC class (module doc). */
export function autoMethod(sbcClass: string, start?: string): MethodChoice {
  const smoothSide = sbcClass === 'smooth' || sbcClass === 'erratic';
  const name = smoothSide ? (registeredMethods().includes('ets') ? 'ets' : 'ses') : 'sba';
  return methodSpec(name, '--method', start);
}
