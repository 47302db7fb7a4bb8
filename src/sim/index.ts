/** The simulator's public API (src/sim/README.md describes it). */
export * from './engine.ts';
export * from './inventory.ts';
export * from './metrics.ts';
export * from '../dist/demand.ts';
export * from '../dist/lead-time.ts';
export { AliasTable, weightedMoments, type Moments } from '../dist/alias.ts';
export type { InventoryPolicy, LotRule, PolicyOrigin, ServiceMetric } from '../policy/types.ts';
export { exactSQPoisson, finiteSQPoisson, type ExactSQValues } from './exact.ts';
export { fixedWarmupRule, mserOnBatchMeans, mserTruncation, mserWarmup, netInventoryBatchMeans, MSER_BATCH, MSER_MAX_PERIODS, MSER_REPLICATIONS, type MserResult, type MserWarmup } from './warmup.ts';
export { exactSSPoisson, exactSSOnTables, optimizeSSExact, poissonDemandPmf, SSTables, type ExactSSValues, type ExactSSProblem, type ExactSSOptimum } from './exact-ss.ts';
export { optimizePolicy, evaluateCandidate, candidatePolicy, candidateSimSpec, checkSearchProblem, policySearchKernel, POLICY_SEARCH_COLUMNS, type PolicySearchProblem, type PolicySearchResult, type PolicySearchRow, type CandidateEstimate, type SearchObjective, type SearchServiceMetric } from './optimize-policy.ts';
