/**
 * The main job's experiments, in the order they run. Each lives in its own file and is listed
 * here once, loaded only when it runs (so `--only correlated-rop-table4` needs no order data).
 */
import type { Experiment } from './framework.ts';

export interface ExperimentEntry {
  id: string;
  load(): Promise<Experiment<object>>;
}

/** An entry that imports `file` and takes its export `name`. */
function lazy(id: string, file: string, name: string): ExperimentEntry {
  return {
    id,
    async load() {
      const mod = (await import(file)) as Record<string, Experiment<object>>;
      const exp = mod[name];
      if (exp === undefined || exp.id !== id) throw new Error(`${file} does not export experiment '${id}' as ${name}`);
      return exp;
    },
  };
}

export const experiments: ExperimentEntry[] = [
  lazy('k-approximation-error', './k-approximation-error.ts', 'kApproximationError'),
  lazy('sql-policy-service', './sql-policy-service.ts', 'sqlPolicyService'),
  lazy('sql-policy-backtest', './sql-policy-backtest.ts', 'sqlPolicyBacktest'),
  lazy('stock-price-criteria', './stock-price-criteria.ts', 'stockPriceCriteria'),
  lazy('deteriorating-dp-table1', './deteriorating-dp-table1.ts', 'deterioratingDpTable1'),
  lazy('deteriorating-dp-optimality', './deteriorating-dp-optimality.ts', 'deterioratingDpOptimality'),
  lazy('deteriorating-dp-replay', './deteriorating-dp-replay.ts', 'deterioratingDpReplay'),
  lazy('correlated-rop-table4', './correlated-rop-table4.ts', 'correlatedRopTable4'),
  lazy('correlated-rop-service', './correlated-rop-service.ts', 'correlatedRopService'),
  lazy('ci-coverage', './ci-coverage.ts', 'ciCoverage'),
  lazy('adaptive-vs-static', './adaptive-vs-static.ts', 'adaptiveVsStatic'),
  lazy('sscont', './sscont.ts', 'sscont'),
  lazy('adaptive-synthetic', './adaptive-synthetic.ts', 'adaptiveSynthetic'),
  lazy('accuracy-vs-inventory', './accuracy-vs-inventory.ts', 'accuracyVsInventory'),
];

/** The entry of an experiment id, or a RangeError listing the known ones. */
export function findExperiment(id: string): ExperimentEntry {
  const e = experiments.find((x) => x.id === id);
  if (e === undefined) throw new RangeError(`unknown experiment '${id}' (known: ${experiments.map((x) => x.id).join(', ')})`);
  return e;
}
