/**
 * Forecasters from plain-data specs (JSON, so a spec crosses into a worker thread), validated
 * with src/core/validate.ts: errors name the field.
 */
import { checkChoice, checkKnownKeys, checkNumber, checkObject } from '../core/validate.ts';
import { AdidaForecaster, ImapaForecaster } from './adida.ts';
import { CrostonForecaster } from './croston.ts';
import { CROSTON_COSTS, CrostonOptForecaster, type CrostonCost } from './croston-opt.ts';
import { EtsForecaster } from './ets.ts';
import { ETS_MODELS, type EtsModelName } from './ets-core.ts';
import { ETS_OPTIMIZERS, type EtsOptimizer } from './ets-fit.ts';
import { HoltForecaster } from './holt.ts';
import { MovingAverageForecaster } from './moving-average.ts';
import { NaiveForecaster } from './naive.ts';
import { parseCalendarDate } from './calendar.ts';
import { RegressionForecaster } from './regression.ts';
import { SbcForecaster } from './sbc.ts';
import { SeasonalNaiveForecaster } from './seasonal-naive.ts';
import { SesForecaster } from './ses.ts';
import { TsbForecaster } from './tsb.ts';
import type { Forecaster } from './types.ts';

/** The single-level methods (what ADIDA and IMAPA may run inside). */
export type BaseForecasterSpec =
  | { method: 'naive' }
  | { method: 'seasonalNaive'; period?: number }
  | { method: 'movingAverage'; window: number }
  | { method: 'ses'; alpha: number }
  | { method: 'holt'; alpha: number; beta: number; phi?: number }
  | { method: 'croston'; alpha: number }
  | { method: 'sba'; alpha: number }
  | { method: 'tsb'; alpha: number; beta: number }
  | { method: 'sbc'; alpha: number }
  /** least squares on trend, weekday and (with a start date 'YYYY-MM-DD') month terms */
  | { method: 'regression'; start?: string; period?: number; trend?: boolean; month?: boolean }
  /** additive ETS, fitted by maximum likelihood (model 'auto': chosen by AICc) after fitAt periods; see ets.ts */
  | { method: 'ets'; model?: 'auto' | EtsModelName; period?: number; fitAt?: number; /** default: re-fit when the history has doubled; 0: never */ refitEvery?: number; window?: number; /** 'r' (default): forecast::ets's Nelder–Mead path; 'fast': profile likelihood (ets-fit.ts) */ optimizer?: EtsOptimizer }
  /** Croston (or SBA) with smoothing constants optimised in-sample; see croston-opt.ts */
  | { method: 'crostonOpt'; cost?: CrostonCost; separate?: boolean; variant?: 'croston' | 'sba'; fitAt?: number; refitEvery?: number; window?: number };

export type ForecasterSpec =
  | BaseForecasterSpec
  /** ADIDA: buckets of `level` periods forecast by `inner` */
  | { method: 'adida'; level: number; inner: BaseForecasterSpec }
  /** IMAPA: ADIDA at levels 1..maxLevel, averaged */
  | { method: 'imapa'; maxLevel: number; inner: BaseForecasterSpec };

export const BASE_FORECAST_METHODS = ['naive', 'seasonalNaive', 'movingAverage', 'ses', 'holt', 'croston', 'sba', 'tsb', 'sbc', 'regression', 'ets', 'crostonOpt'] as const;
export const FORECAST_METHODS = [...BASE_FORECAST_METHODS, 'adida', 'imapa'] as const;

const KEYS: Record<ForecasterSpec['method'], readonly string[]> = {
  naive: [],
  seasonalNaive: ['period'],
  movingAverage: ['window'],
  ses: ['alpha'],
  holt: ['alpha', 'beta', 'phi'],
  croston: ['alpha'],
  sba: ['alpha'],
  tsb: ['alpha', 'beta'],
  sbc: ['alpha'],
  regression: ['start', 'period', 'trend', 'month'],
  ets: ['model', 'period', 'fitAt', 'refitEvery', 'window', 'optimizer'],
  crostonOpt: ['cost', 'separate', 'variant', 'fitAt', 'refitEvery', 'window'],
  adida: ['level', 'inner'],
  imapa: ['maxLevel', 'inner'],
};

function checkSmoothing(x: unknown, name: string): void {
  checkNumber(x, name, 'probability');
  if (!((x as number) > 0)) throw new RangeError(`${name} must be in (0, 1], got ${String(x)}`);
}

/** 'YYYY-MM-DD' naming a real day (2024-02-30 is not one). */
function isCalendarDate(s: string): boolean {
  return !Number.isNaN(parseCalendarDate(s));
}

function checkRegression(o: Record<string, unknown>, name: string): void {
  if (o.start !== undefined && (typeof o.start !== 'string' || !isCalendarDate(o.start))) {
    throw new RangeError(`${name}.start must be a date 'YYYY-MM-DD', got ${JSON.stringify(o.start)}`);
  }
  if (o.period !== undefined) checkNumber(o.period, `${name}.period`, 'int1');
  if (o.start !== undefined && o.period !== undefined && o.period !== 7) throw new RangeError(`${name}.period must be 7 (or absent) with a start date, got ${String(o.period)}`);
  for (const k of ['trend', 'month'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new TypeError(`${name}.${k} must be true or false, got ${JSON.stringify(o[k])}`);
}

/** The periods options shared by the fitted methods (ets, crostonOpt). */
function checkRefit(o: Record<string, unknown>, name: string): void {
  if (o.fitAt !== undefined && checkNumber(o.fitAt, `${name}.fitAt`, 'int1') < 2) throw new RangeError(`${name}.fitAt must be ≥ 2, got ${String(o.fitAt)}`);
  if (o.refitEvery !== undefined) checkNumber(o.refitEvery, `${name}.refitEvery`, 'int0');
  if (o.window !== undefined && checkNumber(o.window, `${name}.window`, 'int1') < 2) throw new RangeError(`${name}.window must be ≥ 2, got ${String(o.window)}`);
}

function checkEts(o: Record<string, unknown>, name: string): void {
  const model = o.model === undefined ? 'auto' : checkChoice(o.model, `${name}.model`, ['auto', ...ETS_MODELS] as const);
  if (o.period !== undefined && (checkNumber(o.period, `${name}.period`, 'int1') < 2 || (o.period as number) > 24)) throw new RangeError(`${name}.period must be an integer in [2, 24], got ${String(o.period)}`);
  checkRefit(o, name);
  if (o.optimizer !== undefined) checkChoice(o.optimizer, `${name}.optimizer`, ETS_OPTIMIZERS);
  // enough periods to fit: ETS(A,N,N) needs 7, a fixed seasonal model 3m (ets-fit.ts)
  const least = model !== 'auto' && model.endsWith('A') ? 3 * ((o.period as number | undefined) ?? 7) : 10;
  for (const k of ['fitAt', 'window'] as const) {
    if (o[k] !== undefined && (o[k] as number) < least) throw new RangeError(`${name}.${k} must be ≥ ${least} for ETS model '${model}', got ${String(o[k])}`);
  }
}

function checkCrostonOpt(o: Record<string, unknown>, name: string): void {
  if (o.cost !== undefined) checkChoice(o.cost, `${name}.cost`, CROSTON_COSTS);
  if (o.variant !== undefined) checkChoice(o.variant, `${name}.variant`, ['croston', 'sba'] as const);
  if (o.separate !== undefined && typeof o.separate !== 'boolean') throw new TypeError(`${name}.separate must be true or false, got ${JSON.stringify(o.separate)}`);
  checkRefit(o, name);
}

/** Validate a forecaster spec; returns it typed. */
export function validateForecasterSpec(specIn: unknown, name = 'forecaster'): ForecasterSpec {
  const o = checkObject(specIn, name);
  const method = checkChoice(o.method, `${name}.method`, FORECAST_METHODS);
  checkKnownKeys(o, name, ['method', ...KEYS[method]]);
  if (method === 'seasonalNaive' && o.period !== undefined) checkNumber(o.period, `${name}.period`, 'int1');
  if (method === 'movingAverage') checkNumber(o.window, `${name}.window`, 'int1');
  for (const k of ['alpha', 'beta'] as const) if (KEYS[method].includes(k)) checkSmoothing(o[k], `${name}.${k}`);
  if (method === 'holt' && o.phi !== undefined) checkSmoothing(o.phi, `${name}.phi`);
  if (method === 'regression') checkRegression(o, name);
  if (method === 'ets') checkEts(o, name);
  if (method === 'crostonOpt') checkCrostonOpt(o, name);
  if (method === 'adida' || method === 'imapa') {
    const key = method === 'adida' ? 'level' : 'maxLevel';
    checkNumber(o[key], `${name}.${key}`, 'int1');
    if ((o[key] as number) > 366) throw new RangeError(`${name}.${key} must be ≤ 366, got ${String(o[key])}`);
    const inner = checkObject(o.inner, `${name}.inner`);
    checkChoice(inner.method, `${name}.inner.method`, BASE_FORECAST_METHODS);
    validateForecasterSpec(inner, `${name}.inner`);
  }
  return o as unknown as ForecasterSpec;
}

/** A fresh forecaster of a validated spec (no data seen). */
export function createForecaster(spec: ForecasterSpec): Forecaster {
  switch (spec.method) {
    case 'naive':
      return new NaiveForecaster();
    case 'seasonalNaive':
      return new SeasonalNaiveForecaster(spec.period ?? 7);
    case 'movingAverage':
      return new MovingAverageForecaster(spec.window);
    case 'ses':
      return new SesForecaster(spec.alpha);
    case 'holt':
      return new HoltForecaster(spec.alpha, spec.beta, spec.phi ?? 1);
    case 'croston':
    case 'sba':
      return new CrostonForecaster(spec.alpha, spec.method);
    case 'tsb':
      return new TsbForecaster(spec.alpha, spec.beta);
    case 'sbc':
      return new SbcForecaster(spec.alpha);
    case 'regression':
      return new RegressionForecaster(spec);
    case 'ets':
      return new EtsForecaster(spec);
    case 'crostonOpt':
      return new CrostonOptForecaster(spec);
    case 'adida':
      return new AdidaForecaster(spec.level, createForecaster(spec.inner));
    case 'imapa':
      return new ImapaForecaster(spec.maxLevel, () => createForecaster(spec.inner));
  }
}
