/**
 * `invlab solve stock-price-cubic`: run in-process through main() (src/cli/main.ts) with
 * stdout/stderr captured by runCli (test/helpers/cli.ts); expected values are the paper's example (Shah, Section 5) and the
 * long-run optimum n = 25 (hand computation, see reproduce.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER_EXAMPLE } from '../../../src/models/stock-price-cubic/index.ts';
import { runCli } from '../../helpers/cli.ts';
import { expectMatchesPrinted, expectRelClose } from '../../helpers/close.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-spc-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** the shared in-process CLI runner (test/helpers/cli.ts) */
const run = runCli;

describe('invlab solve stock-price-cubic', () => {
  const params = file('example.json', PAPER_EXAMPLE);
  it('lists the model and prints an example params file', async () => {
    const m = await run(['models']);
    expect(m.out).toMatch(/stock-price-cubic/);
    const ex = await run(['models', '--example', 'stock-price-cubic']);
    expect(JSON.parse(ex.out)).toEqual(PAPER_EXAMPLE);
  });
  it('--criterion paper --json: every intermediate of Steps 2-8', async () => {
    const r = await run(['solve', 'stock-price-cubic', '--params', params, '--criterion', 'paper', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const a = j.solution.algorithm;
    for (const key of ['p', 'q', 's1', 's2', 'd1', 'm1', 'm2', 'n0', 'n1', 'n2', 'nStep8', 'nCeil']) expect(a).toHaveProperty(key);
    expect(a.p).toBe(-1416);
    expect(a.q).toBe(-1385);
    expectMatchesPrinted(a.n0, 38.1096, 4, 'Shah Section 5: n0 printed 38.1096');
    expect(j.solution.nStar).toBe(39);
    expect(Math.round(j.solution.expectedCost)).toBe(219307);
    expect(j.solution.printedCubic.p).toBe(1384);
  });
  it('--criterion long-run --json', async () => {
    const r = await run(['solve', 'stock-price-cubic', '--params', params, '--criterion', 'long-run', '--json']);
    const j = JSON.parse(r.out);
    expect(j.solution.nStar).toBe(25);
    // g(25) = 200000 + 500·26/2 + 153750/25 = 212650 exactly (hand computation); tolerance: rounding of a few operations on values ≈ 2e5 (1e-14 relative ≈ 45 ulps)
    expectRelClose(j.solution.cost, 212650, 1e-14, 'long-run cost at n = 25');
  });
  it('default: both criteria side by side (text), and --lot evaluates a lot', async () => {
    const r = await run(['solve', 'stock-price-cubic', '--params', params, '--lot', '39']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/n\* = 39 \(method: viete\)/);
    expect(r.out).toMatch(/n\* = 25, cost per unit time = 212650/);
    expect(r.out).toMatch(/extra long-run cost per unit time of the paper's n\*: 1292\.3077/);
    expect(r.out).toMatch(/costs per unit time at n = 39/);
    const j = JSON.parse((await run(['solve', 'stock-price-cubic', '--params', params, '--json'])).out);
    expect(j.criterion).toBe('both');
    expect(j.comparison.paper.nStar).toBe(39);
    expect(j.comparison.longRun.nStar).toBe(25);
  });
  it('accepts the paper\'s symbols and reports the C2 < C1 warning', async () => {
    const p = file('symbols.json', { C0: 7500, C: 10000, C1: 500, C2: 400, theta: 0.05, k: 5 });
    const r = await run(['solve', 'stock-price-cubic', '--params', p]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: holdingCostAtOrBelowK \(C2 = 400\) < holdingCostAboveK \(C1 = 500\)/);
  });
  it('bad input: message naming the field and rule, exit code 2', async () => {
    const bad = file('bad.json', { ...PAPER_EXAMPLE, meanInterarrivalTime: 20 * -1 });
    let r = await run(['solve', 'stock-price-cubic', '--params', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/meanInterarrivalTime \(θ\) must be a finite number > 0 \(a mean time between customers, not a rate\), got -20/);
    r = await run(['solve', 'stock-price-cubic']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stock-price-cubic needs --params <file.json>/);
    r = await run(['solve', 'stock-price-cubic', '--params', params, '--lot', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lot must be an integer ≥ 1, got '0'/);
    r = await run(['solve', 'stock-price-cubic', '--params', params, '--criterion', 'mean']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/argument 'mean' is invalid. Allowed choices are paper, long-run/);
    r = await run(['solve', 'stock-price-cubic', '--params', file('nojson.json', '{oops')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON/);
    r = await run(['solve', 'stock-price-cubic', '--params', file('zero.json', { ...PAPER_EXAMPLE, holdingCostAboveK: 0 })]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holdingCostAboveK \(C1\) must be > 0 to optimise n/);
  });
});
