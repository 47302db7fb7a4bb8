/**
 * `experiment` checks: an experiment's quick profile run once per check run, one value of its
 * output held to a paper's printed value, a bound, an exact value or a recorded hash. Passing,
 * failing with a readable message, inconclusive before a hash is recorded, bad input (exit 3);
 * and every experiment of the main job has a check in invlab.check.json or
 * checks/experiments.check.yaml.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCheckFile } from '../../../src/cli/check/schema.ts';
import { experiments } from '../../../experiments/index.ts';
import { runCli } from '../../helpers/cli.ts';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'invlab-check-exp-'));
const K = { kind: 'experiment', module: join(root, 'experiments/k-approximation-error.ts'), export: 'kApproximationError', profile: 'quick' };

function checkFile(name: string, checks: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ version: 1, checks }, null, 2));
  return path;
}

describe('experiment checks (the k-approximation claims of Katircioglu, Brown & Asghar 2007, Step 6)', () => {
  it('pass at the printed claims, fail with the numbers when the expectation is off, one run of the experiment for all', { timeout: 60_000 }, async () => {
    const r = await runCli(['check', '--threads', '1', '--json', checkFile('k.check.json', [
      { name: 'interior', ...K, output: 'data.normal.interiorMax.value', printed: '0.035711' },
      { name: 'closed-interval', ...K, output: 'data.normal.max.value', printed: '0.035711' },
      { name: 'loss-bound', ...K, output: 'data.loss.max.value', atMost: 0.000295 },
      { name: 'loss-bound-tight', ...K, output: 'data.loss.max.value', atMost: 0.0002 },
      { name: 'own-checks', ...K, output: 'checksPassed', equals: true },
      { name: 'hash', ...K, output: 'data.loss', sha256: '' },
    ])]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { checks: { name: string; status: string; message: string; seconds: number }[] };
    const by = Object.fromEntries(doc.checks.map((c) => [c.name, c]));
    expect(Object.fromEntries(doc.checks.map((c) => [c.name, c.status]))).toEqual({ interior: 'pass', 'closed-interval': 'fail', 'loss-bound': 'pass', 'loss-bound-tight': 'fail', 'own-checks': 'pass', hash: 'inconclusive' });
    // on the closed interval [−3, 3] the error reaches 0.038875 at the ends: outside the paper's ±0.035711
    expect(by['closed-interval']!.message).toMatch(/^k-approximation-error \(quick profile\) data\.normal\.max\.value: 0\.0388752 vs printed 0\.035711: difference 0\.00316\d* > half a unit of the last printed digit \(5e-7\)/);
    expect(by['loss-bound-tight']!.message).toBe('k-approximation-error (quick profile) data.loss.max.value = 0.000204948 > 0.0002');
    expect(by.hash!.message).toMatch(/no recorded hash; hash [0-9a-f]{12} \(record it with --update-baseline\)/);
    // the experiment ran once: only the first check's time holds it
    expect(doc.checks.slice(1).every((c) => c.seconds < 0.5)).toBe(true);
  });

  it('a recorded hash that differs fails; a missing module, export or output is bad input (3)', { timeout: 60_000 }, async () => {
    const wrong = await runCli(['check', '--threads', '1', checkFile('h.check.json', [{ name: 'h', ...K, output: 'data.loss', sha256: '0'.repeat(64) }])]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/FAIL: h: k-approximation-error \(quick profile\) data\.loss: hash [0-9a-f]{12} differs from the recorded 000000000000: the experiment's output changed/);
    const noModule = await runCli(['check', checkFile('m.check.json', [{ name: 'm', ...K, module: 'experiments/none.ts', output: 'data', equals: 1 }])]);
    expect(noModule.code).toBe(3);
    expect(noModule.err).toMatch(/checks\[0\] 'm'\.module: no file .*experiments\/none\.ts/);
    const noExport = await runCli(['check', checkFile('e.check.json', [{ name: 'e', ...K, export: 'kApprox', output: 'data', equals: 1 }])]);
    expect(noExport.code).toBe(3);
    expect(noExport.err).toMatch(/has no experiment 'kApprox' .*exports: .*kApproximationError/);
    const noOutput = await runCli(['check', checkFile('o.check.json', [{ name: 'o', ...K, output: 'data.normal.nope', printed: '1' }])]);
    expect(noOutput.code).toBe(3);
    expect(noOutput.err).toMatch(/'data\.normal\.nope' of experiment k-approximation-error is missing/);
  });

  it('needs exactly one expectation', () => {
    expect(() => parseCheckFile({ version: 1, checks: [{ name: 'x', ...K, output: 'data', printed: '1', atMost: 2 }] }, 'f.json')).toThrow(/exactly one of printed, atLeast, atMost, equals, sha256/);
  });
});

describe('the committed experiment checks', () => {
  it('every experiment of the main job has a check, in invlab.check.json or checks/experiments.check.yaml, and every module exists', () => {
    const json = parseCheckFile(JSON.parse(readFileSync(join(root, 'invlab.check.json'), 'utf8')), 'invlab.check.json');
    const yaml = parseCheckFile(parse(readFileSync(join(root, 'checks/experiments.check.yaml'), 'utf8')), 'checks/experiments.check.yaml');
    const modules = [
      ...json.checks.flatMap((c) => (c.kind === 'experiment' ? [join(root, c.module)] : [])),
      ...yaml.checks.flatMap((c) => (c.kind === 'experiment' ? [join(root, 'checks', c.module)] : [])),
    ];
    const covered = new Set(modules.map((m) => m.replace(/^.*\/experiments\//, '').replace(/\.ts$/, '')));
    expect(experiments.map((e) => e.id).filter((id) => !covered.has(id))).toEqual([]);
    for (const m of modules) expect(() => readFileSync(m)).not.toThrow();
  });
});
