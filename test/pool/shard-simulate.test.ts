/**
 * `invlab simulate --shard` and `invlab merge`, as a cluster runs them: N = 1, 2, 3 and 7 shards
 * as separate processes, each given its index the way its scheduler does (plain --shard i/N,
 * Kubernetes Indexed Job, Slurm array, AWS Batch array job), merge to the bytes one process
 * prints; a missing, duplicated, unfinished or foreign shard is refused (exit 2) with a message
 * naming it; a shard killed by SIGKILL midway resumes with --resume and the merge is unchanged.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CLI, CODE, proc, runShards, shardScratchDir, SPLITS } from './shard-helpers.ts';

const dir = shardScratchDir('invlab-shard-');

const SIM = ['simulate', '--demand', '{"kind":"poisson","mean":5}', '--lead-time', '{"kind":"uniformInteger","min":2,"max":5}', '--policy', '{"kind":"sQ","reorderPoint":30,"lotSize":40,"multiples":"one"}', '--horizon', '3000', '--replications', '40', '--seed', '11'];
const cli = (args: string[], env: Record<string, string> = {}): ReturnType<typeof proc> => proc(dir, args, env);
const shards = async (args: string[], n: number, scheduler: string, tag: string): Promise<string[]> => {
  const files = await runShards(dir, args, n, scheduler, tag);
  return files;
};

let one = '';
let oneJson = '';

describe('invlab simulate --shard + invlab merge', () => {
  beforeAll(async () => {
    const [a, b] = await Promise.all([cli(SIM), cli([...SIM, '--json', '--compare', '{"kind":"sS","reorderPoint":25,"orderUpTo":80}'])]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    one = a.out;
    oneJson = b.out;
    expect(one).toMatch(/fill rate/i);
  }, 60_000);

  let seven: string[] = [];
  for (const [n, scheduler] of SPLITS) {
    it(`${n} shard(s) (${scheduler}) merge to the bytes of one process`, async () => {
      const files = await shards(SIM, n, scheduler, `t${n}`);
      if (n === 7) seven = [...files];
      const m = await runCli(['merge', ...files.reverse()]);
      expect(m.err).toBe('');
      expect(m.code).toBe(0);
      expect(m.out).toBe(one);
    }, 60_000);
  }

  it('hierarchical merge: --partial merges of shards 1–3 and 4–7, then a merge of the two, give the same bytes', async () => {
    expect(seven).toHaveLength(7);
    const [a, b] = [join(dir, 'part-a.jsonl'), join(dir, 'part-b.jsonl')];
    expect((await runCli(['merge', '--partial', ...seven.slice(0, 3), '--out', a])).code).toBe(0);
    expect((await runCli(['merge', '--partial', ...seven.slice(3), '--out', b])).code).toBe(0);
    const incomplete = await runCli(['merge', a]);
    expect(incomplete.code).toBe(2);
    expect(incomplete.err).toMatch(/shard\(s\) 4–7 of 7 missing/);
    const again = await runCli(['merge', a, seven[1]!, b]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/shard 2\/7 is given twice: in .*part-a\.jsonl and in .*t7-2-of-7\.jsonl/);
    const m = await runCli(['merge', b, a]);
    expect(m.code).toBe(0);
    expect(m.out).toBe(one);
  });

  it('--json with --compare (two runs per shard) and --chunk-size, 3 shards: identical; merge --out writes the same bytes', async () => {
    // with --chunk-size (not the default), which the merge must take from the shard files
    const files = await shards([...SIM, '--json', '--compare', '{"kind":"sS","reorderPoint":25,"orderUpTo":80}', '--chunk-size', '3'], 3, 'plain', 'cmp');
    const out = join(dir, 'merged.json');
    const m = await runCli(['merge', ...files, '--out', out]);
    expect(m.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(oneJson);
    expect(files.map((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('"type":"call"')).length)).toEqual([2, 2, 2]);
  }, 60_000);
});

describe('invlab merge refuses what is not one whole run (exit 2)', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = await shards(SIM, 3, 'plain', 'bad');
  }, 60_000);

  it('a missing shard: names it and the chunks it computes', async () => {
    const m = await runCli(['merge', files[0]!, files[2]!]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/shard\(s\) 2 of 3 missing: no file given holds them; e\.g\. shard 2 computes chunks \d+–\d+ \(of 14\) of scenario 'simulate\/item'/);
  });

  it('a duplicated shard (the same file twice, or a copy)', async () => {
    const copy = join(dir, 'copy.jsonl');
    copyFileSync(files[1]!, copy);
    const m = await runCli(['merge', ...files, copy]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/shard 2\/3 is given twice: in .*bad-2-of-3\.jsonl and in .*copy\.jsonl/);
  });

  it('a foreign shard (another seed; other code) names the file and the field', async () => {
    const foreign = await cli([...SIM.slice(0, -1), '12', '--shard', '2/3', '--checkpoint', 'foreign.jsonl']);
    expect(foreign.code).toBe(0);
    const m = await runCli(['merge', files[0]!, join(dir, 'foreign.jsonl'), files[2]!]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/foreign\.jsonl is not a shard of the same run as .*: its seed is 12, not 11/);
    const other = await cli([...SIM, '--shard', '2/3', '--checkpoint', 'other-code.jsonl'], { INVLAB_CODE_VERSION: 'another-build' });
    expect(other.code).toBe(0);
    const m2 = await runCli(['merge', files[0]!, join(dir, 'other-code.jsonl'), files[2]!]);
    expect(m2.code).toBe(2);
    expect(m2.err).toMatch(/other-code\.jsonl is not a shard of the same run .*: its codeVersion is "0\.1\.0\+another-build", not "0\.1\.0\+shard-test" \(shards must run the same code\)/);
  }, 60_000);

  it('a file that is not a shard file, and a shard with a chunk removed', async () => {
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'date,sku,quantity\n');
    const m = await runCli(['merge', files[0]!, csv]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/data\.csv is not an invlab shard file/);
    const lines = readFileSync(files[1]!, 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"type":"chunk"'));
    const index = (JSON.parse(lines[cut]!) as { index: number }).index;
    const holed = join(dir, 'holed.jsonl');
    writeFileSync(holed, lines.filter((_l, i) => i !== cut).join('\n'));
    const m2 = await runCli(['merge', files[0]!, holed, files[2]!]);
    expect(m2.code).toBe(2);
    expect(m2.err).toContain(`chunk(s) ${index} (of 14) of scenario`);
    expect(m2.err).toMatch(/chunk\(s\) \d+ \(of 14\) of scenario 'simulate\/item' \(kernel sim\.inventory\.summary\) are missing; shard\(s\) 2\/3 \(.*holed\.jsonl\) should have computed them/);
  }, 60_000);

  it('bad --shard values are refused (exit 2) with the 1-based rule', async () => {
    for (const [flags, env, msg] of [
      [['--shard', '0/3'], {}, /--shard 0\/3: i must be from 1 to N \(1-based/],
      [['--shard', '3'], {}, /--shard must be <i>\/<N> with 1 ≤ i ≤ N/],
      [['--shard', 'auto'], {}, /--shard auto: no scheduler index in the environment/],
      [['--shard', 'auto'], { JOB_COMPLETION_INDEX: '1' }, /Kubernetes Indexed Job \(JOB_COMPLETION_INDEX\) does not tell the number of shards: give --shard-count <N> or set INVLAB_SHARD_COUNT/],
      [['--shard', 'auto'], { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3' }, /the Slurm array is not a contiguous range/],
    ] as [string[], Record<string, string>, RegExp][]) {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const r = await runCli([...SIM, ...flags, '--checkpoint', join(dir, 'never.jsonl')]);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(msg);
      } finally {
        for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
      }
    }
  });
});

describe('a shard killed midway (SIGKILL) resumes', () => {
  it('--resume computes only the missing chunks; the merge is still identical', async () => {
    const long = [...SIM.slice(0, 7), '--horizon', '3000000', '--replications', '12', '--seed', '5', '--chunk-size', '1'];
    const file = (k: number): string => join(dir, `kill-${k}.jsonl`);
    const [ref, ...others] = await Promise.all([cli(long), ...[1, 3].map((k) => cli([...long, '--shard', `${k}/3`, '--checkpoint', file(k)]))]);
    expect(ref!.code).toBe(0);
    for (const o of others) expect(o.code).toBe(0);
    const child = spawn(process.execPath, [CLI, ...long, '--shard', '2/3', '--checkpoint', file(2)], { cwd: dir, env: { ...process.env, INVLAB_CODE_VERSION: CODE }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
    const chunks = (): number => (existsSync(file(2)) ? readFileSync(file(2), 'utf8').split('\n').filter((l) => l.includes('"type":"chunk"')).length : 0);
    for (let i = 0; i < 600 && chunks() < 1; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = chunks();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(4); // killed midway: shard 2/3 owns 4 of the 12 chunks
    const early = await runCli(['merge', file(1), file(2), file(3)]);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/kill-2\.jsonl \(shard 2\/3\) did not finish \(no end line\): resume it/);
    const resumed = await cli([...long, '--shard', '2/3', '--checkpoint', file(2), '--resume']);
    expect(resumed.code).toBe(0);
    expect(chunks()).toBe(4); // each chunk once: the finished ones were not run again
    const m = await runCli(['merge', file(1), file(2), file(3)]);
    expect(m.code).toBe(0);
    expect(m.out).toBe(ref!.out);
  }, 90_000);
});
