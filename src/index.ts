/** invlab's typed library API. */
export * from './core/normal.ts';
export * from './core/stats.ts';
export * from './rng/stream.ts';
export * as sqlPolicy from './models/sql-policy/index.ts';
export * as deterioratingDp from './models/deteriorating-dp/index.ts';
export * as correlatedRop from './models/correlated-rop/index.ts';
export * as stockPriceCubic from './models/stock-price-cubic/index.ts';
export * as stockPriceCubicSim from './models/stock-price-cubic/sim/index.ts';
export * as sim from './sim/index.ts';
export { runReplications, closePool, RunIncompleteError, type ReplicationRun } from './pool/run.ts';
export { modelCatalog, citationOf, type ModelMeta, type ParamDoc } from './models/catalog.ts';
export { modelSolvers } from './models/solvers.ts';
export type { ModelSolver, SolveOptionDoc, ResultView, ViewBlock, ViewCell, ViewCondition, ViewTable, ViewText } from './models/meta.ts';
export * as policy from './policy/index.ts';
export { WorkerPool } from './pool/run.ts';
export * as forecast from './forecast/index.ts';
