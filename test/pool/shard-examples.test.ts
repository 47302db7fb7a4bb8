/**
 * examples/cluster/ stays usable: the Kubernetes manifest parses as YAML (and its shard count
 * agrees with the Job's completions), the shell scripts pass `bash -n`, the JSON parses, and the
 * shard command every example runs is accepted by invlab as written (run here with a small
 * replication count, with the variables its scheduler sets).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli.ts';

const EX = join(import.meta.dirname, '../../examples/cluster');
const dir = mkdtempSync(join(tmpdir(), 'invlab-cluster-'));
copyFileSync(join(EX, 'run.json'), join(dir, 'run.json'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Doc = { kind: string; metadata: { name: string }; spec: Record<string, unknown>; data?: Record<string, string> };
type Container = { args?: string[]; env?: { name: string; value: string }[] };

function manifest(): Doc[] {
  const docs = parseAllDocuments(readFileSync(join(EX, 'kubernetes-indexed-job.yaml'), 'utf8'));
  for (const d of docs) expect(d.errors).toEqual([]);
  return docs.map((d) => d.toJS() as Doc);
}

/** Run a shard command of an example (its paths moved to a temporary folder) with a small run, under the given environment. */
async function runShardCommand(args: string[], env: Record<string, string>): Promise<void> {
  const spec = join(dir, 'run.json');
  const argv = args.map((a) => a.replace(/^(\/config\/|\/data\/)?run\.json$/, spec).replace(/^(\/shards|\/data\/shards|shards)\//, `${dir}/`));
  const saved = { ...process.env };
  Object.assign(process.env, env, { INVLAB_CODE_VERSION: 'examples-test' });
  try {
    const r = await runCli([...argv, '--replications', '512', '--horizon', '60', '--warmup', '10']);
    expect(r.err).toMatch(new RegExp(`shard \\d+/\\d+ .* written to ${dir}/sim-\\d\\.jsonl`));
    expect(r.code).toBe(0);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe('examples/cluster', () => {
  it('the Kubernetes manifest parses; INVLAB_SHARD_COUNT = completions; the ConfigMap holds run.json', async () => {
    const docs = manifest();
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Job']);
    const job = docs[2]!;
    expect(job.spec.completionMode).toBe('Indexed');
    const c = (job.spec.template as { spec: { containers: Container[] } }).spec.containers[0]!;
    expect(c.env?.find((e) => e.name === 'INVLAB_SHARD_COUNT')?.value).toBe(String(job.spec.completions));
    expect(JSON.parse(docs[0]!.data!['run.json']!)).toEqual(JSON.parse(readFileSync(join(EX, 'run.json'), 'utf8')));
    await runShardCommand(c.args!, { JOB_COMPLETION_INDEX: '0', INVLAB_SHARD_COUNT: c.env![0]!.value });
    const merge = (docs[3]!.spec.template as { spec: { containers: Container[] } }).spec.containers[0]!.args!;
    expect(merge.filter((a) => a.endsWith('.jsonl'))).toHaveLength(Number(job.spec.completions));
  });

  it('the shell scripts pass bash -n; the Slurm array task command runs; the merge depends on the array', async () => {
    const scripts = readdirSync(EX).filter((f) => f.endsWith('.sh'));
    expect(scripts.sort()).toEqual(['aws-batch-submit.sh', 'slurm-array.sh']);
    for (const s of scripts) execFileSync('bash', ['-n', join(EX, s)]);
    const slurm = readFileSync(join(EX, 'slurm-array.sh'), 'utf8');
    expect(slurm).toMatch(/--array=1-"\$SHARDS"/);
    expect(slurm).toMatch(/--dependency=afterok:"\$shards_job"/);
    expect(slurm).toMatch(/invlab merge shards\/sim-\*\.jsonl/);
    const task = /--wrap='invlab (simulate [^']+)'/.exec(slurm)![1]!.split(' ');
    await runShardCommand(task, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_COUNT: '8' });
  });

  it('the AWS Batch job definition parses; its command runs as an array child', async () => {
    const def = JSON.parse(readFileSync(join(EX, 'aws-batch-job-definition.json'), 'utf8')) as { containerProperties: { command: string[]; environment: { name: string; value: string }[] } };
    const env = Object.fromEntries(def.containerProperties.environment.map((e) => [e.name, e.value]));
    expect(env.INVLAB_SHARD_COUNT).toBe('8');
    await runShardCommand(def.containerProperties.command, { ...env, AWS_BATCH_JOB_ARRAY_INDEX: '7' });
    expect(readFileSync(join(EX, 'aws-batch-submit.sh'), 'utf8')).toMatch(/--array-properties size="\$SHARDS"[\s\S]*--depends-on jobId="\$array_id"/);
  });
});
