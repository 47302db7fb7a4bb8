/**
 * Replication kernels: the functions a worker thread can run. A kernel simulates ONE
 * replication of a scenario and returns one row of numbers. It must be pure and draw all its
 * randomness from streams keyed by (seed, scenario, replication, process), so a replication's
 * row does not depend on which thread ran it or in which order.
 *
 * The table of kernels by name is in ./registry.ts (one import and one line per kernel);
 * kernels themselves live beside the simulation code they run (src/sim/, src/models/...).
 */

import { kernels } from './registry.ts';

import type { Kernel } from '../sim/replication.ts';

/** The kernel contract is defined by the simulation layer (src/sim/replication.ts). */
export type { Kernel, ReplicationContext } from '../sim/replication.ts';

export function getKernel(name: string): Kernel {
  const k = kernels[name];
  if (!k) throw new RangeError(`unknown simulation kernel '${name}'; known: ${Object.keys(kernels).join(', ') || '(none)'}`);
  return k;
}

/** Run replications [from, to) of a kernel in this thread, in order. */
export function runRange(kernelName: string, spec: unknown, seed: number | string, scenario: string, from: number, to: number): Record<string, number>[] {
  const kernel = getKernel(kernelName);
  const rows: Record<string, number>[] = [];
  for (let r = from; r < to; r++) rows.push(kernel(spec, { seed, scenario, replication: r }));
  return rows;
}
