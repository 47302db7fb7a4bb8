/**
 * The solver of the correlated-rop model: validate the inputs, take the service level as given
 * or from the costs of eq. (3), and compute both reorder points (eqs. 1–2, 4 and 5–7) with the
 * paper's advice and the minimum over ρ (Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015).
 */
import {
  correlatedReorderPoint,
  costOdds,
  exactMinimum,
  paperAdvice,
  percentDifference,
  serviceLevelFromCosts,
  traditionalReorderPoint,
  validateMoments,
  type CurvePoint,
  type DemandLeadTimeMoments,
  type ReorderPoint,
  type ServiceCosts,
} from './formulas.ts';
import { dailyCorrelationFromCycleAverage } from './correlation.ts';
import { checkNumberShort } from '../../core/validate.ts';

/** Inputs of a solve: the four moments, ρ, and either a service level or the costs of eq. (3). */
export interface CorrelatedRopInput extends DemandLeadTimeMoments {
  /** ρ [−1, 1]; by default the correlation of lead time with DAILY demand */
  correlation: number;
  /** 'daily' (default; what eqs. 6–7 need) or 'cycleAverage' (lead time vs the average daily demand of each cycle, as in the paper's Table 3; converted with meanReciprocalLeadTime) */
  correlationKind?: 'daily' | 'cycleAverage';
  /** E[1/L] [1/days], needed when correlationKind = 'cycleAverage' */
  meanReciprocalLeadTime?: number;
  /** P(z): target probability of no stock-out per cycle, 0 < P < 1 (give this or costs) */
  serviceLevel?: number;
  /** costs of eq. (3) (give this or serviceLevel) */
  costs?: ServiceCosts;
}

/** Everything a solve returns. */
export interface CorrelatedRopResult {
  input: DemandLeadTimeMoments;
  /** how the service level was obtained */
  serviceLevelSource: 'given' | 'costs (eq. 3)';
  serviceLevel: number;
  /** cost odds o = Cf·D/(Cm·Q) when costs were given */
  costOdds?: number;
  /** the ρ as given and the daily ρ used in eqs. (6)–(7) */
  correlationGiven: number;
  correlationKind: 'daily' | 'cycleAverage';
  dailyCorrelation: number;
  traditional: ReorderPoint;
  correlated: ReorderPoint;
  /** 100·(PR traditional − PR correlated)/PR correlated (the paper's percentage) */
  percentDifference: number;
  /** which formula the paper's advice picks (|ρ| ≥ 0.5 → correlated) */
  paperAdvice: 'correlated' | 'traditional';
  /** the smallest reorder point over ρ ∈ [−1, 1] at this service level, and where */
  minimumOverCorrelation: CurvePoint;
}

/** Solve one item: validate, service level (given or eq. 3), both reorder points. */
export function solveCorrelatedRop(input: CorrelatedRopInput): CorrelatedRopResult {
  if (input === null || typeof input !== 'object') throw new TypeError('parameters must be a JSON object');
  const moments = validateMoments(input);
  const kind = input.correlationKind ?? 'daily';
  if (kind !== 'daily' && kind !== 'cycleAverage') throw new RangeError(`correlationKind must be 'daily' or 'cycleAverage', got '${String(kind)}'`);
  const given = checkNumberShort(input.correlation, 'correlation (ρ)', 'correlation');
  let daily = given;
  if (kind === 'cycleAverage') {
    if (input.meanReciprocalLeadTime === undefined) throw new RangeError("meanReciprocalLeadTime (E[1/L], 1/days) is required when correlationKind is 'cycleAverage'");
    daily = dailyCorrelationFromCycleAverage(given, input.meanReciprocalLeadTime);
  }
  const hasP = input.serviceLevel !== undefined;
  const hasCosts = input.costs !== undefined;
  if (hasP && hasCosts) throw new RangeError('give either serviceLevel or costs, not both');
  if (!hasP && !hasCosts) throw new RangeError('give serviceLevel (P(z), 0 < P < 1) or costs {shortageCost, holdingCost, annualDemand, orderQuantity} for eq. (3)');
  const serviceLevel = hasP ? checkNumberShort(input.serviceLevel, 'serviceLevel (P(z))', 'openProbability', 'a service level; 0 and 1 have no finite normal quantile') : serviceLevelFromCosts(input.costs!);
  if (!(serviceLevel < 1)) throw new RangeError(`the service level from costs rounds to 1 (cost odds ${costOdds(input.costs!)}), which has no finite reorder point`);
  const traditional = traditionalReorderPoint(moments, serviceLevel);
  const correlated = correlatedReorderPoint(moments, daily, serviceLevel);
  return {
    input: moments,
    serviceLevelSource: hasP ? 'given' : 'costs (eq. 3)',
    serviceLevel,
    ...(hasCosts ? { costOdds: costOdds(input.costs!) } : {}),
    correlationGiven: given,
    correlationKind: kind,
    dailyCorrelation: daily,
    traditional,
    correlated,
    percentDifference: percentDifference(traditional.reorderPoint, correlated.reorderPoint),
    paperAdvice: paperAdvice(daily),
    minimumOverCorrelation: exactMinimum(moments, serviceLevel),
  };
}
