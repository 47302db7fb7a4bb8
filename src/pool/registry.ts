/**
 * Every replication kernel a worker can run, by name. Add one import and one line per kernel.
 * Names are '<area>.<what>', e.g. 'sim.inventory', 'stock-price-cubic.cycles'.
 */
import type { Kernel } from './kernels.ts';
import { inventoryKernel } from '../sim/inventory.ts';
import { selftestKernel } from './selftest.ts';
import { stockPriceCyclesKernel } from '../sim/stock-price-cubic/cycles.ts';
import { cycleServiceKernel, runningSQKernel } from '../sim/joint/kernels.ts';
import { engineJointKernel } from '../sim/joint/engine-sources.ts';
import { deterioratingReplayKernel } from '../sim/deteriorating-dp/replay.ts';

export const kernels: Record<string, Kernel> = {
  'sim.inventory': inventoryKernel,
  'pool.selftest': selftestKernel,
  'stock-price-cubic.cycles': stockPriceCyclesKernel,
  'correlated-rop.cycles': cycleServiceKernel,
  'correlated-rop.sq': runningSQKernel,
  'correlated-rop.engine-sq': engineJointKernel,
  'deteriorating-dp.replay': deterioratingReplayKernel,
};
