/**
 * The copula joint process as a ProcessSources of the shared engine (src/sim/engine.ts), so a
 * running inventory system can be simulated with lead times correlated with the demand during
 * them (seed 004, Izar Landeta et al. 2015; marginals of Tables 1–2 or empirical).
 *
 * The engine asks for one demand per period, d(t), and one lead time per order placed at the
 * end of period t, L(t); an order with whole lead time L covers the demand of periods
 * t + 1 … t + L and arrives in time for period t + L + 1 (engine period convention). Here:
 *  - leadTime(t) draws the order's latent Z0 and L = F_L⁻¹(Φ(Z0)) and remembers the window
 *    [t + 1, t + L] with Z0;
 *  - demand(t) draws d given the latent of the most recent order whose window covers t
 *    (Zt = r·Z0 + sqrt(1 − r²)·ε), or from the marginal when no window covers t.
 * So every order's lead-time demand has exactly the cycle law of the copula process. With one
 * order outstanding at a time (Q larger than the demand over a lead time, as in every cell we
 * run) windows never overlap; if they do, the newest order's latent governs.
 *
 * Streams: latents from [seed, scenario, replication, 'leadTime'], daily noise from
 * [seed, scenario, replication, 'demand'], one normal per period whatever the policy does, so
 * two policies on the same key share the demand noise and the i-th order's latent (common
 * random numbers, as the engine's own sources do).
 */
import type { ReplicationContext } from '../replication.ts';
import { RandomStream } from '../../rng/stream.ts';
import { simulateInventory, type EngineSettings, type ProcessSources } from '../engine.ts';
import type { InventoryPolicy } from '../policy.ts';
import { prepareCopula, sampleCopulaDailyDemand, sampleCopulaLeadTime, type GaussianCopulaSpec, type PreparedCopula } from './gaussian-copula.ts';

export class CopulaJointSources implements ProcessSources {
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  private readonly latent: number[] = [];

  constructor(
    private readonly process: PreparedCopula,
    private readonly demandStream: RandomStream,
    private readonly leadTimeStream: RandomStream,
  ) {}

  demand(t: number): number {
    // forget windows that ended before t (they are in order of placement)
    while (this.last.length > 0 && this.last[0]! < t) {
      this.first.shift();
      this.last.shift();
      this.latent.shift();
    }
    let z: number | null = null;
    for (let i = this.last.length - 1; i >= 0; i--) {
      if (this.first[i]! <= t && t <= this.last[i]!) {
        z = this.latent[i]!;
        break;
      }
    }
    return sampleCopulaDailyDemand(this.process, z, this.demandStream);
  }

  leadTime(t: number): number {
    const { latent, leadTime } = sampleCopulaLeadTime(this.process, this.leadTimeStream);
    this.first.push(t + 1);
    this.last.push(t + leadTime);
    this.latent.push(latent);
    return leadTime;
  }
}

/** Spec of the engine kernel 'correlated-rop.engine-sq'. */
export interface EngineJointSpec {
  process: GaussianCopulaSpec;
  policy: InventoryPolicy;
  /** measured periods (days) */
  horizon: number;
  /** unmeasured warm-up periods */
  warmup: number;
}

/** One replication of the shared engine with the copula joint process; returns the engine's row (metrics defined in src/sim/README.md). */
export function engineJointKernel(specIn: unknown, ctx: ReplicationContext): Record<string, number> {
  const spec = specIn as EngineJointSpec;
  const sources = new CopulaJointSources(
    prepareCopula(spec.process),
    new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'demand']),
    new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'leadTime']),
  );
  const settings: EngineSettings = { horizon: spec.horizon, warmup: spec.warmup };
  return simulateInventory(spec.policy, settings, sources);
}
