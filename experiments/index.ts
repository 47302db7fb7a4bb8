/**
 * The main job's experiments, in the order they run. Each experiment lives in its own file
 * and is listed here once.
 */
import type { Experiment } from './framework.ts';
import { kApproximationError } from './k-approximation-error.ts';
import { sqlPolicyService } from './sql-policy-service.ts';
import { sqlPolicyBacktest } from './sql-policy-backtest.ts';
import { stockPriceCriteria } from './stock-price-criteria.ts';
import { deterioratingDpTable1 } from './deteriorating-dp-table1.ts';
import { deterioratingDpOptimality } from './deteriorating-dp-optimality.ts';
import { deterioratingDpReplay } from './deteriorating-dp-replay.ts';
import { correlatedRopTable4 } from './correlated-rop-table4.ts';
import { correlatedRopService } from './correlated-rop-service.ts';

export const experiments: Experiment[] = [
  kApproximationError,
  sqlPolicyService,
  sqlPolicyBacktest,
  stockPriceCriteria,
  deterioratingDpTable1,
  deterioratingDpOptimality,
  deterioratingDpReplay,
  correlatedRopTable4,
  correlatedRopService,
];
