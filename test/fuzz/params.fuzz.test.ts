/**
 * Fuzz of `invlab solve <model> --params`: each model's example parameters, mutated (a value
 * replaced by an extreme or a wrong type, a key dropped or misspelt): the command exits 0, or 2
 * with one line naming the parameter; never a stack trace, never a crash.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { models } from '../../src/cli/models/all.ts';
import { runCli as cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-fuzz-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Leaf paths of a JSON object. */
function leaves(x: unknown, prefix: string[] = []): string[][] {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return [prefix];
  return Object.entries(x).flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

function mutate(doc: unknown, path: string[], op: 'set' | 'drop' | 'typo', value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'set') o[last] = value;
  else if (op === 'drop') delete o[last];
  else {
    o[`${last.slice(0, -1)}`] = o[last];
    delete o[last];
  }
  return copy;
}

const value = fc.constantFrom<unknown>(0, -1, 0.5, 2, 1e308, -1e308, 1e15, '10', '0x10', null, true, [], {});

describe('fuzz: invlab solve --params with mutated examples', () => {
  for (const m of models) {
    it(`${m.meta.id}: exits 0, or 2 with a one-line message`, async () => {
      const paths = leaves(m.exampleParams);
      let i = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom<'set' | 'drop' | 'typo'>('set', 'set', 'set', 'drop', 'typo'), value, async (path, op, v) => {
          const f = join(dir, `${m.meta.id}-${i++}.json`);
          writeFileSync(f, JSON.stringify(mutate(m.exampleParams, path, op, v)));
          const r = await cli(['solve', m.meta.id, '--params', f, '--json']);
          expect([0, 2], r.err).toContain(r.code);
          expect(r.err).not.toMatch(/^\s+at /m);
          if (r.code === 2) expect(r.err.trim().split('\n')).toHaveLength(1);
        }),
        { numRuns: 20 },
      );
    }, 60_000);
  }
});
