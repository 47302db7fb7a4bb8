/**
 * The replication contract between simulation code and the worker pool. A kernel simulates ONE
 * replication of a scenario and returns one row of numbers. It must be pure and draw all its
 * randomness from streams keyed by (seed, scenario, replication, process), so a replication's
 * row does not depend on which thread ran it or in which order.
 *
 * A kernel is defined where its simulation lives, with its spec validator:
 *
 *   export const myKernel = defineKernel(import.meta.url, 'myKernel', 'my-model.cycles', validateMySpec, runMyReplication);
 *
 * and the pool finds it by module URL and export name (no registry), validates the spec once in
 * the calling thread and sends the typed spec to the workers, which run it unvalidated.
 */

export interface ReplicationContext {
  /** master seed of the run */
  seed: number | string;
  /** scenario key (what is simulated: experiment id + scenario label) */
  scenario: string;
  /** 0-based replication index */
  replication: number;
}

/** A row of named numbers (the metrics of one replication). */
export type Row = Record<string, number>;

/**
 * A kernel: callable as `kernel(spec, ctx)` (validates, then runs: the library entry), and
 * carrying what the pool needs: where it is defined, its stable name, `validate` (untyped spec →
 * typed spec, throwing errors that name the field) and `run` (typed spec, no validation).
 */
export interface KernelDef<S, R extends Row = Row> {
  (spec: unknown, ctx: ReplicationContext): R;
  /** URL of the module that exports the kernel (its import.meta.url) */
  readonly module: string;
  /** the export's name in that module */
  readonly exportName: string;
  /** stable name, used in checkpoints and messages, e.g. 'sim.inventory' */
  readonly kernelName: string;
  validate(spec: unknown): S;
  run(spec: S, ctx: ReplicationContext): R;
}

/** Define a kernel exported as `exportName` from the module at `moduleUrl` (pass import.meta.url). */
export function defineKernel<S, R extends Row>(
  moduleUrl: string,
  exportName: string,
  kernelName: string,
  validate: (spec: unknown) => S,
  run: (spec: S, ctx: ReplicationContext) => R,
): KernelDef<S, R> {
  const call = (spec: unknown, ctx: ReplicationContext): R => run(validate(spec), ctx);
  return Object.assign(call, { module: moduleUrl, exportName, kernelName, validate, run });
}

/** @deprecated the untyped kernel signature of earlier versions; every KernelDef is also one. */
export type Kernel = (spec: unknown, ctx: ReplicationContext) => Row;
