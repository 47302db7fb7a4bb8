/**
 * Where runReplications calls go when a command runs as one shard of a run (`--shard i/N`) or is
 * re-rendered by `invlab merge`: a router held in an AsyncLocalStorage around the command's (or
 * the experiment's) body. Every runReplications call made inside it is handed to the router
 * (./shard.ts): the shard runner computes only the shard's chunks of the call and appends them to
 * the shard file; the merge server returns the call's rows read from the shard files. Outside a
 * router (every ordinary run) routeRun returns undefined and runReplications runs as usual.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Row } from '../sim/kernel.ts';
import type { ReplicationRun } from './run.ts';

/** Takes over the runReplications calls made inside withRouter(router, …). */
export interface RunRouter {
  route(run: ReplicationRun): Promise<Row[]>;
}

const current = new AsyncLocalStorage<RunRouter>();

/**
 * The routed result of a runReplications call, or undefined when it must run as usual: no router
 * is active, or the call is the router's own (it names the chunks to run).
 */
export function routeRun(run: ReplicationRun): Promise<Row[]> | undefined {
  if (run.chunks !== undefined) return undefined;
  return current.getStore()?.route(run);
}

/** Run `body` with every runReplications call inside it (across awaits) handed to `router`. */
export function withRouter<T>(router: RunRouter, body: () => Promise<T>): Promise<T> {
  return current.run(router, body);
}
