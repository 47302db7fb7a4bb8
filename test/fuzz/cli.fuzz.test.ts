/**
 * End-to-end fuzz of `invlab simulate` with generated JSON options: every run either succeeds
 * (exit 0) or is refused as bad input (exit 2) with one line naming the option; never a stack
 * trace, never a crash (exit 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../helpers/cli.ts';

const num = fc.oneof(fc.constantFrom(0, 1, 2, 5, -1, 0.5, 1e308, 1e12, 1e15, 100000, 100001, 3.7), fc.integer({ min: 0, max: 50 }));
const bad = fc.constantFrom<unknown>('10', null, [], {}, true);
const value = fc.oneof({ arbitrary: num, weight: 9 }, { arbitrary: bad, weight: 1 });

const demand = fc.oneof(
  fc.record({ kind: fc.constant('poisson'), mean: value }),
  fc.record({ kind: fc.constant('normal'), mean: value, sd: value }),
  fc.record({ kind: fc.constant('negativeBinomial'), mean: value, variance: value }),
  fc.record({ kind: fc.constant('empirical'), values: fc.array(value, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('compoundPoisson'), ordersPerPeriod: value, orderSize: fc.record({ kind: fc.constantFrom('normalRounded', 'gamma'), mean: value, sd: value }) }),
  fc.record({ kind: fc.constantFrom('poison', 'Poisson'), mean: value }),
);
const leadTime = fc.oneof(fc.record({ kind: fc.constant('constant'), value }), fc.record({ kind: fc.constant('uniformInteger'), min: value, max: value }), fc.record({ kind: fc.constant('normal'), mean: value, sd: value, integer: fc.boolean() }));
/** policy numbers stay small (a huge order-up-to level only lengthens the run, which the run estimate handles) */
const small = fc.oneof({ arbitrary: fc.integer({ min: -2, max: 60 }), weight: 9 }, { arbitrary: bad, weight: 1 });
const policy = fc.oneof(fc.record({ kind: fc.constant('RS'), reviewPeriod: small, orderUpTo: small }), fc.record({ kind: fc.constant('sS'), reorderPoint: small, orderUpTo: small }), fc.record({ kind: fc.constant('sQ'), reorderPoint: small, lotSize: small, multiples: fc.constant('one') }));
const costs = fc.option(fc.dictionary(fc.constantFrom('holding', 'shortage', 'holdng', 'ordering'), value, { maxKeys: 3 }), { nil: undefined });

describe('fuzz: invlab simulate with generated JSON options', () => {
  it('exits 0, or 2 with a one-line message; never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(demand, leadTime, policy, costs, async (d, l, p, c) => {
        const args = ['simulate', '--policy', JSON.stringify(p), '--demand', JSON.stringify(d), '--lead-time', JSON.stringify(l), '--horizon', '20', '--warmup', '0', '--replications', '2', '--threads', '1', '--json'];
        if (c !== undefined) args.push('--costs', JSON.stringify(c));
        const r = await cli(args);
        expect([0, 2], r.err).toContain(r.code);
        expect(r.err).not.toMatch(/^\s+at /m);
        if (r.code === 2) expect(r.err).toMatch(/^invlab: (--policy|--demand|--lead-time|--costs|demand|leadTime|policy|costs)/m);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
