/**
 * Shared setup of the adaptive-policy tests (test/policy/adaptive*.test.ts): a policy from
 * defaults with overrides, and a deterministic run that records every review's decision.
 */
import type { AdaptivePolicy, AdaptiveRule } from '../../src/policy/adaptive.ts';
import { orderingRule, type OrderingRule } from '../../src/policy/rules.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { simulateWithRule, type ProcessSources } from '../../src/sim/engine.ts';

/** The (R, S) defaults of the tests: SES(0.1), normal safety stock, R = 1, L = 4, fill rate 0.95. */
export const ADAPTIVE_DEFAULTS: AdaptivePolicy = {
  kind: 'adaptive',
  forecaster: { method: 'ses', alpha: 0.1 },
  safetyStock: { method: 'normal' },
  reviewPeriod: 1,
  leadTime: 4,
  target: { metric: 'fillRate', value: 0.95 },
};

/** A policy factory: the defaults (plus `extra`), then the overrides of each call. */
export function adaptiveBase(extra: Partial<AdaptivePolicy> = {}): (over?: Partial<AdaptivePolicy>) => AdaptivePolicy {
  return (over = {}) => ({ ...ADAPTIVE_DEFAULTS, ...extra, ...over });
}

/** One review: period, inventory position seen, quantity ordered, and what `extra` reads off the rule. */
export type Decision<E> = { t: number; ip: number; q: number } & E;

/** Records every review's decision of the wrapped rule. */
class Recorder<E> implements OrderingRule {
  readonly log: Decision<E>[] = [];
  constructor(
    private readonly rule: AdaptiveRule,
    private readonly extra: (rule: AdaptiveRule) => E,
  ) {}
  get positionAfter(): number {
    return this.rule.positionAfter;
  }
  set positionAfter(v: number) {
    this.rule.positionAfter = v;
  }
  observe(t: number, d: number): void {
    this.rule.observe(t, d);
  }
  review(t: number, ip: number): number {
    const q = this.rule.review(t, ip);
    this.log.push({ t, ip, q, ...this.extra(this.rule) });
    return q;
  }
}

/** Run the policy from zero stock on a fixed demand path (constant lead time) and return its decisions. */
export function recordDecisions<E>(policy: AdaptivePolicy, demand: number[], extra: (rule: AdaptiveRule) => E): Decision<E>[] {
  const rec = new Recorder(orderingRule(policy) as AdaptiveRule, extra);
  const sources: ProcessSources = { demand: (t) => demand[t]!, leadTime: () => policy.leadTime };
  simulateWithRule(rec, 0, { horizon: demand.length, warmup: 0, reviewPeriod: policy.reviewPeriod }, sources);
  return rec.log;
}

/**
 * The no-look-ahead check's two demand paths over 300 periods: intermittent draws (60 % of days
 * uniform on 0..39) from the stream (7, key, name), equal up to period T = 150 and different after.
 */
export function pathsDifferingAfterT(key: string, name: string): { a: number[]; b: number[]; T: number } {
  const rng = new RandomStream([7, key, name]);
  const T = 150;
  const a = Array.from({ length: 300 }, () => (rng.uniform() < 0.6 ? rng.int(40) : 0));
  const b = a.map((d, t) => (t <= T ? d : d * 3 + 17)); // a different future
  return { a, b, T };
}
