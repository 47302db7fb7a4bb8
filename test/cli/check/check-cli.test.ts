/**
 * `invlab check` end to end at fixed seeds: each check kind passing, failing and (where it can)
 * inconclusive; exit codes; the versioned JSON; JUnit XML (parsed); GitHub annotations and step
 * summary; --update-baseline; the check file's schema and its messages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFileJsonSchema, parseCheckFile } from '../../../src/cli/check/schema.ts';
import { runCli } from '../../helpers/cli.ts';
import { parseXml, type XmlElement } from './xml.ts';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'invlab-check-'));
let n = 0;

/** A check file in a temporary folder, holding `checks` over the scenario `bs` (base stock, Poisson λ = 4, L = 2, S = 16). */
function checkFile(checks: unknown[], scenarios: Record<string, unknown> = {}): string {
  const path = join(dir, `c${n++}.check.json`);
  const bs = { policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 16 }, demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, seed: 7, replications: 16, horizon: 20000, warmup: 100 };
  writeFileSync(path, `${JSON.stringify({ version: 1, scenarios: { bs, ...scenarios }, checks }, null, 2)}\n`);
  return path;
}
const EXACT_FILL = 0.9400009239584504;
const run = (args: string[]) => runCli(['check', '--threads', '1', ...args]);

afterEach(() => {
  delete process.env.GITHUB_ACTIONS;
  delete process.env.GITHUB_STEP_SUMMARY;
});

describe('the check file', () => {
  it('the published JSON Schema is the one the reader uses', () => {
    expect(JSON.parse(readFileSync(join(root, 'invlab.check.schema.json'), 'utf8'))).toEqual(checkFileJsonSchema());
  });
  it('rejects an unknown key with a suggestion, and names the path', () => {
    expect(() => parseCheckFile({ version: 1, checks: [{ name: 'a', kind: 'analytic', scenario: 'x', metirc: 'fillRate', expected: 1 }] }, 'f.json')).toThrow(/unknown key 'metirc' in checks\[0\]; did you mean 'metric'\?/);
    expect(() => parseCheckFile({ version: 1, scenarios: { s: { policy: {}, demand: { kind: 'poisson', mean: 1 }, leadTime: { kind: 'constant', value: 1 }, seed: 1, replication: 2, horizon: 1 } }, checks: [] }, 'f.json')).toThrow(/unknown key 'replication'.*did you mean 'replications'\?/);
  });
  it('rejects a reference to an unknown scenario, duplicate names, and a scenario without a policy', () => {
    expect(() => parseCheckFile({ version: 1, scenarios: {}, checks: [{ name: 'a', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: 1 }] }, 'f.json')).toThrow(/checks\[0\]\.scenario: no scenario named 'bs'/);
    const c = { name: 'a', kind: 'published', model: 'm', params: {}, output: 'x', printed: '1' };
    expect(() => parseCheckFile({ version: 1, checks: [c, c] }, 'f.json')).toThrow(/name 'a' is used twice/);
  });
  it('bad input exits 3 with the message', async () => {
    const r = await run([checkFile([{ name: 'a', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: 1, kk: 4 }])]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/unknown key 'kk' in checks\[0\]; did you mean 'k'\?/);
    const m = await run([checkFile([{ name: 'a', kind: 'analytic', scenario: 'bs', metric: 'fillrate', expected: 1 }])]);
    expect(m.code).toBe(3);
    expect(m.err).toMatch(/unknown metric 'fillrate'/);
    expect((await run([join(dir, 'missing.json')])).code).toBe(3);
  });
});

describe('analytic and bound, at seed 7', () => {
  it('analytic: passes at the exact fill rate, fails at a value 0.003 off', async () => {
    const r = await run([checkFile([
      { name: 'exact', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: EXACT_FILL },
      { name: 'off', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: EXACT_FILL + 0.003 },
    ])]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\| exact \| analytic \| pass \|/);
    expect(r.out).toMatch(/FAIL: off: 0\.9\d+ vs exact 0\.943\d*: difference -0\.00\d+ > 4 standard errors/);
    expect(r.out.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });
  it('bound: passes, fails, and is inconclusive (exit 0, or 2 under --strict) with the replications needed', async () => {
    const file = checkFile([
      { name: 'holds', kind: 'bound', scenario: 'bs', metric: 'fillRate', atLeast: 0.935 },
      { name: 'straddles', kind: 'bound', scenario: 'bs', metric: 'fillRate', atLeast: EXACT_FILL },
    ]);
    const r = await run([file, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.format).toBe('invlab-check-report');
    expect(doc.version).toBe(1);
    expect(doc.checks.map((c: { status: string }) => c.status)).toEqual(['pass', 'inconclusive']);
    const s = doc.checks[1];
    expect(s.neededReplications).toBeGreaterThan(16);
    expect(s.interval[0]).toBeLessThan(EXACT_FILL);
    expect(s.interval[1]).toBeGreaterThan(EXACT_FILL);
    expect(s).toMatchObject({ seed: 7, replications: 16, metric: 'fillRate', expected: EXACT_FILL });
    expect((await run([file, '--strict'])).code).toBe(2);
    const fail = await run([checkFile([{ name: 'too-high', kind: 'bound', scenario: 'bs', metric: 'fillRate', atLeast: 0.95 }])]);
    expect(fail.code).toBe(1);
    expect(fail.out).toMatch(/not ≥ 0\.95 with 95 % confidence/);
  });
});

describe('exact, with --update-baseline', () => {
  it('is inconclusive before a hash is recorded, passes after, fails when the run changes', async () => {
    const file = checkFile([{ name: 'hash', kind: 'exact', scenario: 'bs', sha256: '' }]);
    const first = await run([file]);
    expect(first.out).toMatch(/no recorded hash/);
    expect((await run([file, '--update-baseline'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/"sha256": "[0-9a-f]{64}"/);
    const again = await run([file, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).checks[0].message).toMatch(/rows hash [0-9a-f]{12} as recorded$/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"seed": 7', '"seed": 8'));
    const changed = await run([file]);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/differs from the recorded/);
  });
});

describe('equivalence (TOST against a baseline file)', () => {
  it('passes on common random numbers, fails for another policy, is inconclusive with a tight margin on other seeds', async () => {
    const base = { name: 'eq', kind: 'equivalence', scenario: 'bs', metric: 'fillRate', baseline: 'eq-baseline.json', margin: 0.002 };
    const file = checkFile([base]);
    expect((await run([file])).out).toMatch(/no baseline file/);
    await run([file, '--update-baseline']);
    const same = await run([file]);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/\| eq \| equivalence \| pass \|/);
    const other = checkFile([{ ...base, scenario: 'bs17' }], { bs17: { policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 17 }, demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, seed: 7, replications: 16, horizon: 20000, warmup: 100, scenario: 'check/bs' } });
    const f = await run([other]);
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/differs from the baseline 0\.9\d+ by more than 0\.002/);
    const tight = checkFile([{ ...base, margin: 0.0004, scenario: 'bs9' }], { bs9: { policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 16 }, demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, seed: 9, replications: 16, horizon: 20000, warmup: 100 } });
    const i = await run([tight]);
    expect(i.code).toBe(0);
    expect(i.out).toMatch(/neither shown equivalent .* nor different/);
  });
});

describe('published', () => {
  const shah = { orderingCost: 7500, unitCost: 10000, holdingCostAboveK: 500, holdingCostAtOrBelowK: 750, meanInterarrivalTime: 0.05, priceCutLevel: 5 };
  it("passes at the paper's printed value and fails at another", async () => {
    const r = await run([checkFile([
      { name: 'n-star', kind: 'published', model: 'stock-price-cubic', params: shah, output: 'comparison.paper.nStar', printed: '39' },
      { name: 'wrong', kind: 'published', model: 'stock-price-cubic', params: shah, output: 'comparison.paper.expectedCost', printed: '219300' },
    ])]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL: wrong: 219307 vs printed 219300: difference 6\.68\d* > half a unit of the last printed digit \(0\.5\)/);
    const bad = await run([checkFile([{ name: 'x', kind: 'published', model: 'stock-price-cubic', params: shah, output: 'comparison.paper.nope', printed: '1' }])]);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/'comparison\.paper\.nope' of the stock-price-cubic solution is missing/);
  });
});

describe('performance', () => {
  it('passes against itself and fails against a reference fifty times shorter', async () => {
    const speed = { policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 16 }, demand: { kind: 'poisson', mean: 4 }, leadTime: { kind: 'constant', value: 2 }, seed: 1, replications: 2, horizon: 100000 };
    const r = await run([checkFile([
      { name: 'same', kind: 'performance', scenario: 'long', reference: 'long', factor: 3, samples: 5 },
      { name: 'slower', kind: 'performance', scenario: 'long', reference: 'short', factor: 2, samples: 9 },
    ], { long: speed, short: { ...speed, horizon: 2000 } })]);
    expect(r.out).toMatch(/\| same \| performance \| pass \|/);
    expect(r.out).toMatch(/FAIL: slower: time ratio \d+(\.\d+)? > 2 and the rank test agrees/);
    expect(r.code).toBe(1);
  });
});

const elements = (e: XmlElement, name: string): XmlElement[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => elements(c, name))];

describe('reports for CI', () => {
  it('JUnit XML is well-formed: one test case per check, failures carry the numbers, inconclusive is skipped', async () => {
    const junit = join(dir, 'junit.xml');
    await run([checkFile([
      { name: 'ok <&>', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: EXACT_FILL },
      { name: 'off', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: 0.95 },
      { name: 'straddles', kind: 'bound', scenario: 'bs', metric: 'fillRate', atLeast: EXACT_FILL },
    ]), '--junit', junit]);
    const doc = parseXml(readFileSync(junit, 'utf8'));
    expect(doc.name).toBe('testsuites');
    expect(doc.attributes).toMatchObject({ tests: '3', failures: '1', errors: '0' });
    // the attributes of Jenkins' junit-10.xsd only
    const allowed: Record<string, string[]> = { testsuites: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'], testsuite: ['name', 'tests', 'disabled', 'errors', 'failures', 'hostname', 'id', 'package', 'skipped', 'time', 'timestamp'], testcase: ['name', 'assertions', 'classname', 'status', 'time'], failure: ['message', 'type'], skipped: ['message'] };
    const walk = (e: XmlElement): void => {
      expect(Object.keys(allowed)).toContain(e.name);
      for (const a of Object.keys(e.attributes)) expect(allowed[e.name]).toContain(a);
      e.children.forEach(walk);
    };
    walk(doc);
    expect(elements(doc, 'testsuite')[0]!.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const cases = elements(doc, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual(['ok <&>', 'off', 'straddles']);
    const failure = elements(cases[1]!, 'failure')[0]!;
    expect(failure.text).toMatch(/actual 0\.9\d+, expected 0\.95, difference -0\.0\d+, tolerance 0\.00\d+, interval \[.*\], seed 7, replications 16/);
    expect(elements(cases[2]!, 'skipped')).toHaveLength(1);
  });
  it('GITHUB_ACTIONS=true: an error annotation at the failed check’s line and a Markdown step summary', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    process.env.GITHUB_ACTIONS = 'true';
    process.env.GITHUB_STEP_SUMMARY = summary;
    const file = checkFile([
      { name: 'fine', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: EXACT_FILL },
      { name: 'off', kind: 'analytic', scenario: 'bs', metric: 'fillRate', expected: 0.95 },
    ]);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"name": "off"')) + 1;
    const r = await run([file]);
    expect(r.out).toMatch(new RegExp(`::error file=[^,]*c\\d+\\.check\\.json,line=${line},title=invlab check analytic%3A off::0\\.9\\d* vs exact 0\\.95`));
    expect(r.out).not.toMatch(/::error[^\n]*fine/);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/## invlab check/);
    expect(md).toMatch(/\| ❌ \| off \| analytic \|/);
    expect(md).toMatch(/\*\*1 passed, 1 failed\*\*/);
  });
});

describe('the CI example', () => {
  it('examples/ci/invlab.check.json is a valid check file', () => {
    const path = join(root, 'examples/ci/invlab.check.json');
    const doc = parseCheckFile(JSON.parse(readFileSync(path, 'utf8')), path);
    expect(doc.checks.map((c) => c.kind)).toEqual(['bound', 'equivalence', 'exact']);
  });
});

describe('a scenario from files: a policy file and a demand history', () => {
  it('replays the history (block bootstrap) against the policy read from its file', async () => {
    const rows = ['date,sku,quantity'];
    for (let i = 0; i < 120; i++) rows.push(`${new Date(Date.UTC(2011, 0, 1 + i)).toISOString().slice(0, 10)},A1,${(i * 7) % 9}`);
    writeFileSync(join(dir, 'daily.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ kind: 'sQ', reorderPoint: 30, lotSize: 30, multiples: 'multiples' }));
    const history = { policy: 'policy.json', history: { file: 'daily.csv', sku: 'A1', replay: 'blockBootstrap' }, leadTime: { kind: 'constant', value: 5 }, seed: 3, replications: 20, warmup: 10 };
    const r = await run([checkFile([{ name: 'replayed', kind: 'bound', scenario: 'hist', metric: 'fillRate', atLeast: 0.5 }], { hist: history }), '--json']);
    expect(r.err).toBe('');
    const c = JSON.parse(r.out).checks[0];
    expect(c.status).toBe('pass');
    expect(c.actual).toBeGreaterThan(0.5);
  });
});

describe('exit code 3', () => {
  it("a model's parameter error and an unreadable policy file are bad input (3)", async () => {
    const bad = await run([checkFile([{ name: 'p', kind: 'published', model: 'stock-price-cubic', params: { orderingCost: -1 }, output: 'x', printed: '1' }])]);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/^invlab check: /);
    // a policy file that is a directory: reading it fails inside the reader with an input error (3), not a crash
    const dirPolicy = await run([checkFile([{ name: 'd', kind: 'analytic', scenario: { policy: '.', demand: { kind: 'poisson', mean: 1 }, leadTime: { kind: 'constant', value: 1 }, seed: 1, replications: 2, horizon: 10 }, metric: 'fillRate', expected: 1 }])]);
    expect(dirPolicy.code).toBe(3);
    expect(dirPolicy.err).toMatch(/cannot read file \(EISDIR/);
  });
});
