/**
 * The installed command must work from any working directory, worker threads included
 * (a bare `--import tsx` in the workers resolved from the user's cwd and failed there).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/invlab.js', import.meta.url));

describe('invlab from another working directory', () => {
  it('simulate on 2 threads runs in a folder without node_modules and matches 1 thread', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'invlab-cwd-'));
    const args = (threads: number) => [
      bin, 'simulate',
      '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":50,"multiples":"one"}',
      '--demand', '{"kind":"poisson","mean":5}',
      '--lead-time', '{"kind":"constant","value":4}',
      '--replications', '8', '--horizon', '2000', '--threads', String(threads), '--json',
    ];
    const two = spawnSync(process.execPath, args(2), { cwd, encoding: 'utf8' });
    expect(two.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(two.status).toBe(0);
    const one = spawnSync(process.execPath, args(1), { cwd, encoding: 'utf8' });
    expect(one.status).toBe(0);
    expect(JSON.parse(two.stdout).estimates.fillRate.n).toBe(8);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('seeds beyond 2^53', () => {
  it('two long integer seeds that round to the same double give different streams', async () => {
    const { runCli } = await import('../helpers/cli.ts');
    const args = (seed: string) => ['simulate', '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":50,"multiples":"one"}', '--demand', '{"kind":"poisson","mean":5}', '--lead-time', '{"kind":"constant","value":4}', '--replications', '3', '--horizon', '500', '--seed', seed, '--json'];
    // 2^53 + 1 and 2^53 are distinct seeds; read as doubles both are 9007199254740992
    const a = await runCli(args('9007199254740993'));
    const b = await runCli(args('9007199254740992'));
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).seed).toBe('9007199254740993');
    expect(JSON.parse(a.out).estimates.fillRate.mean).not.toBe(JSON.parse(b.out).estimates.fillRate.mean);
  });
});
