/**
 * Experiment sql-policy-service (Katircioglu, Brown & Asghar 2007): does each objective's policy
 * deliver the service it promises, measured by simulation with CIs?
 * - service objectives 3-6 × review (continuous: sQ with the default lot; periodic: the paper's
 *   base stock every 7 days) × variant (printed, corrected) × k (approx, exact), under the
 *   paper's assumptions and under violations (low volume, lumpy gamma and heavy-tailed lognormal
 *   order sizes, a skewed lead time);
 * - baselines on common random numbers: no safety stock, 7 days of supply, two-week cover;
 * - the service-inventory frontier of each policy family;
 * - objectives 1 (myopic cost) and 2 (season profit): simulated cost or profit against the best
 *   policy of the same family found by a search on common random numbers.
 * The model gets the exact moments of each process (src/models/sql-policy/backtest/scenarios.ts),
 * so shortfalls come from the formulas, not from estimation.
 */
import type { Estimate } from '../src/core/stats.ts';
import type { Row } from '../src/io/csv-write.ts';
import { fmt, markdownTable } from '../src/io/markdown.ts';
import { renderSvg } from '../src/io/plot.ts';
import { BASELINES, baselinePolicies, withReorderPoint } from '../src/models/sql-policy/backtest/baselines.ts';
import { meanSeasonProfit, seasonDemands } from '../src/models/sql-policy/backtest/newsvendor.ts';
import { recordMeanSd } from '../src/models/sql-policy/backtest/records.ts';
import { scenarioDemand, scenarioModelInputs, serviceScenarios, type SyntheticScenario } from '../src/models/sql-policy/backtest/scenarios.ts';
import { solveSqlPolicy } from '../src/models/sql-policy/model.ts';
import type { KMethod, Objective, Review, SqlPolicyParams, SqlPolicyResult, Variant } from '../src/models/sql-policy/types.ts';
import type { InventoryPolicy } from '../src/policy/types.ts';
import { runReplications } from '../src/pool/run.ts';
import type { InventoryRow } from '../src/sim/engine.ts';
import { inventoryKernel, type InventorySimSpec } from '../src/sim/inventory.ts';
import { pairedDifferences, summarizeRows } from '../src/sim/metrics.ts';
import type { Experiment, ExperimentContext, ExperimentOutput } from './framework.ts';

const ID = 'sql-policy-service';

/** An interval as text, or 'no interval' when it does not exist. */
function ciText(low: unknown, high: unknown): string {
  return typeof low === 'number' && Number.isFinite(low) && typeof high === 'number' && Number.isFinite(high) ? `[${fmt(low, 4)}, ${fmt(high, 4)}]` : 'no interval';
}

/** A finite number, or undefined (an interval that does not exist is an empty cell, never NaN). */
function finiteOr(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}
const SERVICE: Objective[] = ['no-stockout', 'on-time-request', 'on-time-commit', 'fill-rate'];
const REVIEWS: Review[] = ['continuous', 'periodic'];
/** customer lead times of objectives 4 and 5: requested uniform on {1, 2, 3} days, committed 2 days */
const CLTR = { kind: 'uniformInteger', min: 1, max: 3 } as const;
const CLTR_MOMENTS = { mean: 2, sd: Math.sqrt(2 / 3) };
const CLTC = 2;

/** The input of a run. */
export interface ServiceSpec {
  /** service target of objectives 3-6 */
  target: number;
  /** MLT of periodic review (days) */
  reviewPeriod: number;
  /** measured days, warm-up days and replications per policy (service objectives, baselines, frontier) */
  horizon: number;
  warmup: number;
  replications: number;
  /** objective 1: days and replications per policy, and the shifts of ROP (in SDLT) searched */
  costHorizon: number;
  costReplications: number;
  costShifts: number[];
  /** objective 1 costs: HCOST per unit-day, SCOST per unit backordered per day (1A), per unit short (1B) */
  costs: { holding: number; backorderPerDay: number; shortagePerUnit: number };
  /** objective 2: one buy per season of `days` days; `seasons` seasons per replication */
  season: { days: number; price: number; unitCost: number; salvage: number; seasons: number; replications: number };
  /** the frontier: targets of objectives 3 and 6, and days of supply of the baseline family */
  frontierTargets: number[];
  frontierDaysOfSupply: number[];
}

/** −1 … 3 in steps of `step`, rounded to 2 decimals (the ROP shifts of the cost search). */
function shiftGrid(step: number): number[] {
  const grid: number[] = [];
  for (let d = -1; d <= 3 + 1e-9; d += step) grid.push(Math.round(d * 100) / 100);
  return grid;
}

const PROFILES: Record<'quick' | 'full', ServiceSpec> = {
  quick: {
    target: 0.95,
    reviewPeriod: 7,
    horizon: 1500,
    warmup: 100,
    replications: 4,
    costHorizon: 1500,
    costReplications: 4,
    costShifts: shiftGrid(0.25),
    costs: { holding: 0.1, backorderPerDay: 0.9, shortagePerUnit: 5 },
    season: { days: 30, price: 10, unitCost: 4, salvage: 1, seasons: 200, replications: 4 },
    frontierTargets: [0.7, 0.9, 0.98],
    frontierDaysOfSupply: [0, 7, 14],
  },
  full: {
    target: 0.95,
    reviewPeriod: 7,
    horizon: 20_000,
    warmup: 300,
    replications: 20,
    costHorizon: 10_000,
    costReplications: 16,
    costShifts: shiftGrid(0.1),
    costs: { holding: 0.1, backorderPerDay: 0.9, shortagePerUnit: 5 },
    season: { days: 30, price: 10, unitCost: 4, salvage: 1, seasons: 2000, replications: 10 },
    frontierTargets: [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995],
    frontierDaysOfSupply: [0, 2, 4, 6, 8, 10, 14, 20, 28],
  },
};

/** Simulates one policy in one scenario: stream key `${ID}/${scenario}/${label}` (never the policy: common random numbers). */
type Sim = (sc: SyntheticScenario, policy: InventoryPolicy, label: string, horizon?: number, reps?: number, extra?: Partial<InventorySimSpec>) => Promise<InventoryRow[]>;

/** Everything a part of the experiment needs: spec, scenarios, the simulator and the progress tick. */
interface Run {
  spec: ServiceSpec;
  ctx: ExperimentContext;
  scenarios: SyntheticScenario[];
  sim: Sim;
  tick: () => void;
}

function params(spec: ServiceSpec, s: SyntheticScenario, objective: Objective, review: Review, variant: Variant, kMethod: KMethod, extra: Partial<SqlPolicyParams> = {}): SqlPolicyParams {
  const inp = scenarioModelInputs(s);
  const p: SqlPolicyParams = {
    objective,
    target: spec.target,
    review,
    demand: inp.demand,
    leadTime: { ...inp.leadTime },
    lot: { rule: review === 'periodic' ? 'flexible' : 'default' },
    variant,
    kMethod,
    ...extra,
  };
  if (review === 'periodic') p.reviewPeriod = spec.reviewPeriod;
  if (objective === 'on-time-request') p.leadTime.customerRequested = CLTR_MOMENTS;
  if (objective === 'on-time-commit') p.committedLeadTime = CLTC;
  return p;
}

function simSpec(s: SyntheticScenario, policy: InventoryPolicy, horizon: number, warmup: number, extra: Partial<InventorySimSpec> = {}): InventorySimSpec {
  return { demand: scenarioDemand(s), leadTime: s.leadTime, policy, horizon, warmup, customerLeadTime: { requested: CLTR, committed: CLTC }, ...extra };
}

const verdict = (e: Estimate | undefined, target: number): string => (e === undefined ? 'n/a' : e.high < target ? 'below' : e.low > target ? 'above' : 'on target');

/** 1. Service objectives 3-6 × review × variant × k in every scenario; the objective-3 model rows for the baselines. */
async function serviceTable(r: Run): Promise<{ service: Row[]; modelRows: Map<string, InventoryRow[]> }> {
  const service: Row[] = [];
  const modelRows = new Map<string, InventoryRow[]>();
  for (const sc of r.scenarios) {
    for (const review of REVIEWS) {
      for (const objective of SERVICE) {
        for (const variant of ['printed', 'corrected'] as Variant[]) {
          for (const kMethod of ['approx', 'exact'] as KMethod[]) {
            const res = solveSqlPolicy(params(r.spec, sc, objective, review, variant, kMethod));
            // common random numbers: the stream key names the scenario and review, never the policy
            const rows = await r.sim(sc, res.policy, review);
            r.tick();
            if (objective === 'no-stockout' && variant === 'corrected' && kMethod === 'exact') modelRows.set(`${sc.id}/${review}`, rows);
            service.push(serviceRow(r.spec, sc, res, rows, { review, objective, variant, kMethod }));
          }
        }
      }
    }
  }
  return { service, modelRows };
}

function serviceRow(spec: ServiceSpec, sc: SyntheticScenario, res: SqlPolicyResult, rows: InventoryRow[], c: { review: Review; objective: Objective; variant: Variant; kMethod: KMethod }): Row {
  const est = summarizeRows(rows);
  const metric = res.policy.origin!.target!.metric;
  const a = est[metric];
  return {
    scenario: sc.id,
    review: c.review,
    policy: res.policy.kind,
    objective: c.objective,
    metric,
    variant: c.variant,
    k_method: c.kMethod,
    k: res.k,
    ROP: res.ROP,
    target: spec.target,
    achieved: a?.mean,
    ci_low: a?.low,
    ci_high: a?.high,
    verdict: verdict(a, spec.target),
    fill_rate: est.fillRate?.mean,
    ready_rate: est.readyRate?.mean,
    cycle_service: est.cycleServiceLevel?.mean,
    average_on_hand: est.averageOnHand?.mean,
  };
}

/**
 * 1b. Diagnostic: continuous review in daily periods with the reorder point raised by the
 * expected undershoot E[U] ≈ E[D²]/(2·E[D]) = (SOD² + AOD²)/(2·AOD) of the daily demand D (the
 * position is reviewed once a day, so it crosses ROP by U before the order is placed).
 */
async function undershootTable(r: Run, service: Row[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const sc of r.scenarios) {
    for (const objective of ['no-stockout', 'fill-rate'] as Objective[]) {
      const res = solveSqlPolicy(params(r.spec, sc, objective, 'continuous', 'corrected', 'exact'));
      const eu = (res.SODcorrected ** 2 + res.AOD ** 2) / (2 * res.AOD);
      const est = summarizeRows(await r.sim(sc, withReorderPoint(res, res.ROP + eu), 'continuous'));
      const before = service.find((x) => x.scenario === sc.id && x.review === 'continuous' && x.objective === objective && x.variant === 'corrected' && x.k_method === 'exact')!;
      const metric = res.policy.origin!.target!.metric;
      const a = est[metric];
      out.push({ scenario: sc.id, objective, metric, expected_undershoot: eu, ROP: res.ROP, achieved: before.achieved, ROP_plus_undershoot: res.ROP + eu, achieved_with_undershoot: a?.mean, ci_low: a?.low, ci_high: a?.high, verdict: verdict(a, r.spec.target) });
    }
  }
  return out;
}

/** 2. Baselines on common random numbers (objective 3, corrected, exact), paired against the model. */
async function baselinesTable(r: Run, modelRows: Map<string, InventoryRow[]>): Promise<Row[]> {
  const out: Row[] = [];
  const ci = (x: Estimate | undefined): string => (x ? `[${fmt(x.low, 4)}, ${fmt(x.high, 4)}]` : '');
  for (const sc of r.scenarios) {
    for (const review of REVIEWS) {
      const res = solveSqlPolicy(params(r.spec, sc, 'no-stockout', review, 'corrected', 'exact'));
      const mRows = modelRows.get(`${sc.id}/${review}`)!;
      const m = summarizeRows(mRows);
      out.push({ scenario: sc.id, review, policy: 'model (objective 3)', cycle_service: m.cycleServiceLevel?.mean, fill_rate: m.fillRate?.mean, average_on_hand: m.averageOnHand?.mean, d_cycle_service: 0, d_cycle_service_ci: '', d_fill_rate: 0, d_fill_rate_ci: '', d_on_hand: 0, d_on_hand_ci: '' });
      for (const [id, policy] of baselinePolicies(res, BASELINES)) {
        const rows = await r.sim(sc, policy, review);
        r.tick();
        const e = summarizeRows(rows);
        const d = pairedDifferences(rows, mRows);
        out.push({
          scenario: sc.id,
          review,
          policy: id,
          cycle_service: e.cycleServiceLevel?.mean,
          fill_rate: e.fillRate?.mean,
          average_on_hand: e.averageOnHand?.mean,
          d_cycle_service: d.cycleServiceLevel?.mean,
          d_cycle_service_ci: ci(d.cycleServiceLevel),
          d_fill_rate: d.fillRate?.mean,
          d_fill_rate_ci: ci(d.fillRate),
          d_on_hand: d.averageOnHand?.mean,
          d_on_hand_ci: ci(d.averageOnHand),
        });
      }
    }
  }
  return out;
}

/** 3. Service-inventory frontier (fill rate against average on hand) of each policy family, continuous review. */
async function frontierTable(r: Run): Promise<Row[]> {
  const out: Row[] = [];
  for (const sc of r.scenarios.filter((s) => s.id === 'assumptions' || s.id === 'lognormal-sizes')) {
    const base = solveSqlPolicy(params(r.spec, sc, 'no-stockout', 'continuous', 'corrected', 'exact'));
    const points: [string, number, InventoryPolicy][] = [];
    for (const t of r.spec.frontierTargets) {
      points.push(['model objective 3 (PNS)', t, solveSqlPolicy({ ...params(r.spec, sc, 'no-stockout', 'continuous', 'corrected', 'exact'), target: t }).policy]);
      points.push(['model objective 6 (FRT)', t, solveSqlPolicy({ ...params(r.spec, sc, 'fill-rate', 'continuous', 'corrected', 'exact'), target: t }).policy]);
    }
    for (const d of r.spec.frontierDaysOfSupply) points.push(['days of supply', d, withReorderPoint(base, base.ADLT + d * base.AOD)]);
    for (const [family, parameter, policy] of points) {
      const e = summarizeRows(await r.sim(sc, policy, 'continuous'));
      out.push({ scenario: sc.id, family, parameter, fill_rate: e.fillRate?.mean, cycle_service: e.cycleServiceLevel?.mean, average_on_hand: e.averageOnHand?.mean, fill_rate_ci_low: finiteOr(e.fillRate?.low), fill_rate_ci_high: finiteOr(e.fillRate?.high) });
    }
  }
  return out;
}

/** The objective-1 cases of a scenario: 1A (flexible lot) under both reviews, 1B (default lot) printed and corrected. */
function costCases(spec: ServiceSpec, sc: SyntheticScenario): { name: string; result: SqlPolicyResult; costs: InventorySimSpec['costs']; review: string }[] {
  const { holding: h, backorderPerDay: b, shortagePerUnit: p } = spec.costs;
  const cases: { name: string; result: SqlPolicyResult; costs: InventorySimSpec['costs']; review: string }[] = [];
  for (const review of REVIEWS) {
    cases.push({ name: `1A flexible lot, ${review}`, review, costs: { holding: h, backorder: b }, result: solveSqlPolicy({ ...params(spec, sc, 'cost', review, 'corrected', 'exact'), lot: { rule: 'flexible' }, costs: { holding: h, shortage: b } }) });
  }
  for (const variant of ['printed', 'corrected'] as Variant[]) {
    cases.push({ name: `1B default lot (${variant})`, review: 'continuous', costs: { holding: h, shortage: p }, result: solveSqlPolicy({ ...params(spec, sc, 'cost', 'continuous', variant, 'exact'), costs: { holding: h, shortage: p } }) });
  }
  return cases;
}

/** 4. Objective 1 (cost): the model against the best reorder point / order-up-to level on common random numbers. */
async function costTable(r: Run): Promise<Row[]> {
  const out: Row[] = [];
  const { costHorizon, costReplications } = r.spec;
  for (const sc of r.scenarios) {
    for (const c of costCases(r.spec, sc)) {
      const key = `cost/${c.name.startsWith('1A') ? c.review : 'lot'}`;
      const modelRowsCost = await r.sim(sc, c.result.policy, key, costHorizon, costReplications, { costs: c.costs });
      let best = { delta: NaN, cost: Infinity, rows: modelRowsCost };
      for (const delta of r.spec.costShifts) {
        const rows = await r.sim(sc, withReorderPoint(c.result, c.result.ROP + delta * c.result.SDLT), key, costHorizon, costReplications, { costs: c.costs });
        const m = summarizeRows(rows).totalCost!.mean;
        if (m < best.cost) best = { delta, cost: m, rows };
      }
      const mc = summarizeRows(modelRowsCost);
      const d = pairedDifferences(modelRowsCost, best.rows).totalCost!;
      out.push({
        scenario: sc.id,
        case: c.name,
        PVALUE: c.result.PVALUE,
        k: c.result.k,
        model_cost: mc.totalCost!.mean,
        best_cost: best.cost,
        best_shift_in_SDLT: best.delta,
        excess_cost: d.mean,
        excess_ci_low: d.low,
        excess_ci_high: d.high,
        excess_pct: (100 * d.mean) / best.cost,
        model_cycle_service: mc.cycleServiceLevel?.mean,
      });
    }
  }
  return out;
}

/** 5. Objective 2 (season profit): Q = ROP against the best Q (the empirical critical fractile) on the same seasons. */
function profitTable(r: Run): Row[] {
  const out: Row[] = [];
  const { days, seasons, replications, ...econ } = r.spec.season;
  for (const sc of r.scenarios) {
    const demands: Float64Array[] = [];
    for (let rep = 0; rep < replications; rep++) demands.push(seasonDemands(scenarioDemand(sc), days, seasons, r.ctx.seed, `${ID}/${sc.id}/season`, rep));
    const all = new Float64Array(demands.reduce((n, d) => n + d.length, 0));
    let off = 0;
    for (const d of demands) {
      all.set(d, off);
      off += d.length;
    }
    const sorted = Float64Array.from(all).sort();
    const ratio = (econ.price - econ.unitCost) / (econ.price - econ.salvage);
    const bestQ = sorted[Math.min(sorted.length - 1, Math.ceil(ratio * sorted.length) - 1)]!;
    const bestProfit = meanSeasonProfit(bestQ, all, econ);
    for (const kMethod of ['approx', 'exact'] as KMethod[]) {
      const res = solveSqlPolicy({ ...params(r.spec, sc, 'profit', 'continuous', 'corrected', kMethod), target: undefined, seasonDuration: days, costs: econ });
      const per = recordMeanSd(demands.map((d) => meanSeasonProfit(res.ROP, d, econ) - meanSeasonProfit(bestQ, d, econ)));
      out.push({
        scenario: sc.id,
        k_method: kMethod,
        PVALUE: res.PVALUE,
        Q_model: res.ROP,
        Q_best: bestQ,
        profit_model: meanSeasonProfit(res.ROP, all, econ),
        profit_best: bestProfit,
        shortfall: -per.mean,
        shortfall_se: per.sd / Math.sqrt(demands.length),
        shortfall_pct: (-100 * per.mean) / bestProfit,
        P_no_stockout: all.filter((d) => d <= res.ROP).length / all.length,
      });
    }
  }
  return out;
}

/** Achieved against target (corrected, exact k) and the frontier. */
async function serviceFigures(spec: ServiceSpec, service: Row[], frontier: Row[]): Promise<Record<string, string>> {
  const figService = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `Achieved service against the target ${spec.target} (corrected formulas, exact k)`, subtitle: 'bars: 95 % interval; dashed: the target' },
    data: { values: service.filter((r) => r.variant === 'corrected' && r.k_method === 'exact') },
    facet: { column: { field: 'review', type: 'nominal', title: 'review' } },
    spec: {
      width: 300,
      height: 220,
      layer: [
        { mark: { type: 'rule' }, encoding: { x: { field: 'scenario', type: 'nominal', title: null, axis: { labelLimit: 0 } }, y: { field: 'ci_low', type: 'quantitative', scale: { zero: false }, title: 'achieved' }, y2: { field: 'ci_high' }, color: { field: 'objective', type: 'nominal', legend: { labelLimit: 0 } }, xOffset: { field: 'objective' } } },
        { mark: { type: 'point', filled: true }, encoding: { x: { field: 'scenario', type: 'nominal' }, y: { field: 'achieved', type: 'quantitative' }, color: { field: 'objective', type: 'nominal', legend: { labelLimit: 0 } }, xOffset: { field: 'objective' } } },
        { mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { y: { datum: spec.target } } },
        { mark: { type: 'text', align: 'left', dx: 2, dy: -6, x: 0 }, encoding: { y: { datum: spec.target }, text: { value: `target ${spec.target}` } } },
      ],
    },
  });
  const figFrontier = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Service-inventory frontier (continuous review): fill rate against average on hand', subtitle: `bars: 95 % interval of the fill rate; dashed: the target ${spec.target}` },
    data: { values: frontier },
    facet: { column: { field: 'scenario', type: 'nominal', header: { labelLimit: 0 } } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 300,
      height: 240,
      layer: [
        { mark: { type: 'rule' }, encoding: { x: { field: 'average_on_hand', type: 'quantitative' }, y: { field: 'fill_rate_ci_low', type: 'quantitative' }, y2: { field: 'fill_rate_ci_high' }, color: { field: 'family', type: 'nominal', legend: { labelLimit: 0 } } } },
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'average_on_hand', type: 'quantitative', title: 'average on hand (units)' }, y: { field: 'fill_rate', type: 'quantitative', scale: { zero: false }, title: 'fill rate' }, color: { field: 'family', type: 'nominal', legend: { labelLimit: 0 } }, order: { field: 'average_on_hand' } } },
        { mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { y: { datum: spec.target } } },
        { mark: { type: 'text', align: 'left', dx: 2, dy: -6, x: 0 }, encoding: { y: { datum: spec.target }, text: { value: `target ${spec.target}` } } },
      ],
    },
  });
  return { 'achieved-vs-target': figService, frontier: figFrontier };
}

/** The service row of one cell. */
function cell(service: Row[], sc: string, rv: string, ob: string, va: string, km: string): Row {
  return service.find((r) => r.scenario === sc && r.review === rv && r.objective === ob && r.variant === va && r.k_method === km)!;
}

/** Per objective and review: achieved under the assumptions and in the worst violation (corrected, exact). */
function perObjectiveTable(service: Row[]): Row[] {
  const out: Row[] = [];
  for (const ob of SERVICE) {
    for (const rv of REVIEWS) {
      const a = cell(service, 'assumptions', rv, ob, 'corrected', 'exact');
      const viol = service.filter((r) => r.objective === ob && r.review === rv && r.variant === 'corrected' && r.k_method === 'exact' && r.scenario !== 'assumptions');
      const worst = viol.reduce((w, r) => ((r.achieved as number) < (w.achieved as number) ? r : w));
      out.push({ objective: ob, review: rv, under_assumptions: a.achieved, assumptions_ci: ciText(a.ci_low, a.ci_high), worst_violation: worst.scenario, worst_achieved: worst.achieved, worst_ci: ciText(worst.ci_low, worst.ci_high) });
    }
  }
  return out;
}

/** The effect of one formula choice (variant or k method): x − y in the achieved metric, under the assumptions and at most. */
function effectTable(service: Row[], scenarios: SyntheticScenario[], field: 'variant' | 'k_method', x: string, y: string): Row[] {
  return SERVICE.flatMap((ob) =>
    REVIEWS.map((rv) => {
      const diffs = scenarios.map((sc) => {
        const other = field === 'variant' ? { va: x, km: 'exact' } : { va: 'corrected', km: x };
        const base = field === 'variant' ? { va: y, km: 'exact' } : { va: 'corrected', km: y };
        return (cell(service, sc.id, rv, ob, other.va, other.km).achieved as number) - (cell(service, sc.id, rv, ob, base.va, base.km).achieved as number);
      });
      return { objective: ob, review: rv, [`${x} − ${y} (assumptions)`]: diffs[0], [`largest abs(${x} − ${y}) over scenarios`]: diffs.reduce((m, d) => (Math.abs(d) > Math.abs(m) ? d : m), 0) };
    }),
  );
}

/** How the periodic base stock over-delivers on per-period measures (objective 3, corrected, exact). */
function periodicSentence(spec: ServiceSpec, service: Row[]): string {
  const rows = service.filter((r) => r.review === 'periodic' && r.objective === 'no-stockout' && r.variant === 'corrected' && r.k_method === 'exact');
  const list = rows.map((r) => `${r.scenario} ${fmt(r.achieved, 3)} / ${fmt(r.ready_rate, 3)} / ${fmt(r.fill_rate, 3)}`).join('; ');
  return `Periodic review: the paper sets the target for the worst period of the cycle, and its base stock covers the whole protection interval RLT = L + MLT. For objective 3 at ${spec.target} the cycle measure lands near the target while the per-period measures over-deliver (cycle service / ready rate / fill rate: ${list}). With costs (objective 1A below) the same design over-stocks.`;
}

/** Sentences on the cost search, computed from its rows. */
function costFindings(rows: Row[]): string {
  const range = (f: (r: Row) => boolean): string => {
    const v = rows.filter(f).map((r) => r.excess_pct as number);
    return `${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)} %`;
  };
  const edge = rows.filter((r) => String(r.case).includes('printed') && r.best_shift_in_SDLT === 3).length;
  return [
    `Case 1B as printed (PVALUE = the stock-out probability) costs ${range((r) => String(r.case).includes('printed'))} more than the best reorder point${edge ? ` (a lower bound: the best shift sits at the top of the search grid in ${edge} scenarios)` : ''}; corrected, ${range((r) => String(r.case).includes('1B') && String(r.case).includes('corrected'))}.`,
    `Case 1A under periodic review (base stock every 7 days at the one-period critical fractile over L + MLT) costs ${range((r) => String(r.case).includes('periodic'))} more than the best order-up-to level, which lies below the model's (negative best shift): the paper's conservative "worst period of the cycle" design over-stocks. Under continuous (daily) review case 1A is within ${range((r) => String(r.case).includes('continuous') && r.scenario !== 'skewed-lead-time')} except with skewed lead times, where daily orders cross and the lead-time-demand sd SDLT = sqrt(SRLT²·AOD² + SOD²·RLT) overstates the real variability (the model over-protects).`,
  ].join(' ');
}

function headlineOf(spec: ServiceSpec, service: Row[], perObjective: Row[]): string {
  const a3c = cell(service, 'assumptions', 'continuous', 'no-stockout', 'corrected', 'exact');
  const a3p = cell(service, 'assumptions', 'periodic', 'no-stockout', 'corrected', 'exact');
  const a6c = cell(service, 'assumptions', 'continuous', 'fill-rate', 'corrected', 'exact');
  const a6p = cell(service, 'assumptions', 'periodic', 'fill-rate', 'corrected', 'exact');
  const p6p = cell(service, 'assumptions', 'periodic', 'fill-rate', 'printed', 'exact');
  return (
    `Under the paper's assumptions (target ${spec.target}, corrected, exact k): no-stock-out ${fmt(a3c.achieved, 3)} (continuous sQ, daily review) / ${fmt(a3p.achieved, 3)} (periodic base stock), ` +
    `fill rate ${fmt(a6c.achieved, 3)} / ${fmt(a6p.achieved, 3)}; the printed flexible-lot fill-rate GVALUE over-delivers under periodic review (${(p6p.achieved as number).toFixed(3)}); ` +
    `worst violation: ${perObjective.filter((r) => r.objective === 'no-stockout' && r.review === 'continuous').map((r) => `${r.worst_violation} ${fmt(r.worst_achieved, 3)}`)[0]} for objective 3 (continuous).`
  );
}

/** The tables of the run, by name. */
type Tables = Record<'service' | 'undershoot' | 'per-objective' | 'variant-effect' | 'k-effect' | 'baselines' | 'frontier' | 'cost' | 'profit', Row[]>;

/** The page: the service results and the formula choices. */
function serviceMarkdown(spec: ServiceSpec, scenarios: SyntheticScenario[], t: Tables): string {
  return [
    "Katircioglu, Brown & Asghar (2007). Each objective's policy (src/models/sql-policy) is simulated in the engine (src/sim) on daily periods; the model is fed the exact moments of the simulated process.",
    `Service objectives target ${spec.target}; objective 4: requested customer lead time uniform on {1, 2, 3} days; objective 5: committed lead time ${CLTC} days. Continuous review = sQ with the default lot AOD·RLT, reviewed at the end of every day; periodic review = the paper's base stock every ${spec.reviewPeriod} days (RS, S = ROP).`,
    `Replications ${spec.replications} × ${spec.horizon} days (warm-up ${spec.warmup}) per policy; common random numbers within a scenario and review mode. CIs are 95 % Student-t over replications.`,
    '',
    '## Scenarios',
    '',
    markdownTable(scenarios.map((s) => ({ scenario: s.id, description: s.label }))),
    '',
    '## Achieved service per objective: assumptions and worst violation (corrected, exact k)',
    '',
    markdownTable(t['per-objective'], undefined, { under_assumptions: 4, worst_achieved: 4 }),
    '',
    '![achieved vs target](achieved-vs-target.svg)',
    '',
    "Objectives 4 and 5 are measured as the engine measures on-time delivery: the share of units shipped within the customer's requested (or committed) lead time. The paper's PVALUE for them is the probability that demand over RLT − CLT stays below ROP, a per-cycle quantity like objective 3's, so the per-unit share lands above it, as the fill rate lands above the cycle service level.",
    '',
    '## Which formula choices matter',
    '',
    'Printed minus corrected formulas (exact k), difference in the achieved metric:',
    '',
    markdownTable(t['variant-effect'], undefined, {}, 4),
    '',
    'Approximate minus exact k (corrected formulas):',
    '',
    markdownTable(t['k-effect'], undefined, {}, 4),
    '',
    'Reading: the printed SOD overstates the daily sd when OAR > 1 (here OAR = 4; it understates it in the low-volume scenario, OAR = 0.3), so printed policies carry more (or less) safety stock; the printed flexible-lot fill-rate GVALUE allows one day of shortage per 7-day cycle and over-delivers; the k approximation moves the service by at most a few thousandths.',
    '',
    periodicSentence(spec, t.service),
    '',
    "Continuous review in daily periods: the position is reviewed once a day, so when an order is triggered it has already dropped below ROP by the undershoot U, which the paper's continuous-review formulas ignore. Raising ROP by E[U] ≈ (SOD² + AOD²)/(2·AOD) (corrected SOD) shows how much of the shortfall this explains:",
    '',
    markdownTable(t.undershoot, undefined, { expected_undershoot: 1, ROP: 1, ROP_plus_undershoot: 1 }, 4),
    '',
    '## All results',
    '',
    markdownTable(t.service, ['scenario', 'review', 'objective', 'variant', 'k_method', 'k', 'ROP', 'achieved', 'ci_low', 'ci_high', 'verdict', 'fill_rate', 'average_on_hand'], { k: 4, ROP: 1, average_on_hand: 1 }, 4),
    '',
  ].join('\n');
}

/** The page, continued: baselines, frontier, cost and profit. */
function comparisonMarkdown(spec: ServiceSpec, t: Tables): string {
  const { holding: h, backorderPerDay: b, shortagePerUnit: p } = spec.costs;
  const s = spec.season;
  return [
    '## Baselines (objective 3, corrected, exact k), paired on common random numbers',
    '',
    'd_* = baseline − model, with the 95 % CI of the paired difference.',
    '',
    markdownTable(t.baselines, undefined, { average_on_hand: 1, d_on_hand: 1 }, 4),
    '',
    '## Service-inventory frontier',
    '',
    '![frontier](frontier.svg)',
    '',
    'For one SKU every family moves the same reorder point, so all trace one curve; the points show where each target or days-of-supply setting lands on it (objective 3 targets land far higher than the same objective 6 targets). Across many SKUs, where the families allocate stock differently, see experiment sql-policy-backtest.',
    '',
    '## Objective 1: myopic cost against the best policy of the same family',
    '',
    `Costs: HCOST ${h} per unit-day; case 1A: SCOST ${b} per unit backordered per day (PVALUE = ${b / (b + h)}); case 1B: SCOST ${p} per unit short (one-time), default lot. The search moves ROP (or S) by multiples of SDLT on common random numbers (grid ${spec.costShifts[0]} … ${spec.costShifts[spec.costShifts.length - 1]}).`,
    '',
    markdownTable(t.cost, undefined, { PVALUE: 4, k: 4, model_cost: 3, best_cost: 3, excess_cost: 4, excess_ci_low: 4, excess_ci_high: 4, excess_pct: 2 }),
    '',
    costFindings(t.cost),
    '',
    '## Objective 2: season profit against the best buy',
    '',
    `PRICE ${s.price}, COST ${s.unitCost}, SVALUE ${s.salvage}, season ${s.days} days, ${s.replications} × ${s.seasons} seasons; the best Q is the empirical critical fractile of the same season demands.`,
    '',
    markdownTable(t.profit, undefined, { PVALUE: 4, Q_model: 1, Q_best: 1, profit_model: 2, profit_best: 2, shortfall: 3, shortfall_se: 3, shortfall_pct: 2, P_no_stockout: 4 }),
  ].join('\n');
}

export const sqlPolicyService: Experiment<ServiceSpec> = {
  id: ID,
  title: 'Katircioglu, Brown & Asghar (2007) validated by simulation: achieved service per objective, under the assumptions and under violations',
  seeds: ['Katircioglu, Brown & Asghar (2007)'],
  seed: 7,
  profiles: PROFILES,
  async run(spec, ctx): Promise<ExperimentOutput> {
    const scenarios = serviceScenarios();
    const sim: Sim = (sc, policy, label, horizon = spec.horizon, reps = spec.replications, extra = {}) =>
      runReplications({ kernel: inventoryKernel, spec: simSpec(sc, policy, horizon, spec.warmup, extra), seed: ctx.seed, scenario: `${ID}/${sc.id}/${label}`, replications: reps, threads: ctx.threads, ...(ctx.pool ? { pool: ctx.pool } : {}) });
    let done = 0;
    const total = scenarios.length * (2 * SERVICE.length * 4 + 2 * BASELINES.length);
    const r: Run = { spec, ctx, scenarios, sim, tick: () => ctx.progress?.(++done, total, 'service') };
    const { service, modelRows } = await serviceTable(r);
    const undershoot = await undershootTable(r, service);
    const baselines = await baselinesTable(r, modelRows);
    const frontier = await frontierTable(r);
    const cost = await costTable(r);
    const profit = profitTable(r);
    const perObjective = perObjectiveTable(service);
    const tables: Tables = {
      service,
      undershoot,
      'per-objective': perObjective,
      'variant-effect': effectTable(service, scenarios, 'variant', 'printed', 'corrected'),
      'k-effect': effectTable(service, scenarios, 'k_method', 'approx', 'exact'),
      baselines,
      frontier,
      cost,
      profit,
    };
    // pages and CSVs print no NaN: an estimate or interval that does not exist is an empty cell
    for (const k of Object.keys(tables) as (keyof Tables)[]) tables[k] = tables[k].map((row) => Object.fromEntries(Object.entries(row).map(([c, v]) => [c, typeof v === 'number' && Number.isNaN(v) ? undefined : v])));
    return {
      headline: headlineOf(spec, service, perObjective),
      tables,
      markdown: `${serviceMarkdown(spec, scenarios, tables)}\n${comparisonMarkdown(spec, tables)}`,
      figures: await serviceFigures(spec, service, frontier),
    };
  },
};
