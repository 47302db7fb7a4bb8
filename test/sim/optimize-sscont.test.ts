/**
 * SimOpt's SSCONT-1 on the engine (experiments/sscont.ts): the mapping of the model onto the
 * engine is checked against a direct loop written from the model's description (same demand and
 * lead-time draws, so the costs agree to rounding), and the experiment's quick profile runs.
 */
import { describe, expect, it } from 'vitest';
import { createDemandSampler } from '../../src/dist/demand.ts';
import { createLeadTimeSampler } from '../../src/dist/lead-time.ts';
import { processStream, runInventoryReplication } from '../../src/sim/inventory.ts';
import { candidateSimSpec } from '../../src/sim/optimize-policy.ts';
import { sscont, sscontProblem, SSCONT_DEFAULT_MODEL, type SscontModel } from '../../experiments/sscont.ts';
import { expectClose } from '../helpers/close.ts';

/**
 * The SSCONT model as described (order of events per day: receive, demand, position, order when
 * the position is below s; an order with lead time l placed on day n arrives at the start of day
 * n + l + 1): total cost per measured day, written independently of the engine.
 */
function sscontDirect(m: SscontModel, s: number, S: number, demand: () => number, lead: () => number): number {
  const periods = m.warmup + m.days;
  const arriving = new Float64Array(periods + 200);
  let [net, onOrder, cost] = [s, 0, 0];
  for (let day = 0; day < periods; day++) {
    [net, onOrder] = [net + arriving[day]!, onOrder - arriving[day]!];
    const start = net;
    const d = demand();
    net -= d;
    const short = start <= 0 ? d : Math.max(0, d - start);
    const position = net + onOrder;
    let ordered = 0;
    if (position < s) {
      ordered = S - position;
      arriving[day + 1 + lead()]! += ordered;
      onOrder += ordered;
    }
    if (day >= m.warmup) cost += m.holdingCost * Math.max(0, net) + m.backorderCost * short + (ordered > 0 ? m.fixedCost : 0) + m.variableCost * ordered;
  }
  return cost / m.days;
}

describe('SSCONT-1 on the engine', () => {
  it('the engine run equals the model written out directly, replication by replication', () => {
    const problem = sscontProblem(SSCONT_DEFAULT_MODEL, { replications: 1, sMax: 2000, gapMax: 1000, gapStep: 1 });
    for (const [s, S] of [[600, 1200], [1000, 2000], [450, 520]] as const) {
      for (let r = 0; r < 5; r++) {
        const ctx = { seed: 3, scenario: 'sscont-direct', replication: r };
        const spec = candidateSimSpec(problem, s, S);
        const engine = runInventoryReplication(spec, ctx).totalCost;
        const d = createDemandSampler(spec.demand, processStream(ctx, 'demand'));
        const l = createLeadTimeSampler(spec.leadTime, processStream(ctx, 'leadTime'));
        const direct = sscontDirect(SSCONT_DEFAULT_MODEL, s, S, () => d.next(), () => l.next());
        expectClose(engine, direct, 1e-9 * direct, `(s, S) = (${s}, ${S}), replication ${r}: cost per period`);
      }
    }
  });
  it('quick profile: the searches improve on the initial solution, out of sample', async () => {
    const out = await sscont.run(sscont.profiles.quick, { profile: 'quick', seed: sscont.seed, threads: 1 });
    const ev = out.tables.evaluation!;
    expect(ev.length).toBe(sscont.profiles.quick.searches + sscont.profiles.quick.references.length);
    for (const row of ev.slice(0, sscont.profiles.quick.searches)) expect(row.minus_initial_high as number).toBeLessThan(0);
    expect(out.figures!.landscape).toContain('<svg');
    console.info(out.headline);
  });
});
