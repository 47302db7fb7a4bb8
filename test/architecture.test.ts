/**
 * The layering, enforced with no exception: imports point down only
 *   core ← rng ← forecast ← policy ← dist ← sim ← models ← pool ← io ← cli / experiments,
 * the pure layers (core … models) do no I/O, `invlab simulate` loads no model, and no file of
 * the repository holds an absolute path of a machine or cites a file outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname);
/** Every file git tracks or would track (untracked, not ignored). */
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '');
const tsFiles = (dir: string): string[] => tracked.filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.ts'));

const LAYERS = ['core', 'rng', 'forecast', 'policy', 'dist', 'sim', 'models', 'pool', 'io', 'cli'] as const;
const RANK = new Map<string, number>(LAYERS.map((l, i) => [l, i]));
const PURE = ['core', 'rng', 'forecast', 'policy', 'dist', 'sim', 'models'];
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:)?(fs|fs\/promises|path|child_process|worker_threads|os|readline|net|http)['"]/, 'file, process or OS access'],
  [/\bconsole\./, 'console output'],
  [/\bMath\.random\b/, 'unseeded randomness'],
  [/\bDate\.now\b|\bnew Date\(|\bperformance\.now\b/, 'the clock'],
  [/\bprocess\.(env|argv|stdout|stderr|exit)/, 'process state'],
];

const stripComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

/** Relative imports of a file (static and dynamic), resolved to repository paths. */
function importsOf(file: string, typeImports = true): string[] {
  const text = stripComments(readFileSync(join(root, file), 'utf8'));
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    if (m[1] && !typeImports) continue;
    const spec = m[2] ?? m[3]!;
    out.push(relative(root, resolve(root, dirname(file), spec)));
  }
  return out;
}

const layerOf = (f: string): string | undefined => (f.startsWith('src/') ? f.split('/')[1] : undefined);

describe('architecture', () => {
  it('every folder of src/ is a known layer', () => {
    const unknown = [...new Set(tsFiles('src').map(layerOf))].filter((l) => l !== undefined && !RANK.has(l) && !l.endsWith('.ts'));
    expect(unknown).toEqual([]);
  });
  it('pure layers do no I/O', () => {
    const offences: string[] = [];
    for (const layer of PURE) {
      for (const f of tsFiles(`src/${layer}`)) {
        const text = stripComments(readFileSync(join(root, f), 'utf8'));
        for (const [re, what] of FORBIDDEN) if (re.test(text)) offences.push(`${f}: ${what}`);
      }
    }
    expect(offences).toEqual([]);
  });
  it('imports point down the layers, type imports included, with no exception', () => {
    const offences: string[] = [];
    for (const f of tsFiles('src')) {
      const rank = RANK.get(layerOf(f)!);
      if (rank === undefined) continue;
      for (const target of importsOf(f)) {
        const tRank = RANK.get(layerOf(target) ?? '');
        if (tRank !== undefined && tRank > rank) offences.push(`${f} imports ${target}`);
      }
    }
    expect(offences).toEqual([]);
  });
  it("`invlab simulate`'s import closure holds no model file", () => {
    const seen = new Set<string>();
    const todo = ['src/cli/main.ts', 'src/cli/commands/simulate.ts'];
    while (todo.length > 0) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      // runtime imports only (a type import loads nothing); main.ts loads commands lazily, so from it follow only what `invlab simulate` loads
      const next = importsOf(f, false).filter((t) => f !== 'src/cli/main.ts' || !t.startsWith('src/cli/commands/'));
      todo.push(...next);
    }
    expect([...seen].filter((f) => f.startsWith('src/models/'))).toEqual([]);
    expect([...seen].filter((f) => f.startsWith('src/cli/commands/') && f !== 'src/cli/commands/simulate.ts')).toEqual([]);
  });
  it('no file holds an absolute path of a machine or cites a file outside the repository', () => {
    const offences: string[] = [];
    const text = tracked.filter((f) => /\.(ts|js|json|md|txt|ya?ml|csv)$/.test(f) && !f.startsWith('results/') && f !== 'package-lock.json' && f !== 'test/architecture.test.ts');
    for (const f of text) {
      const body = readFileSync(join(root, f), 'utf8');
      if (/(?:^|[\s'"`(=])\/(?:work|home|Users|root|mnt)\/[A-Za-z]/m.test(body)) offences.push(`${f}: absolute path`);
      if (/MISSION\.md|shared\/seeds\//.test(body)) offences.push(`${f}: cites a file outside the repository`);
    }
    expect(offences).toEqual([]);
  });
});
