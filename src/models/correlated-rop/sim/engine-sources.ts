/**
 * The copula joint process as a ProcessSources of the shared engine (src/sim/engine.ts), so a
 * running inventory system can be simulated with lead times correlated with the demand during
 * them (Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015; marginals of Tables 1–2 or
 * empirical).
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
import type { ReplicationContext } from '../../../sim/kernel.ts';
import { RandomStream } from '../../../rng/stream.ts';
import { simulateWithRule, validateSettings, type EngineSettings, type InventoryRow, type ProcessSources } from '../../../sim/engine.ts';
import { checkObject } from '../../../core/validate.ts';
import { naturalTop, orderingRule } from '../../../policy/rules.ts';
import type { InventoryPolicy } from '../../../policy/types.ts';
import { validatePolicy } from '../../../policy/validate.ts';
import { prepareValidatedCopula, sampleCopulaDailyDemand, sampleCopulaLeadTime, validateCopula, type GaussianCopulaSpec, type PreparedCopula } from './gaussian-copula.ts';

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

/** Spec of the engine kernel 'correlated-rop.engine-sq' (kernels.ts). */
export interface EngineJointSpec {
  process: GaussianCopulaSpec;
  policy: InventoryPolicy;
  /** measured periods (days) */
  horizon: number;
  /** unmeasured warm-up periods */
  warmup: number;
}

/** Check an engine-joint spec (the kernel's validator); returns it unchanged. */
export function validateEngineJointSpec(specIn: unknown): EngineJointSpec {
  const spec = checkObject(specIn, 'spec');
  const process = checkObject(spec.process, 'process');
  if (process.kind !== 'gaussianCopula') throw new RangeError(`process.kind must be 'gaussianCopula', got '${String(process.kind)}'`);
  validateCopula(process as unknown as GaussianCopulaSpec);
  validatePolicy(spec.policy as InventoryPolicy);
  validateSettings({ horizon: spec.horizon as number, warmup: spec.warmup as number });
  return spec as unknown as EngineJointSpec;
}

/**
 * One replication of the shared engine with the copula joint process (spec already validated);
 * returns the engine's row (metrics defined in the simulator's README). Streams 'demand' and
 * 'leadTime' under (seed, scenario, replication).
 */
export function runEngineJoint(spec: EngineJointSpec, ctx: ReplicationContext): InventoryRow {
  const sources = new CopulaJointSources(
    prepareValidatedCopula(spec.process),
    new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'demand']),
    new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'leadTime']),
  );
  const settings: EngineSettings = { horizon: spec.horizon, warmup: spec.warmup };
  return simulateWithRule(orderingRule(spec.policy), naturalTop(spec.policy), settings, sources);
}
