/**
 * The CLI end to end, as a user meets it: Ctrl-C (SIGINT) exits 130 whatever the thread count,
 * keeping the finished replications; a second run (seed 8) on the checkpoint of a running one
 * (seed 7) is refused with exit 2, naming the file and its owner; --threads is capped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'invlab-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLI = join(import.meta.dirname, '../../bin/invlab.js');
const args = (seed: number, threads: number, cp: string): string[] => [
  CLI, 'simulate', '--demand', '{"kind":"poisson","mean":5}', '--lead-time', '{"kind":"constant","value":3}',
  '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":40,"multiples":"one"}', '--horizon', '50000', '--replications', '4000',
  '--seed', String(seed), '--threads', String(threads), '--checkpoint', cp, '--force',
];

/** Wait until the checkpoint holds a finished range (the run is under way). */
async function untilRange(cp: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (existsSync(cp) && readFileSync(cp, 'utf8').includes('"type":"range"')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no finished range in ${cp} after 60 s`);
}

/** While the first run (pid) is under way: a second run (seed 8) on its checkpoint is refused. */
async function check(pid: number, cp: string, threads: number): Promise<void> {
  await untilRange(cp);
  const second = spawnSync(process.execPath, args(8, 1, cp), { encoding: 'utf8' });
  expect(second.status).toBe(2);
  expect(second.stderr).toMatch(new RegExp(`checkpoint .*cp-${threads}\\.jsonl is in use by another run \\(process ${pid} on host .*lock file .*cp-${threads}\\.jsonl\\.lock\\)`));
}

describe('invlab simulate: interrupt and a shared checkpoint', () => {
  for (const threads of [1, 2]) {
    it(`${threads} thread(s): a second run on the busy checkpoint is refused (exit 2); SIGINT exits 130`, async () => {
      const cp = join(dir, `cp-${threads}.jsonl`);
      const child = spawn(process.execPath, args(7, threads, cp), { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await check(child.pid!, cp, threads);
        child.kill('SIGINT');
        expect(await exited).toBe(130);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      expect(err).toMatch(/interrupted; \d+ of \d+ replications finished; the \d+ finished replications are saved in/);
      expect(existsSync(`${cp}.lock`)).toBe(false);
      const lines = readFileSync(cp, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; seed?: number });
      expect(lines[0]).toMatchObject({ type: 'header', seed: 7 });
      expect(lines.filter((l) => l.type === 'header')).toHaveLength(1);
    }, 120_000);
  }

  it('--threads above 4 × the cores is refused naming the option', () => {
    const r = spawnSync(process.execPath, [CLI, 'simulate', '--demand', '{"kind":"poisson","mean":5}', '--lead-time', '{"kind":"constant","value":3}', '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":40,"multiples":"one"}', '--horizon', '100', '--threads', '1000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--threads is 1000, more than \d+ \(4 × the \d+ cores of this machine\).*use at most --threads \d+/);
  });

  it('validate --threads is capped the same way', () => {
    const r = spawnSync(process.execPath, [CLI, 'validate', '--orders', 'unused.csv', '--train-until', '2011-09-01', '--lead-time-mean', '5', '--target', '0.9', '--threads', '1000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--threads is 1000, more than \d+ \(4 × the \d+ cores of this machine\)/);
  });

  it('a run estimated above the limit is refused before it starts unless --force', () => {
    const r = spawnSync(process.execPath, [CLI, 'simulate', '--demand', '{"kind":"poisson","mean":5}', '--lead-time', '{"kind":"constant","value":3}', '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":40,"multiples":"one"}', '--horizon', '100000000', '--replications', '100000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invlab simulate: estimated [\d.]+ h and \d+ MB \(pilot: /);
    expect(r.stderr).toMatch(/this run would take about [\d.]+ h, more than the 1\.0 h limit; reduce --replications or --horizon, or pass --force/);
  });
});
