/**
 * Experiment deteriorating-dp-optimality: is the DP plan of Sabahno (2008), seed 002, really
 * optimal, and what is it worth?
 * - brute force over all 2^(N − 1) partitions against the DP (integer grid, and step 0.5);
 * - finer grids and continuous boundaries: the profit the integer grid leaves;
 * - the price that truly maximises eq. (8) against rule (9);
 * - baselines: best equal-length cycles, one price for every cycle, a single cycle;
 * - DP time against the number of boundaries.
 */
import { goldenSectionMaximize } from '../src/core/optimize.ts';
import type { Row } from '../src/io/csv-write.ts';
import { markdownTable } from '../src/io/markdown.ts';
import { renderSvg } from '../src/io/plot.ts';
import {
  bestSinglePrice,
  bruteForce,
  equalCycles,
  gridBoundaries,
  priceInterval,
  profitAtPrice,
  refineBoundaries,
  SABAHNO_EXAMPLE,
  solveCycle,
  solveDp,
  type DpResult,
  type PricingRule,
} from '../src/models/deteriorating-dp/index.ts';
import type { Experiment } from './framework.ts';

const planText = (r: { plan: { start: number; end: number }[] }) => r.plan.map((c) => `[${+c.start.toFixed(4)}, ${+c.end.toFixed(4)}]`).join(' ');
const bText = (b: readonly number[]) => b.slice(0, -1).map((x, n) => `[${+x.toFixed(4)}, ${+b[n + 1]!.toFixed(4)}]`).join(' ');

export const deterioratingDpOptimality: Experiment = {
  id: 'deteriorating-dp-optimality',
  title: 'Sabahno (2008) DP plan: brute force, finer grids, continuous boundaries, optimal prices, baselines, speed (seed 002)',
  seeds: ['002'],
  seed: 2,
  async run(ctx) {
    const p = SABAHNO_EXAMPLE;
    const full = ctx.profile === 'full';
    const pricings: PricingRule[] = ['printed', 'optimal'];

    // 1. brute force vs DP
    const bruteRows: Row[] = [];
    let bruteAgrees = true;
    for (const step of full ? [1, 0.5] : [1]) {
      for (const pricing of pricings) {
        const b = gridBoundaries(p.horizon, step);
        const dp = solveDp(p, { step, pricing });
        const bf = bruteForce(p, b, pricing);
        const same = JSON.stringify(bf.boundaries) === JSON.stringify(dp.plan.map((c) => c.start).concat([p.horizon]));
        const diff = dp.totalProfit - bf.totalProfit;
        if (!same || Math.abs(diff) > 1e-9 * Math.abs(bf.totalProfit)) bruteAgrees = false;
        bruteRows.push({ step, pricing, partitions: bf.partitions, dp_profit: dp.totalProfit, brute_force_profit: bf.totalProfit, difference: diff, dp_plan: planText(dp), brute_force_plan: bText(bf.boundaries), same_plan: same ? 'yes' : 'NO' });
      }
    }

    // 2. finer grids and continuous boundaries
    const steps = full ? [1, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01] : [1, 0.5, 0.25, 0.1];
    const gridRows: Row[] = [];
    const finest: Record<string, DpResult> = {};
    const integer: Record<string, number> = {};
    for (const pricing of pricings) {
      for (const step of steps) {
        const t0 = performance.now();
        const dp = solveDp(p, { step, pricing });
        const ms = performance.now() - t0;
        if (step === 1) integer[pricing] = dp.totalProfit;
        finest[pricing] = dp;
        gridRows.push({ pricing, step, boundaries: dp.boundaries.length, cycles_evaluated: dp.cyclesEvaluated, total_profit: dp.totalProfit, gain_over_integer_grid: dp.totalProfit - integer[pricing]!, plan: planText(dp), seconds: ms / 1000 });
      }
    }
    const continuous: Record<string, { totalProfit: number; boundaries: number[]; sweeps: number }> = {};
    for (const pricing of pricings) {
      const start = finest[pricing]!.plan.map((c) => c.start).concat([p.horizon]);
      let best = refineBoundaries(p, start, pricing);
      // also try one cycle fewer and one more, from equal spacing
      for (const n of [start.length - 2, start.length]) {
        if (n < 1) continue;
        const eq = Array.from({ length: n + 1 }, (_, m) => (m === n ? p.horizon : (m * p.horizon) / n));
        const r = refineBoundaries(p, eq, pricing);
        if (r.totalProfit > best.totalProfit) best = r;
      }
      continuous[pricing] = best;
      gridRows.push({ pricing, step: 'continuous', boundaries: best.boundaries.length, cycles_evaluated: '', total_profit: best.totalProfit, gain_over_integer_grid: best.totalProfit - integer[pricing]!, plan: bText(best.boundaries), seconds: '' });
    }

    // 3. optimal price vs rule (9), per cycle of the integer plan and per cycle length
    const priceRows: Row[] = [];
    let optimalIsMax = true;
    for (let len = 1; len <= p.horizon; len++) {
      const pr = solveCycle(p, 0, len, { pricing: 'printed' });
      const op = solveCycle(p, 0, len, { pricing: 'optimal' });
      const [lo, hi] = priceInterval(p);
      const sGolden = goldenSectionMaximize((s) => profitAtPrice(p, 0, len, s), lo + 1e-9, hi - 1e-9, 1e-10);
      if (Math.abs(sGolden - op.price) > 1e-6 * op.price || profitAtPrice(p, 0, len, sGolden) > op.profit + 1e-9 * Math.abs(op.profit)) optimalIsMax = false;
      priceRows.push({ cycle: `[0, ${len}]`, s_rule9: pr.price, W_rule9: pr.profit, s_optimal: op.price, s_golden_section: sGolden, W_optimal: op.profit, W_gain: op.profit - pr.profit, Q_rule9: pr.orderQuantity, Q_optimal: op.orderQuantity });
    }
    const dpPrinted = solveDp(p, { step: 1, pricing: 'printed' });
    const dpOptimal = solveDp(p, { step: 1, pricing: 'optimal' });

    // 4. baselines
    const eqRows = equalCycles(p, p.horizon, 'printed');
    const bestEq = eqRows.reduce((a, b) => (b.totalProfit > a.totalProfit ? b : a));
    const eqInt = eqRows.filter((r) => Number.isInteger(r.cycleLength));
    const bestEqInt = eqInt.reduce((a, b) => (b.totalProfit > a.totalProfit ? b : a));
    const eqOpt = equalCycles(p, p.horizon, 'optimal');
    const bestEqOpt = eqOpt.reduce((a, b) => (b.totalProfit > a.totalProfit ? b : a));
    const single = eqRows[0]!;
    const singleOpt = eqOpt[0]!;
    const onePrice = bestSinglePrice(p, 1);
    const dpP = dpPrinted.totalProfit;
    const dpO = dpOptimal.totalProfit;
    const baselineRows: Row[] = [
      { plan: 'DP, integer boundaries, rule (9) (the paper)', total_profit: dpP, dp_rule9_gain: 0, dp_optimal_price_gain: dpO - dpP, detail: planText(dpPrinted) },
      { plan: 'DP, integer boundaries, optimal prices', total_profit: dpO, dp_rule9_gain: dpP - dpO, dp_optimal_price_gain: 0, detail: planText(dpOptimal) },
      { plan: 'best equal cycles on the integer grid, rule (9)', total_profit: bestEqInt.totalProfit, dp_rule9_gain: dpP - bestEqInt.totalProfit, dp_optimal_price_gain: dpO - bestEqInt.totalProfit, detail: `${bestEqInt.cycles} cycles of ${bestEqInt.cycleLength}` },
      { plan: 'best equal cycles, any length H/n, rule (9)', total_profit: bestEq.totalProfit, dp_rule9_gain: dpP - bestEq.totalProfit, dp_optimal_price_gain: dpO - bestEq.totalProfit, detail: `${bestEq.cycles} cycles of ${+bestEq.cycleLength.toFixed(4)}` },
      { plan: 'best equal cycles, any length H/n, optimal prices', total_profit: bestEqOpt.totalProfit, dp_rule9_gain: dpP - bestEqOpt.totalProfit, dp_optimal_price_gain: dpO - bestEqOpt.totalProfit, detail: `${bestEqOpt.cycles} cycles of ${+bestEqOpt.cycleLength.toFixed(4)}` },
      { plan: 'one price for every cycle (best price, DP over integer boundaries)', total_profit: onePrice.totalProfit, dp_rule9_gain: dpP - onePrice.totalProfit, dp_optimal_price_gain: dpO - onePrice.totalProfit, detail: `s = ${onePrice.price.toFixed(4)}, ${bText(onePrice.boundaries)}` },
      { plan: 'single cycle [0, H], rule (9)', total_profit: single.totalProfit, dp_rule9_gain: dpP - single.totalProfit, dp_optimal_price_gain: dpO - single.totalProfit, detail: '[0, 10]' },
      { plan: 'single cycle [0, H], optimal price', total_profit: singleOpt.totalProfit, dp_rule9_gain: dpP - singleOpt.totalProfit, dp_optimal_price_gain: dpO - singleOpt.totalProfit, detail: '[0, 10]' },
    ];

    // 5. DP time against the number of boundaries (printed pricing, every cycle a fixed-point solve)
    const sizes = full ? [10, 20, 50, 100, 200, 500, 1000] : [10, 50, 100];
    const timeRows: Row[] = [];
    for (const n of sizes) {
      const step = p.horizon / n;
      const reps = n <= 100 ? 5 : 1;
      let best = Infinity;
      let dp: DpResult | null = null;
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        dp = solveDp(p, { step, pricing: 'printed' });
        best = Math.min(best, performance.now() - t0);
      }
      timeRows.push({ intervals: n, boundaries: n + 1, cycles: dp!.cyclesEvaluated, seconds: best / 1000, microseconds_per_cycle: (best * 1000) / dp!.cyclesEvaluated, total_profit: dp!.totalProfit });
    }
    const timeFig = await renderSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'Forward DP time against the number of boundaries (Sabahno 2008 example)',
      width: 420,
      height: 260,
      data: { values: timeRows.map((r) => ({ intervals: r.intervals, seconds: r.seconds })) },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'intervals', type: 'quantitative', scale: { type: 'log' }, title: 'grid intervals N (N(N + 1)/2 cycles)' },
        y: { field: 'seconds', type: 'quantitative', scale: { type: 'log' }, title: 'wall time [s]' },
      },
    });
    const gridFig = await renderSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'Total present-worth profit against the boundary grid',
      width: 420,
      height: 260,
      data: { values: gridRows.filter((r) => typeof r.step === 'number').map((r) => ({ step: r.step, profit: r.total_profit, pricing: r.pricing })) },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'step', type: 'quantitative', scale: { type: 'log' }, title: 'grid step' },
        y: { field: 'profit', type: 'quantitative', scale: { zero: false }, title: 'TP_H' },
        color: { field: 'pricing', type: 'nominal' },
      },
    });

    const cont = continuous.printed!;
    const contO = continuous.optimal!;
    const t1000 = timeRows.find((r) => r.intervals === 1000);
    const headline = `Brute force ${bruteAgrees ? 'confirms' : 'CONTRADICTS'} the DP; the integer grid leaves ${(cont.totalProfit - dpP).toFixed(2)} (continuous boundaries ${cont.totalProfit.toFixed(2)} vs 2565.45); optimal prices give ${dpO.toFixed(2)} (+${(dpO - dpP).toFixed(2)}) on the integer grid${t1000 ? `; DP with 1000 intervals in ${(t1000.seconds as number).toFixed(2)} s` : ''}.`;
    const markdown = [
      'Example of Sabahno (2008), Section IV (a = 50, b = 0.9, R = 0.1, λ = 0.05, h = 0.5, c = 8, A = 100, H = 10, P = 95, L = 0.5). "rule (9)" is the pricing rule as printed (it reproduces Table I); "optimal" is the price that maximises W of eq. (8) with j = j(s) from eq. (4) (rule (9) plus the purchase-cost term it leaves out; see the model README).',
      '',
      '## 1. Brute force over every partition',
      '',
      markdownTable(bruteRows, undefined, { difference: 12 }, 4),
      '',
      `Brute force ${bruteAgrees ? 'agrees with the DP in every case (same plan, same profit to 1e-9 relative)' : 'DISAGREES with the DP'}.`,
      '',
      '## 2. Finer grids and continuous boundaries',
      '',
      markdownTable(gridRows, undefined, { seconds: 3 }, 4),
      '',
      `Every grid finer than 1 finds four cycles of about 2.5 (finest grid, rule (9): TP ${finest.printed!.totalProfit.toFixed(4)}, ${planText(finest.printed!)}); continuous boundaries (cyclic golden-section ascent from the finest grid's plan, and from equal spacing with one cycle fewer or more) give ${cont.totalProfit.toFixed(4)} at ${bText(cont.boundaries)}: the integer grid leaves ${(cont.totalProfit - dpP).toFixed(4)} (${((100 * (cont.totalProfit - dpP)) / dpP).toFixed(3)} %). With optimal prices: continuous ${contO.totalProfit.toFixed(4)} at ${bText(contO.boundaries)}, ${(contO.totalProfit - dpO).toFixed(4)} above the integer grid. The continuous optimum is not exactly equal cycles: discounting makes later cycles slightly shorter.`,
      '',
      '![profit against grid step](profit-vs-step.svg)',
      '',
      '## 3. Rule (9) against the profit-maximising price',
      '',
      markdownTable(priceRows, undefined, {}, 4),
      '',
      `The fixed point with the purchase-cost term ${optimalIsMax ? 'agrees with a direct golden-section maximisation of W(s) (to 1e-6 relative) for every cycle length' : 'does NOT agree with direct maximisation'}. Rule (9) sets the price near a/(2b) = ${(p.demandIntercept / (2 * p.demandSlope)).toFixed(4)} as if units cost nothing; the true optimum passes part of the unit cost c = ${p.unitCost} on (about c/2 when discounting and decay are small). On the integer grid the optimal-price DP plan is ${planText(dpOptimal)} with TP ${dpO.toFixed(4)}, ${(dpO - dpP).toFixed(4)} (${((100 * (dpO - dpP)) / dpP).toFixed(2)} %) above the paper's 2565.45.`,
      '',
      '## 4. Baselines',
      '',
      markdownTable(baselineRows, undefined, {}, 4),
      '',
      `\`dp_rule9_gain\` = TP of the paper's DP plan minus the baseline; \`dp_optimal_price_gain\` = TP of the optimal-price DP plan minus the baseline. A negative gain means the baseline is better: equal cycles of 2.5 (not on the integer grid) beat the integer-grid DP, and one well-chosen price for every cycle beats rule (9) cycle by cycle, because rule (9) ignores the purchase cost. The DP with optimal prices gains only ${(dpO - onePrice.totalProfit).toFixed(4)} over one common optimal price: the optimal prices of its cycles of 2 and 3 differ by ${(dpOptimal.plan[0]!.price - dpOptimal.plan[3]!.price).toFixed(4)}, and W is flat near its maximum.`,
      '',
      '## 5. DP time against the number of boundaries',
      '',
      markdownTable(timeRows, undefined, { seconds: 4, microseconds_per_cycle: 3 }, 4),
      '',
      'Each cycle is a full solve of the price/production-end fixed point (secant iteration, 3-5 evaluations, closed-form integrals); the DP does not exploit the time-shift property W(i, k) = e^(−R·i)·W(0, k − i), so the timings hold for arbitrary boundary sets. Timings are the best of 5 runs up to 100 intervals, one run above; `npm run bench` repeats them (results/bench/deteriorating-dp.json).',
      '',
      '![DP time](dp-time.svg)',
      '',
    ].join('\n');
    return {
      headline,
      spec: { params: p, steps, sizes, bruteForceSteps: full ? [1, 0.5] : [1] },
      tables: { brute_force: bruteRows, grids: gridRows, prices: priceRows, baselines: baselineRows, dp_time: timeRows },
      figures: { 'dp-time': timeFig, 'profit-vs-step': gridFig },
      markdown,
      data: { bruteAgrees, optimalIsMax, integerPrinted: dpP, integerOptimal: dpO, continuousPrinted: cont, continuousOptimal: contO, onePrice, bestEqual: bestEq },
      checksPassed: bruteAgrees && optimalIsMax,
    };
  },
};
