/**
 * The experiments runner sharded: stock-price-criteria (Shah; its replication runs do not depend
 * on simulated results) split into N = 1, 2, 3 and 7 shards run as separate processes (indexes
 * as plain --shard, Kubernetes, Slurm and AWS Batch give them), merged with `run-all --merge`,
 * writes the results of one process: every table and figure byte-identical, README.md and
 * result.json identical but for the run line (start time, wall time).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CODE, proc, runShards, SPLITS } from './shard-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-shard-exp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = 'stock-price-criteria';
const RUN = ['--profile', 'quick', '--only', ID, '--threads', '1'];

/** The files of results/<id>/, with what says when and how long the run took blanked out. */
function results(out: string): Record<string, string> {
  const d = join(dir, out, ID);
  const files: Record<string, string> = {};
  for (const f of readdirSync(d).sort()) {
    let text = readFileSync(join(d, f), 'utf8');
    if (f === 'README.md') text = text.replace(/^Run: .*$/m, 'Run: (blanked)');
    if (f === 'result.json') {
      const j = JSON.parse(text) as { meta: Record<string, unknown> };
      delete j.meta.wallSeconds;
      delete j.meta.startedAt;
      text = JSON.stringify(j);
    }
    files[f] = text;
  }
  return files;
}

describe('experiments/run-all.ts --shard + --merge', () => {
  let one: Record<string, string> = {};
  beforeAll(async () => {
    const r = await proc(dir, [...RUN, '--out', 'one'], {}, true);
    expect(r.code).toBe(0);
    one = results('one');
    expect(Object.keys(one)).toEqual(expect.arrayContaining(['README.md', 'result.json', 'spec.json']));
    expect(Object.keys(one).filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(2);
  }, 60_000);

  let three: string[] = [];
  for (const [n, scheduler] of SPLITS) {
    it(`${n} shard(s) (${scheduler}) merge to the results of one process`, async () => {
      const files = await runShards(dir, RUN, n, scheduler, `e${n}`, true);
      if (n === 3) three = files;
      const m = await proc(dir, ['--merge', ...files, '--out', `merged-${n}`, '--threads', '1'], {}, true);
      expect(m.code).toBe(0);
      expect(results(`merged-${n}`)).toEqual(one);
    }, 60_000);
  }

  it('an experiment whose runs depend on simulated results (deteriorating-dp-replay: buffers tuned on replays) is refused at merge', async () => {
    const replay = ['--profile', 'quick', '--only', 'deteriorating-dp-replay', '--threads', '1'];
    const files = await runShards(dir, replay, 2, 'plain', 'dep', true);
    const m = await proc(dir, ['--merge', ...files, '--out', 'never'], {}, true);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/finished without making the run of scenario 'deteriorating-dp-replay\/[^']+' .* that another shard made: the experiment's sequence of runs depends on simulated results, so it cannot be sharded/);
  }, 60_000);

  it('--merge refuses a missing shard (exit 2, naming it)', async () => {
    const files = three;
    expect(files).toHaveLength(3);
    const m = await proc(dir, ['--merge', files[0]!, files[2]!, '--out', 'never'], {}, true);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/run-all: merge: shard\(s\) 2 of 3 missing: no file given holds them/);
    // `invlab merge` names the runner that merges experiment shards
    const saved = process.env.INVLAB_CODE_VERSION;
    process.env.INVLAB_CODE_VERSION = CODE;
    try {
      const wrong = await runCli(['merge', ...files]);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toMatch(/experiment shards are merged by the experiments runner: npx tsx experiments\/run-all\.ts --merge <files…> --out <dir>/);
    } finally {
      if (saved === undefined) delete process.env.INVLAB_CODE_VERSION;
      else process.env.INVLAB_CODE_VERSION = saved;
    }
  }, 60_000);
});
