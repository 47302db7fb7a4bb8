/**
 * `invlab solve` is one generic adapter driven by each model's metadata (options from
 * meta.solveOptions, text from the model's result view): its output must stay byte-identical to
 * what the per-model adapters printed (test/fixtures/solve, recorded before the change; stdout,
 * stderr and exit code), for every model, with options, with --json and on bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { models } from '../../src/cli/models/all.ts';
import { modelSolvers } from '../../src/models/solvers.ts';
import { runCli } from '../helpers/cli.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'solve');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, { args: string[]; code: number }>;

describe('invlab solve: byte-identical to the recorded goldens', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: invlab ${c.args.join(' ')}`, async () => {
      const r = await runCli(c.args);
      expect(r.out).toBe(readFileSync(join(dir, `${name}.stdout`), 'utf8'));
      expect(r.err).toBe(readFileSync(join(dir, `${name}.stderr`), 'utf8'));
      expect(r.code).toBe(c.code);
    });
  }
  it('every model of src/models/solvers.ts has a golden text case', () => {
    const covered = new Set(Object.values(cases).map((c) => c.args[1]));
    expect(modelSolvers.map((s) => s.meta.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('invlab solve: options come from the model metadata', () => {
  it('each CLI entry has exactly the options its meta.ts documents', () => {
    for (const m of models) expect(m.options.map((o) => o.flags)).toEqual((m.meta.solveOptions ?? []).map((d) => `--${d.name} <${d.arg}>`));
  });
  it('an option of another model is refused, naming the model', async () => {
    const r = await runCli(['solve', 'deteriorating-dp', '--params', 'examples/deteriorating-dp.json', '--lot', '3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/option --lot does not apply to model 'deteriorating-dp'/);
  });
  it('a params-mapped option overrides the file and its default fills only a missing key', async () => {
    const given = JSON.parse((await runCli(['solve', 'sql-policy', '--params', 'examples/sql-policy.json', '--variant', 'printed', '--json'])).out);
    expect(given.variant).toBe('printed');
    const solved = models.find((m) => m.meta.id === 'sql-policy')!;
    const { variant: _v, kMethod: _k, ...rest } = solved.exampleParams as Record<string, unknown>;
    const out = (await solved.solve(rest, { k: 'approx' })).result as { variant: string; kMethod: string };
    expect([out.variant, out.kMethod]).toEqual(['corrected', 'approx']);
  });
});
