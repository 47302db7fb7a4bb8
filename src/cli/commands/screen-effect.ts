/**
 * What the data screen changes in a policy and in the service it achieves (`invlab screen
 * --effect`). Per SKU, the history is split at --train-until. The training days are screened;
 * for each variant (the raw history, each rule's corrections alone, all rules) a periodic-review
 * order-up-to policy (R, S) is set from the training demand,
 *
 *   S = ⌈μ̂(R + L) + z·σ̂·√(R + L)⌉,  z = Φ⁻¹(target)
 *
 * (the normal order-up-to level for i.i.d. daily demand; Silver, Pyke & Thomas 2017, §6.7), with
 * μ̂, σ̂ the mean and sd of daily demand over the cleaned training days (point corrections
 * replaced by the rule's proposal; a level shift: only the days from the last shift on). Each
 * policy is then replayed on the REAL test days, the same for every variant (so differences
 * are paired), from S on hand, with a constant lead time L: the achieved fill rate and average
 * stock say what the screen's corrections were worth. Differences from the raw variant are
 * averaged over SKUs with a 95 % t-interval (paired over SKUs).
 *
 * With an adaptive forecaster (--effect-forecaster) the same comparison is made on a
 * forecast-driven adaptive (R, S) policy (src/policy/adaptive.ts: S_t = F_t(R + L) + SS_t, the
 * safety stock from the empirical distribution of the forecaster's (R + L)-day errors for the
 * fill-rate target): for each variant the forecaster and its error record learn the variant's
 * cleaned training days (no orders), then the policy runs on the same real test days from its
 * level S_0 at the end of training, updating online. The replay is deterministic (real demand,
 * constant lead time), so every variant meets exactly the same demand and the differences from
 * the raw variant are paired over SKUs as above.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { normalQuantile } from '../../core/normal.ts';
import { estimatePairedDifference, type Estimate } from '../../core/stats.ts';
import { cleanSeries, screenSeries, SCREEN_RULES, type ScreenFlag, type ScreenOptions } from '../../forecast/screen/index.ts';
import type { Row } from '../../io/csv-write.ts';
import { simulateInventory, simulateWithRule } from '../../sim/engine.ts';
import { AdaptiveRule, type AdaptivePolicy } from '../../policy/adaptive.ts';
import type { ForecasterSpec } from '../../forecast/spec.ts';

export const EFFECT_VARIANTS = ['raw', ...SCREEN_RULES, 'all'] as const;
export type EffectVariant = (typeof EFFECT_VARIANTS)[number];

export interface EffectSettings {
  /** first test day (ISO date); the days before it train */
  trainUntil: string;
  leadTime: number;
  review: number;
  target: number;
  /** the forecaster of the adaptive (R, S) policy measured too (--effect-forecaster); none: static only */
  adaptive?: ForecasterSpec;
}

/** A variant's policy and what it achieved on the test days (adaptive: orderUpTo = S_0, the level at the end of training). */
export interface VariantResult {
  orderUpTo: number;
  fillRate: number;
  averageOnHand: number;
}

export interface SkuEffect {
  sku: string;
  /** per variant: order-up-to level, achieved fill rate on the test days, average on hand */
  byVariant: Record<EffectVariant, VariantResult & { flags: number }>;
  /** the same for the adaptive (R, S) policy, with EffectSettings.adaptive */
  adaptive?: Record<EffectVariant, VariantResult>;
  testDemand: number;
}

/** The adaptive (R, S) of --effect-forecaster: empirical safety stock for the fill-rate target, R and L of the settings. */
export function effectAdaptivePolicy(s: EffectSettings, forecaster: ForecasterSpec): AdaptivePolicy {
  return { kind: 'adaptive', forecaster, safetyStock: { method: 'empirical' }, reviewPeriod: s.review, leadTime: s.leadTime, target: { metric: 'fillRate', value: s.target } };
}

/** The rule learns the (cleaned) training days without ordering, then runs on the real test days from its level S_0 on hand. */
export function adaptiveReplay(train: readonly number[], test: readonly number[], policy: AdaptivePolicy): VariantResult {
  const rule = new AdaptiveRule(policy);
  train.forEach((d, t) => rule.observe(t, d));
  const level = rule.level();
  const S0 = level > 0 ? level : 0;
  const row = simulateWithRule(rule, S0, { horizon: test.length, warmup: 0, reviewPeriod: policy.reviewPeriod }, { demand: (t) => test[t]!, leadTime: () => policy.leadTime });
  return { orderUpTo: S0, fillRate: row.fillRate, averageOnHand: row.averageOnHand };
}

/** The training days as the variant's corrections leave them. */
export function correctedTraining(train: readonly number[], flags: readonly ScreenFlag[], variant: EffectVariant): number[] {
  if (variant === 'raw') return train.slice();
  const used = variant === 'all' ? flags : flags.filter((f) => f.rule === variant);
  const cleaned = cleanSeries(train, used);
  const shifts = used.filter((f) => f.rule === 'levelShift');
  return shifts.length > 0 ? cleaned.slice(shifts[shifts.length - 1]!.day) : cleaned;
}

/** S = ⌈μ(R + L) + z·σ·√(R + L)⌉, at least 0. */
export function orderUpTo(days: readonly number[], s: EffectSettings): number {
  const cover = s.review + s.leadTime;
  const mu = mean(days as number[]);
  const sd = days.length > 1 ? sampleStandardDeviation(days as number[]) : 0;
  return Math.max(0, Math.ceil(mu * cover + normalQuantile(s.target) * sd * Math.sqrt(cover)));
}

/** One SKU: screen the training days, set each variant's policy, replay the test days; null with fewer than 28 training days or no test day. */
export function skuEffect(h: { sku: string; dates: readonly string[]; values: readonly number[]; open: boolean[] | undefined }, options: ScreenOptions, s: EffectSettings): SkuEffect | null {
  const split = h.dates.findIndex((d) => d >= s.trainUntil);
  if (split < 28) return null;
  const train = h.values.slice(0, split);
  const test = h.values.slice(split);
  const flags = screenSeries(train, { ...options, rules: SCREEN_RULES, open: h.open?.slice(0, split) });
  const byVariant = {} as SkuEffect['byVariant'];
  const adaptive = s.adaptive === undefined ? undefined : ({} as NonNullable<SkuEffect['adaptive']>);
  for (const v of EFFECT_VARIANTS) {
    const days = correctedTraining(train, flags, v);
    if (adaptive !== undefined) adaptive[v] = adaptiveReplay(days, test, effectAdaptivePolicy(s, s.adaptive!));
    const S = orderUpTo(days, s);
    const row = simulateInventory({ kind: 'RS', reviewPeriod: s.review, orderUpTo: S }, { horizon: test.length, warmup: 0, initialOnHand: S }, { demand: (t) => test[t]!, leadTime: () => s.leadTime });
    const n = v === 'raw' ? 0 : v === 'all' ? flags.length : flags.filter((f) => f.rule === v).length;
    byVariant[v] = { orderUpTo: S, fillRate: row.fillRate, averageOnHand: row.averageOnHand, flags: n };
  }
  return { sku: h.sku, byVariant, ...(adaptive ? { adaptive } : {}), testDemand: test.reduce((a, b) => a + b, 0) };
}

function interval(e: Estimate, digits: number): string {
  return Number.isFinite(e.halfWidth) ? `${e.mean.toFixed(digits)} [${e.low.toFixed(digits)}, ${e.high.toFixed(digits)}]` : e.mean.toFixed(digits);
}

/**
 * One row per variant over the SKUs with test demand: mean S, fill rate, share meeting the
 * target, average on hand, and the paired differences from the raw variant with 95 % intervals;
 * of the static (R, S) policy or (family 'adaptive') of the adaptive one (mean_S: mean S_0).
 */
export function effectSummary(effects: readonly SkuEffect[], target: number, family: 'static' | 'adaptive' = 'static'): Row[] {
  const e = effects.filter((x) => x.testDemand > 0 && (family === 'static' || x.adaptive !== undefined));
  const get = (x: SkuEffect): Record<EffectVariant, VariantResult> => (family === 'static' ? x.byVariant : x.adaptive!);
  const col = (v: EffectVariant, k: keyof VariantResult): number[] => e.map((x) => get(x)[v][k]);
  return EFFECT_VARIANTS.map((v) => {
    const changed = e.filter((x) => get(x)[v].orderUpTo !== get(x).raw.orderUpTo).length;
    const row: Row = { variant: v, skus: e.length, skus_changed: changed, mean_S: mean(col(v, 'orderUpTo')), fill_rate: mean(col(v, 'fillRate')), meeting_target: e.filter((x) => get(x)[v].fillRate >= target).length / e.length, on_hand: mean(col(v, 'averageOnHand')) };
    if (v !== 'raw' && e.length > 1) {
      row.d_fill_rate = interval(estimatePairedDifference(col(v, 'fillRate'), col('raw', 'fillRate')), 4);
      row.d_on_hand = interval(estimatePairedDifference(col(v, 'averageOnHand'), col('raw', 'averageOnHand')), 2);
    }
    return row;
  });
}

/** Per SKU and variant, flat rows for CSV/JSON. */
export function effectRows(effects: readonly SkuEffect[]): Row[] {
  const adaptive = (x: SkuEffect, v: EffectVariant): Row => (x.adaptive === undefined ? {} : { adaptive_s0: x.adaptive[v].orderUpTo, adaptive_fill_rate: x.adaptive[v].fillRate, adaptive_average_on_hand: x.adaptive[v].averageOnHand });
  return effects.flatMap((x) => EFFECT_VARIANTS.map((v) => ({ sku: x.sku, variant: v, flags: x.byVariant[v].flags, order_up_to: x.byVariant[v].orderUpTo, fill_rate: x.byVariant[v].fillRate, average_on_hand: x.byVariant[v].averageOnHand, test_demand: x.testDemand, ...adaptive(x, v) })));
}

