/**
 * Kernel 'pool.selftest': a cheap deterministic kernel for checking the pool itself (ordering,
 * determinism, checkpoints) with fault injection for the crash tests: when the environment
 * variable INVLAB_POOL_FAULT is 'throw' or 'exit' and the replication is in spec.failAt, it
 * throws, or ends its worker thread (process.exit inside a worker stops only that thread; the
 * inline path throws instead). Without the variable it never fails.
 */
import { RandomStream } from '../rng/stream.ts';
import { isMainThread } from 'node:worker_threads';
import { defineKernel, type ReplicationContext } from '../sim/kernel.ts';
import { checkNumber, checkObject } from '../core/validate.ts';

export interface SelftestSpec {
  /** uniform draws per replication */
  draws: number;
  failAt?: number[];
}

function checkSelftestSpec(specIn: unknown): SelftestSpec {
  const o = checkObject(specIn, 'pool.selftest spec');
  checkNumber(o.draws, 'draws', 'int1');
  if (o.failAt !== undefined && !Array.isArray(o.failAt)) throw new TypeError('failAt must be an array of replication indices');
  return o as unknown as SelftestSpec;
}

function runSelftest(spec: SelftestSpec, ctx: ReplicationContext): { replication: number; mean: number; max: number; nan: number } {
  const fault = process.env.INVLAB_POOL_FAULT;
  if (fault && spec.failAt?.includes(ctx.replication)) {
    if (fault === 'exit' && !isMainThread) process.exit(3);
    throw new Error(`pool.selftest: injected fault at replication ${ctx.replication}`);
  }
  const r = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'selftest']);
  let s = 0;
  let m = 0;
  for (let i = 0; i < spec.draws; i++) {
    const u = r.uniform();
    s += u;
    if (u > m) m = u;
  }
  return { replication: ctx.replication, mean: s / spec.draws, max: m, nan: NaN };
}

export const selftestKernel = defineKernel(import.meta.url, 'selftestKernel', 'pool.selftest', checkSelftestSpec, runSelftest);
