/**
 * `invlab check` as a CI step: YAML check files (same schema as JSON, annotations at the YAML
 * line, --update-baseline writing into the YAML), --json under GITHUB_ACTIONS (stdout stays one
 * JSON document; the annotations go to stderr, which the runner reads too), and the exit codes
 * 3 (bad input) and 4 (internal error: an unexpected exception, e.g. a bug in a check's run).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

// exit 4 needs an exception that is not bad input; the run of one named check throws a plain
// Error (a stand-in for a bug) when `crash.name` matches
const crash = vi.hoisted(() => ({ name: '' }));
vi.mock('../../../src/cli/check/run.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../src/cli/check/run.ts')>();
  return {
    ...orig,
    runCheck: (...args: Parameters<typeof orig.runCheck>) => {
      if (args[0].name === crash.name) throw new Error('internal bug: cannot happen');
      return orig.runCheck(...args);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'invlab-check-ci-'));
const EXACT_FILL = 0.9400009239584504;
const run = (args: string[]) => runCli(['check', '--threads', '1', ...args]);

/** The base-stock scenario of check-cli.test.ts (Poisson λ = 4, L = 2, S = 16; exact fill rate EXACT_FILL) as YAML, with two checks. */
const YAML = `# invlab check file in YAML: same schema as invlab.check.json
version: 1
scenarios:
  bs:
    policy: { kind: RS, reviewPeriod: 1, orderUpTo: 16 }
    demand: { kind: poisson, mean: 4 }
    leadTime: { kind: constant, value: 2 }
    seed: 7
    replications: 16
    horizon: 20000
    warmup: 100
checks:
  - name: fine
    kind: analytic
    scenario: bs
    metric: fillRate
    expected: ${EXACT_FILL}
  - name: "off"   # 0.95 is not the exact fill rate
    kind: analytic
    scenario: bs
    metric: fillRate
    expected: 0.95
`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

afterEach(() => {
  delete process.env.GITHUB_ACTIONS;
  delete process.env.GITHUB_STEP_SUMMARY;
  crash.name = '';
});

describe('YAML check files', () => {
  it('run as the same checks in JSON would: one passes, one fails (exit 1), the annotation points at the YAML line', async () => {
    const path = file('a.check.yaml', YAML);
    process.env.GITHUB_ACTIONS = 'true';
    const r = await run([path]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1 passed, 1 failed/);
    const line = YAML.split('\n').findIndex((l) => l.includes('name: "off"')) + 1;
    expect(r.out).toMatch(new RegExp(`::error file=[^,]*a\\.check\\.yaml,line=${line},title=invlab check analytic%3A off::`));
  });

  it('gives the same verdicts and numbers as the JSON form', async () => {
    const { parse } = await import('yaml');
    const json = file('a.check.json', JSON.stringify(parse(YAML), null, 2));
    const y = JSON.parse((await run([file('b.check.yml', YAML), '--json'])).out) as { checks: { name: string; status: string; actual: number }[] };
    const j = JSON.parse((await run([json, '--json'])).out) as typeof y;
    expect(y.checks.map((c) => [c.name, c.status, c.actual])).toEqual(j.checks.map((c) => [c.name, c.status, c.actual]));
  });

  it('bad YAML, a duplicate key and a schema error are bad input (exit 3) naming the line or the path', async () => {
    const broken = await run([file('broken.yaml', 'version: 1\nchecks:\n  - name: a\n    kind: [analytic\n')]);
    expect(broken.code).toBe(3);
    expect(broken.err).toMatch(/^invlab check: check file [^:]*broken\.yaml: line \d+, column \d+: not valid YAML/);
    const dup = await run([file('dup.yaml', 'version: 1\nversion: 1\nchecks: []\n')]);
    expect(dup.code).toBe(3);
    expect(dup.err).toMatch(/line 2, column 1: not valid YAML \(Map keys must be unique/);
    const schema = await run([file('schema.yaml', YAML.replace('metric: fillRate\n    expected: 0.95', 'metirc: fillRate\n    expected: 0.95'))]);
    expect(schema.code).toBe(3);
    expect(schema.err).toMatch(/unknown key 'metirc' in checks\[1\]; did you mean 'metric'\?/);
  });

  it('--update-baseline records an exact hash into the YAML file, keeping its comments', async () => {
    const text = `${YAML}  - name: hash   # the seeded rows\n    kind: exact\n    scenario: bs\n    sha256: ""\n`;
    const path = file('hash.check.yaml', text);
    const first = await run([path, '--only', 'hash']);
    expect(first.out).toMatch(/0 passed, 0 failed, 1 inconclusive/);
    const update = await run([path, '--only', 'hash', '--update-baseline']);
    expect(update.code).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(after).toMatch(/ {4}sha256: "[0-9a-f]{64}"\n$/);
    expect(after).toContain('# the seeded rows');
    expect(after.replace(/sha256: "[0-9a-f]{64}"/, 'sha256: ""')).toBe(text);
    const again = await run([path, '--only', 'hash']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/1 passed, 0 failed/);
  });
});

describe('--json under GITHUB_ACTIONS', () => {
  it('stdout is exactly one JSON document; the annotations are on stderr; the step summary is written', async () => {
    const summary = file('summary.md', '');
    process.env.GITHUB_ACTIONS = 'true';
    process.env.GITHUB_STEP_SUMMARY = summary;
    const r = await run([file('j.check.yaml', YAML), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { checks: { name: string; status: string }[] };
    expect(doc.checks.map((c) => c.status)).toEqual(['pass', 'fail']);
    expect(r.out).not.toMatch(/::error/);
    expect(r.err).toMatch(/^::error file=[^,]*j\.check\.yaml,line=\d+,title=invlab check analytic%3A off::/m);
    expect(readFileSync(summary, 'utf8')).toMatch(/\*\*1 passed, 1 failed\*\*/);
  });

  it('without --json the annotations stay on stdout after the table', async () => {
    process.env.GITHUB_ACTIONS = 'true';
    const r = await run([file('t.check.yaml', YAML)]);
    expect(r.out).toMatch(/1 passed, 1 failed\n::error /);
    expect(r.err).toBe('');
  });
});

describe('exit codes 3 and 4', () => {
  it('an unexpected exception while running a check is an internal error: exit 4, "internal error" on stderr, no JSON on stdout', async () => {
    crash.name = 'off';
    const r = await run([file('crash.check.yaml', YAML), '--json']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('invlab check: internal error: internal bug: cannot happen\n');
    expect(r.out).toBe('');
  });

  it('a damaged equivalence baseline is bad input (3), not an internal error', async () => {
    file('damaged.json', '{"format": "invlab-check-baseline", "vers');
    const text = YAML.replace(/checks:\n[\s\S]*$/, 'checks:\n  - name: eq\n    kind: equivalence\n    scenario: bs\n    metric: fillRate\n    baseline: damaged.json\n    margin: 0.01\n');
    const r = await run([file('eq.check.yaml', text)]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/checks\[0\] 'eq'\.baseline .*damaged\.json: cannot read it as JSON/);
  });
});
