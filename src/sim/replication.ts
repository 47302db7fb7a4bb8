/**
 * The replication contract between simulation code and the worker pool: a kernel simulates ONE
 * replication of a scenario and returns one row of numbers. It must be pure and draw all its
 * randomness from streams keyed by (seed, scenario, replication, process), so a replication's
 * row does not depend on which thread ran it or in which order. Kernels live beside the
 * simulation code they run; src/pool/registry.ts names them for the workers.
 */

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
