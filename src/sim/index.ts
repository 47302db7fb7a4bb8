/** The simulator's public API (src/sim/README.md describes it). */
export * from './engine.ts';
export * from './inventory.ts';
export * from './metrics.ts';
export * from './processes/demand.ts';
export * from './processes/lead-time.ts';
export { AliasTable, weightedMoments, type Moments } from './processes/discrete.ts';
export type { InventoryPolicy, LotRule, PolicyOrigin, ServiceMetric } from './policy.ts';
