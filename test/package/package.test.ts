/**
 * The package as a user gets it: build, `npm pack`, install the tarball into a fresh project,
 * then, in plain Node (no TypeScript loader), import the API (solve a model, simulate on two
 * threads), run `npx invlab models` and `npx invlab policy` on a small CSV, and type-check a
 * TypeScript consumer against the shipped declarations. Needs the npm registry (or npm's cache)
 * for the package's dependencies.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'invlab-pack-'));
const app = join(work, 'app');
let files: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
}

beforeAll(() => {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root)) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed[0]!.filename)], app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the installed package', () => {
  it('ships compiled JavaScript, declarations and the launcher, and no sources, tests, fixtures or results', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/pool/worker.js');
    expect(files).toContain('bin/invlab.js');
    expect(files.filter((f) => /^(src|test|results|experiments|bench)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('tsx');
  });
  it('imports in plain Node: solves a model and simulates on two worker threads', () => {
    writeFileSync(
      join(app, 'use.mjs'),
      `import { sqlPolicy, sim, runReplications, WorkerPool, citationOf } from 'invlab';
const r = sqlPolicy.solveSqlPolicy(sqlPolicy.WORKED_EXAMPLE);
const pool = new WorkerPool(2);
const spec = { demand: { kind: 'poisson', mean: 5 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: 30 }, horizon: 500, warmup: 10 };
const two = await runReplications({ kernel: sim.inventoryKernel, spec, seed: 1, scenario: 'pack', replications: 4, threads: 2, pool, chunkSize: 1 });
await pool.close();
const one = await runReplications({ kernel: sim.inventoryKernel, spec, seed: 1, scenario: 'pack', replications: 4, threads: 1 });
console.log(JSON.stringify({ rop: r.ROP, same: JSON.stringify(one) === JSON.stringify(two), n: two.length, cite: citationOf('sql-policy').slice(0, 11) }));
`,
    );
    const out = JSON.parse(run('node', ['use.mjs'], app)) as { rop: number; same: boolean; n: number; cite: string };
    expect(out.rop).toBeGreaterThan(0);
    expect(out).toMatchObject({ same: true, n: 4, cite: 'Katircioglu' });
  });
  it('runs `npx invlab models` and `npx invlab policy` on a small CSV', () => {
    expect(run('npx', ['--no-install', 'invlab', 'models'], app)).toMatch(/^sql-policy\n/);
    const lines = ['date,sku,quantity'];
    for (let d = 1; d <= 28; d++) lines.push(`2024-02-${String(d).padStart(2, '0')},A,${(d % 5) + 1}`, `2024-02-${String(d).padStart(2, '0')},B,${(d % 3) + 2}`);
    writeFileSync(join(app, 'orders.csv'), `${lines.join('\n')}\n`);
    const out = run('npx', ['--no-install', 'invlab', 'policy', '--orders', 'orders.csv', '--lead-time-mean', '5', '--target', '0.95', '--json'], app);
    expect((JSON.parse(out) as { skus: number }).skus).toBe(2);
  });
  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(app, 'use.ts'),
      `import { sqlPolicy, modelCatalog, type ModelMeta } from 'invlab';
const m: readonly ModelMeta[] = modelCatalog;
const rop: number = sqlPolicy.solveSqlPolicy(sqlPolicy.WORKED_EXAMPLE).ROP;
export const summary = [m.length, rop];
`,
    );
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }));
    expect(() => run('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app)).not.toThrow();
  });
});
