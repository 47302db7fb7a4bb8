/**
 * The new forecasters and safety-stock methods inside the adaptive policy (src/policy/adaptive.ts,
 * selected by name): each runs through the engine on a Poisson history, read from a policy file,
 * and makes the same decisions up to day t whatever the demand after t (no look-ahead; the
 * bootstrap's resampling stream is seeded by the spec, so it repeats too).
 */
import { describe, expect, it } from 'vitest';
import { readPolicyDocument, policyFile } from '../../src/policy/file.ts';
import { AdaptiveRule, type AdaptivePolicy } from '../../src/policy/adaptive.ts';
import { orderingRule } from '../../src/policy/rules.ts';
import { simulateWithRule } from '../../src/sim/engine.ts';
import { RandomStream } from '../../src/rng/stream.ts';

function levels(policy: AdaptivePolicy, demand: number[]): number[] {
  const rule = orderingRule(policy) as AdaptiveRule;
  const out: number[] = [];
  const rec = {
    get positionAfter() {
      return rule.positionAfter;
    },
    set positionAfter(v: number) {
      rule.positionAfter = v;
    },
    observe: (t: number, d: number) => rule.observe(t, d),
    review: (t: number, ip: number) => {
      const q = rule.review(t, ip);
      out.push(rule.lastLevel, q);
      return q;
    },
  };
  simulateWithRule(rec, 0, { horizon: demand.length, warmup: 0, reviewPeriod: policy.reviewPeriod }, { demand: (t) => demand[t]!, leadTime: () => policy.leadTime });
  return out;
}

describe('adaptive policy with ETS / optimised Croston and the new safety stocks', () => {
  const rng = new RandomStream([20261201, 'adaptive-methods']);
  const demand = Array.from({ length: 300 }, (_, t) => rng.poisson(t % 7 === 5 ? 8 : 4));
  const changed = demand.map((d, t) => (t >= 200 ? d + 5 : d));
  const cases: [string, AdaptivePolicy['forecaster'], AdaptivePolicy['safetyStock']][] = [
    ['ets + bootstrap', { method: 'ets', fitAt: 60 }, { method: 'bootstrap', minErrors: 20, replicates: 200, block: 3 }],
    ['crostonOpt + gamma', { method: 'crostonOpt', cost: 'msr', fitAt: 60 }, { method: 'gamma', minErrors: 20 }],
    ['ets AAdA + negbin', { method: 'ets', model: 'AAdA', fitAt: 60 }, { method: 'negbin', minErrors: 20 }],
  ];
  for (const [name, forecaster, safetyStock] of cases) {
    it(name, () => {
      const policy: AdaptivePolicy = { kind: 'adaptive', forecaster, safetyStock, reviewPeriod: 1, leadTime: 3, target: { metric: 'fillRate', value: 0.95 } };
      const [read] = readPolicyDocument(JSON.parse(JSON.stringify(policyFile([policy]))), 'policy.json');
      expect(read!.policy).toEqual(policy);
      const a = levels(policy, demand), b = levels(policy, changed);
      // reviews at the end of days 0..199 see the same history: the same levels and orders
      expect(b.slice(0, 400)).toEqual(a.slice(0, 400));
      expect(a.slice(400)).not.toEqual(b.slice(400));
      expect(a.filter((x, i) => i % 2 === 1 && x > 0).length).toBeGreaterThan(20);
    });
  }
});
