/**
 * Property-based tests (fast-check) of every JSON input: the simulate --spec file, the JSON
 * options --demand, --lead-time, --costs, policy documents, and output files. Any value gives a
 * checked result with finite numbers, or the project's input error naming the source; the
 * distributions' own checks (src/dist) then accept what the schema let through or name the
 * field. Files are written whole or not at all.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/validate.ts';
import { parseCosts, parseDemandSpec, parseLeadTimeSpec, parseSimulateSpec } from '../../src/io/schemas.ts';
import { firstNonFinite, writeFiniteJsonAtomic } from '../../src/io/files.ts';
import { readPolicyDocument } from '../../src/policy/file.ts';
import { validateDemand, demandMoments } from '../../src/dist/demand.ts';
import { validateLeadTime } from '../../src/dist/lead-time.ts';
import { parseJsonText } from '../../src/io/json-input.ts';

const RUNS = 200;

/** Numbers a hand-typed or generated document holds. */
const num = fc.oneof(fc.constantFrom(0, 1, 2, 5, -1, 0.5, 1e308, -1e308, 1e12, 1e15, 1e-320, 100000, 100001), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -10, max: 1000 }));
/** Any JSON-ish value, and strings that look like numbers. */
const anyValue = fc.oneof({ arbitrary: num, weight: 4 }, { arbitrary: fc.constantFrom('10', '0x10', '', 'poisson', 'constant', true, false, null, [], {}), weight: 2 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });

/** A key: usually a real one, sometimes misspelt or foreign. */
function key(real: string[]): fc.Arbitrary<string> {
  const typo = fc.tuple(fc.constantFrom(...real), fc.nat()).map(([k, i]) => (k.length > 1 ? k.slice(0, i % k.length) + k.slice((i % k.length) + 1) : `${k}x`));
  return fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 8 }, { arbitrary: typo, weight: 1 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
}

/** An object of a kind: kind (sometimes wrong) and fields (sometimes wrong). */
function kindObject(kinds: Record<string, string[]>): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom(...Object.keys(kinds)).chain((k) => fc.tuple(fc.oneof({ arbitrary: fc.constant<unknown>(k), weight: 9 }, { arbitrary: anyValue, weight: 1 }), fc.dictionary(key(kinds[k]!), anyValue, { maxKeys: kinds[k]!.length + 1 })).map(([kind, fields]) => ({ ...fields, kind })));
}

const ORDER_SIZE = { normalRounded: ['mean', 'sd'], gamma: ['mean', 'sd'] };
const DEMAND = { poisson: ['mean'], normal: ['mean', 'sd', 'belowZero'], gamma: ['mean', 'sd'], negativeBinomial: ['mean', 'variance'], empirical: ['values', 'weights'], compoundPoisson: ['ordersPerPeriod', 'orderSize', 'sampling'] };
const LEAD = { constant: ['value'], normal: ['mean', 'sd', 'integer'], gamma: ['mean', 'sd'], uniformInteger: ['min', 'max'], discreteUniform: ['min', 'max', 'step'], empirical: ['values', 'weights'] };
const demandLike = fc.oneof(kindObject(DEMAND), fc.tuple(kindObject(ORDER_SIZE), fc.double({ min: 0.1, max: 50, noNaN: true })).map(([orderSize, r]) => ({ kind: 'compoundPoisson', ordersPerPeriod: r, orderSize })), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 5 }).map((values) => ({ kind: 'empirical', values })));

/** The error of f, if any, which must be an input error (or a field check of src/core/validate). */
function outcome(f: () => unknown, source: string): unknown {
  try {
    return f();
  } catch (e) {
    const err = e as Error;
    if (err instanceof InputError) {
      expect(err.message.startsWith(source), err.message).toBe(true);
      return undefined;
    }
    if (err instanceof RangeError || err instanceof TypeError) {
      expect(err.message).toMatch(/must|unknown|needs|exceed|at least|at most/);
      expect(err.message).not.toMatch(/Invalid typed array|undefined is not|Cannot read/);
      return undefined;
    }
    throw err;
  }
}

describe('fuzz: JSON inputs give a checked, finite value or an input error naming the source', () => {
  it('--demand: schema, then the distribution accepts it with finite moments or names the field', () => {
    fc.assert(
      fc.property(demandLike, (d) => {
        const spec = outcome(() => parseDemandSpec(d, '--demand'), '--demand') as ReturnType<typeof parseDemandSpec> | undefined;
        if (spec === undefined) return;
        expect(firstNonFinite(spec)).toBeUndefined();
        const m = outcome(() => {
          validateDemand(spec);
          return demandMoments(spec);
        }, 'demand');
        if (m !== undefined) expect(firstNonFinite(m)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
  it('--lead-time: schema, then the distribution accepts it or names the field', () => {
    fc.assert(
      fc.property(kindObject(LEAD), (l) => {
        const spec = outcome(() => parseLeadTimeSpec(l, '--lead-time'), '--lead-time') as ReturnType<typeof parseLeadTimeSpec> | undefined;
        if (spec === undefined) return;
        expect(firstNonFinite(spec)).toBeUndefined();
        outcome(() => validateLeadTime(spec), 'leadTime');
      }),
      { numRuns: RUNS },
    );
  });
  it('--costs', () => {
    fc.assert(fc.property(fc.oneof(fc.dictionary(key(['holding', 'backorder', 'shortage', 'ordering', 'purchase']), anyValue, { maxKeys: 5 }), anyValue), (c) => {
      const v = outcome(() => parseCosts(c, '--costs'), '--costs');
      if (v !== undefined) expect(firstNonFinite(v)).toBeUndefined();
    }), { numRuns: RUNS });
  });
  it('--spec files', () => {
    const keys = ['demand', 'leadTime', 'policy', 'horizon', 'warmup', 'replications', 'seed', 'threads', 'scenario', 'shortage', 'costs', 'customerLeadTime', 'initialOnHand'];
    const value = fc.oneof(anyValue, demandLike, kindObject(LEAD));
    fc.assert(fc.property(fc.oneof(fc.dictionary(key(keys), value, { maxKeys: 8 }), anyValue), (s) => {
      const v = outcome(() => parseSimulateSpec(s, '--spec s.json'), '--spec s.json') as Record<string, unknown> | undefined;
      if (v !== undefined) expect(firstNonFinite({ ...v, policy: undefined, policies: undefined })).toBeUndefined();
    }), { numRuns: RUNS });
  });
  it('policy documents', () => {
    const POLICY = { sQ: ['reorderPoint', 'lotSize', 'multiples', 'lotRule'], sS: ['reorderPoint', 'orderUpTo'], RS: ['reviewPeriod', 'orderUpTo'], RsS: ['reviewPeriod', 'reorderPoint', 'orderUpTo'], RsQ: ['reviewPeriod', 'reorderPoint', 'lotSize', 'multiples'] };
    const doc = fc.oneof(kindObject(POLICY), fc.array(kindObject(POLICY), { maxLength: 3 }).map((policies) => ({ format: 'invlab-policies', version: 1, policies })), kindObject(POLICY).map((policy) => ({ policy, sku: 'A' })), anyValue);
    fc.assert(fc.property(doc, (d) => {
      const v = outcome(() => readPolicyDocument(d, 'p.json'), 'p.json');
      if (v !== undefined) expect(firstNonFinite(v)).toBeUndefined();
    }), { numRuns: RUNS });
  });
  it('JSON text: parsed, or an input error naming the option', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.json()), (t) => {
      outcome(() => parseJsonText(t, '--demand'), '--demand');
    }), { numRuns: RUNS });
  });
});

describe('fuzz: output files are written whole or not at all', () => {
  const dir = mkdtempSync(join(tmpdir(), 'invlab-fuzz-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('writeFiniteJsonAtomic', () => {
    let i = 0;
    const value = fc.jsonValue({ maxDepth: 3 }).chain((v) => fc.oneof(fc.constant(v), fc.constantFrom(NaN, Infinity, -Infinity).map((bad) => ({ v, bad }))));
    fc.assert(fc.property(value, (v) => {
      const f = join(dir, `out-${i++}.json`);
      try {
        writeFiniteJsonAtomic(f, v);
      } catch (e) {
        expect((e as Error).message).toMatch(/is not a finite number/);
        expect(existsSync(f)).toBe(false);
        return;
      }
      expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual(JSON.parse(JSON.stringify(v)));
    }), { numRuns: RUNS });
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
