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

export interface ReplicationContext {
  /** master seed of the run */
  seed: number | string;
  /** scenario key (what is simulated: experiment id + scenario label) */
  scenario: string;
  /** 0-based replication index */
  replication: number;
}

/** One replication → one row of named numbers. `spec` must be structured-cloneable (plain data). */
export type Kernel = (spec: unknown, ctx: ReplicationContext) => Record<string, number>;

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
