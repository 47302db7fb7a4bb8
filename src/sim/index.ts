/** The simulator's public API (src/sim/README.md describes it). */
export * from './engine.ts';
export * from './inventory.ts';
export * from './metrics.ts';
export * from '../dist/demand.ts';
export * from '../dist/lead-time.ts';
export { AliasTable, weightedMoments, type Moments } from '../dist/alias.ts';
export type { InventoryPolicy, LotRule, PolicyOrigin, ServiceMetric } from '../policy/types.ts';
export { exactSQPoisson, finiteSQPoisson, type ExactSQValues } from './exact.ts';
