/**
 * The layering of DESIGN.md, enforced: core, rng, models and sim are pure (no files, console,
 * clock or Math.random), and imports point down only (core ← rng ← models ← sim ← pool ← io,
 * cli, experiments). A type-only import of the policy data type is allowed upward.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const PURE = ['src/core', 'src/rng', 'src/models', 'src/sim'];
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:)?(fs|fs\/promises|path|child_process|worker_threads|os|readline|net|http)['"]/, 'file, process or OS access'],
  [/\bconsole\./, 'console output'],
  [/\bMath\.random\b/, 'unseeded randomness'],
  [/\bDate\.now\b|\bnew Date\(|\bperformance\.now\b/, 'the clock'],
  [/\bprocess\.(env|argv|stdout|stderr|exit)/, 'process state'],
];
const RANK: Record<string, number> = { core: 0, rng: 1, models: 2, sim: 3, pool: 4, io: 5, cli: 6 };

describe('architecture', () => {
  it('pure layers do no I/O', () => {
    const offences: string[] = [];
    for (const layer of PURE) {
      for (const f of files(join(root, layer))) {
        const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [re, what] of FORBIDDEN) if (re.test(text)) offences.push(`${relative(root, f)}: ${what}`);
      }
    }
    expect(offences).toEqual([]);
  });
  it('imports point down the layers', () => {
    const offences: string[] = [];
    for (const f of files(join(root, 'src'))) {
      const rel = relative(join(root, 'src'), f);
      const layer = rel.split('/')[0]!;
      const rank = RANK[layer];
      if (rank === undefined) continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        const target = relative(join(root, 'src'), join(f, '..', m[2]!)).split('/')[0]!;
        const tRank = RANK[target];
        if (tRank === undefined || tRank <= rank) continue;
        const typeOnly = Boolean(m[1]) && m[2]!.endsWith('sim/policy.ts');
        if (!typeOnly) offences.push(`${rel} imports ${m[2]} (${layer} → ${target})`);
      }
    }
    expect(offences).toEqual([]);
  });
});
