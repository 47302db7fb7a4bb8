/**
 * A test kernel that reports which thread ran each replication (1: a worker, 0: the calling
 * thread), after a fixed amount of arithmetic, for tests of how the pool shares work.
 */
import { isMainThread } from 'node:worker_threads';
import { defineKernel, type ReplicationContext } from '../../src/sim/kernel.ts';

interface ThreadSpec {
  /** loop iterations per replication (the item's cost) */
  work: number;
}

function checkThreadSpec(spec: unknown): ThreadSpec {
  const o = spec as ThreadSpec;
  if (!Number.isInteger(o?.work) || o.work < 1) throw new RangeError('work must be a positive integer');
  return o;
}

function runThread(spec: ThreadSpec, ctx: ReplicationContext): { worker: number; value: number } {
  let x = ctx.replication + 1;
  for (let i = 0; i < spec.work; i++) x = (x * 1.0000001 + 1) % 1e9;
  return { worker: isMainThread ? 0 : 1, value: x };
}

export const threadKernel = defineKernel(import.meta.url, 'threadKernel', 'test.thread', checkThreadSpec, runThread);
