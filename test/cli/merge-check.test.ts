/**
 * `invlab check --shard i/N` + `invlab merge`: one check per chunk; the merged report is the report
 * of one run (the seconds column aside: timings are never reproducible) with the same exit code;
 * a changed check file is refused at merge.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-check-shard-'));
const FILE = join(dir, 'invlab.check.json');
let saved: string | undefined;
/** Five checks of invlab.check.json (published numbers, an analytic value, a bound), in a file of their own. */
const CHECKS = {
  version: 1,
  scenarios: {
    'base-stock-poisson': { policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 16 }, demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, seed: 20261201, replications: 64, horizon: 20000, warmup: 100 },
    'sQ-crossing': { policy: { kind: 'sQ', reorderPoint: 30, lotSize: 25, multiples: 'multiples' }, demand: { kind: 'poisson', mean: 6 }, leadTime: { kind: 'uniformInteger', min: 1, max: 9 }, seed: 20261201, replications: 16, horizon: 5000, warmup: 100 },
  },
  checks: [
    { name: 'shah-n-star', kind: 'published', source: 'Shah, stock-price-cubic numerical example: n* = 39', model: 'stock-price-cubic', params: { orderingCost: 7500, unitCost: 10000, holdingCostAboveK: 500, holdingCostAtOrBelowK: 750, meanInterarrivalTime: 0.05, priceCutLevel: 5 }, output: 'comparison.paper.nStar', printed: '39' },
    { name: 'shah-n0', kind: 'published', source: "Shah, Viète's solution, step 7: n0 = 38.1096", model: 'stock-price-cubic', params: { orderingCost: 7500, unitCost: 10000, holdingCostAboveK: 500, holdingCostAtOrBelowK: 750, meanInterarrivalTime: 0.05, priceCutLevel: 5 }, output: 'comparison.paper.algorithm.n0', printed: '38.1096' },
    { name: 'izar-landeta-z', kind: 'published', source: 'Izar Landeta et al., example: z = 1.065', model: 'correlated-rop', params: { meanDailyDemand: 4, sdDailyDemand: 2.121, meanLeadTime: 5, sdLeadTime: 1.155, correlation: -0.1954, costs: { shortageCost: 1300, holdingCost: 3000, annualDemand: 1240, orderQuantity: 90 } }, output: 'correlated.z', printed: '1.065' },
    { name: 'sQ-crossing-position', kind: 'analytic', source: '(s, Q) multiples: E[IP] = s + (Q + 1)/2', scenario: 'sQ-crossing', metric: 'averageInventoryPosition', expected: 43, k: 4 },
    { name: 'base-stock-fill-rate-at-least', kind: 'bound', source: 'base stock fill rate at least 0.935', scenario: 'base-stock-poisson', metric: 'fillRate', atLeast: 0.935, confidence: 0.95 },
  ],
};

beforeAll(() => {
  writeFileSync(FILE, `${JSON.stringify(CHECKS, null, 2)}\n`);
  saved = process.env.INVLAB_CODE_VERSION;
  process.env.INVLAB_CODE_VERSION = 'merge-check-test';
});
afterAll(() => {
  if (saved === undefined) delete process.env.INVLAB_CODE_VERSION;
  else process.env.INVLAB_CODE_VERSION = saved;
  rmSync(dir, { recursive: true, force: true });
});

const ONLY = ['--threads', '1'];
/** The table with its last column (seconds) blanked. */
const noSeconds = (table: string): string => table.replace(/\| [\d.]+ \|$/gm, '| s |');

describe('invlab check --shard + invlab merge', () => {
  it('3 shards of 5 checks: the same table (but seconds) and exit code as one run', async () => {
    const one = await runCli(['check', FILE, ...ONLY]);
    expect(one.code).toBe(0);
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await runCli(['check', FILE, ...ONLY, '--shard', `${i}/3`, '--checkpoint', join(dir, 'c-{i}.jsonl')]);
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
      files.push(join(dir, `c-${i}.jsonl`));
    }
    const m = await runCli(['merge', ...files]);
    expect(m.code).toBe(0);
    expect(noSeconds(m.out)).toBe(noSeconds(one.out));
    expect(m.out).toMatch(/5 passed, 0 failed/);
    writeFileSync(FILE, readFileSync(FILE, 'utf8').replace('"printed": "39"', '"printed": "40"'));
    const changed = await runCli(['merge', ...files]);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/check file .*invlab\.check\.json changed since the shards ran/);
  }, 60_000);
});
