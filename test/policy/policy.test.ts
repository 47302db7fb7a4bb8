import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasLotRule, roundLot } from '../../src/policy/lot.ts';
import { orderingRule, naturalTop, type OrderingRule } from '../../src/policy/rules.ts';
import { policyFile, PolicyFileError, readPolicyDocument, POLICY_FILE_VERSION } from '../../src/policy/file.ts';
import { POLICY_KINDS, validatePolicy } from '../../src/policy/validate.ts';
import type { InventoryPolicy } from '../../src/policy/types.ts';
import { simulateWithRule, type ProcessSources } from '../../src/sim/engine.ts';

const sQ: InventoryPolicy = { kind: 'sQ', reorderPoint: 10, lotSize: 5, multiples: 'multiples', origin: { sku: 'A' } };

describe('lot rule (Katircioglu, Brown & Asghar 2007, Step 5)', () => {
  it('rounds up to a multiple, then QMIN, then QMAX; never rounds an order away', () => {
    expect(roundLot(13, { multiple: 5 })).toBe(15);
    expect(roundLot(15, { multiple: 5 })).toBe(15);
    expect(roundLot(0.2, { multiple: 5 })).toBe(5);
    expect(roundLot(3, { min: 10 })).toBe(10);
    expect(roundLot(300, { max: 120 })).toBe(120);
    expect(roundLot(80, { multiple: 12, max: 50 })).toBe(50);
    expect(roundLot(7, undefined)).toBe(7);
    expect(hasLotRule({})).toBe(false);
    expect(hasLotRule({ min: 1 })).toBe(true);
  });
});

describe('ordering rules', () => {
  it('sQ with multiples orders the smallest multiple of Q lifting the position above s', () => {
    const r = orderingRule(sQ);
    expect(r.review(0, 11)).toBe(0);
    expect(r.review(1, 10)).toBe(5);
    expect(r.review(2, -3)).toBe(15);
    expect(Number.isNaN(r.positionAfter)).toBe(true);
  });
  it('RS reviews at the end of periods R − 1, 2R − 1, … and orders up to exactly S', () => {
    const r = orderingRule({ kind: 'RS', reviewPeriod: 3, orderUpTo: 20 });
    const q = [0, 1, 2, 3, 4, 5].map((t) => r.review(t, 12.3));
    expect(q.map((x) => x > 0)).toEqual([false, false, true, false, false, true]);
    expect(r.positionAfter).toBe(20);
  });
  it('a lot rule that changes an order-up-to quantity gives the position ip + q', () => {
    const r = orderingRule({ kind: 'sS', reorderPoint: 5, orderUpTo: 20, lotRule: { multiple: 10 } });
    expect(r.review(0, 3)).toBe(20);
    expect(Number.isNaN(r.positionAfter)).toBe(true);
  });
  it('natural top: s + Q, or S', () => {
    expect(naturalTop(sQ)).toBe(15);
    expect(naturalTop({ kind: 'RS', reviewPeriod: 1, orderUpTo: 7 })).toBe(7);
  });
  it('an adaptive rule (re-estimated every period) plugs into the engine unchanged', () => {
    // base stock S_t = (mean demand so far) × 4 periods; constant demand 3 → S = 12 after the first period
    class MovingAverageBaseStock implements OrderingRule {
      positionAfter = NaN;
      private sum = 0;
      private n = 0;
      seen: number[] = [];
      observe(_t: number, d: number): void {
        this.sum += d;
        this.n++;
        this.seen.push(d);
      }
      review(_t: number, ip: number): number {
        const S = (this.sum / this.n) * 4;
        if (!(ip < S)) return 0;
        this.positionAfter = S;
        return S - ip;
      }
    }
    const rule = new MovingAverageBaseStock();
    const sources: ProcessSources = { demand: () => 3, leadTime: () => 1 };
    const row = simulateWithRule(rule, 12, { horizon: 50, warmup: 10 }, sources);
    expect(rule.seen.length).toBe(60);
    expect(row.averageInventoryPosition).toBe(12);
    expect(row.orderedUnitsPerPeriod).toBe(3);
    expect(row.fillRate).toBe(1);
  });
});

describe('policy file', () => {
  it('round-trips the versioned shape and reads the SKU from origin', () => {
    const doc = JSON.parse(JSON.stringify(policyFile([sQ])));
    expect(doc.version).toBe(POLICY_FILE_VERSION);
    expect(readPolicyDocument(doc, 'p.json')).toEqual([{ policy: sQ, sku: 'A' }]);
  });
  it('still reads the earlier shapes (bare array, solve --json, policy --json)', () => {
    expect(readPolicyDocument([sQ], 'a').length).toBe(1);
    expect(readPolicyDocument({ policy: sQ }, 'b')[0]!.policy).toEqual(sQ);
    expect(readPolicyDocument({ results: [{ sku: 'B', policy: { ...sQ, origin: undefined } }] }, 'c')[0]!.sku).toBe('B');
  });
  it('names the source, the JSON path and the rule of a bad policy; rejects unknown versions', () => {
    expect(() => readPolicyDocument(policyFile([sQ, { ...sQ, lotSize: -1 } as InventoryPolicy]), 'p.json')).toThrow(/p\.json: \$\.policies\[1\]\.lotSize must be a finite number > 0, got -1/);
    expect(() => readPolicyDocument({ format: 'invlab-policies', version: 2, policies: [] }, 'p.json')).toThrow(PolicyFileError);
    expect(() => readPolicyDocument({ format: 'other', version: 1, policies: [] }, 'p.json')).toThrow(/\$\.format must be 'invlab-policies'/);
    expect(() => readPolicyDocument({}, 'p.json')).toThrow(/\$ has no policy/);
  });
  it('the JSON schema lists exactly the kinds the validator accepts', () => {
    const schema = JSON.parse(readFileSync(new URL('../../src/policy/policy-file.schema.json', import.meta.url), 'utf8')) as { $defs: { policy: { oneOf: { properties: { kind: { const: string } } }[] } } };
    expect(schema.$defs.policy.oneOf.map((p) => p.properties.kind.const).sort()).toEqual([...POLICY_KINDS].sort());
    for (const kind of POLICY_KINDS) expect(() => validatePolicy({ kind } as InventoryPolicy)).toThrow();
  });
});
