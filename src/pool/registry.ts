/**
 * Every replication kernel a worker can run, by name. Add one import and one line per kernel.
 * Names are '<area>.<what>', e.g. 'sim.inventory', 'stock-price-cubic.cycles'.
 */
import type { Kernel } from './kernels.ts';
import { stockPriceCyclesKernel } from '../sim/stock-price-cubic/cycles.ts';

export const kernels: Record<string, Kernel> = {
  'stock-price-cubic.cycles': stockPriceCyclesKernel,
};
