/**
 * Parameter and result types of the sql-policy model (Katircioglu, Brown & Asghar 2007,
 * IBM J. Res. & Dev. 51(3/4)). Units: quantities in units, times in days,
 * rates per day, costs in currency. Conventions and errata: ./README.md.
 */
import type { InventoryPolicy } from '../../policy/types.ts';

/**
 * The six objectives of the paper's "Calculation of key problem parameters":
 * 1 'cost' minimise expected holding + backlog cost (myopic), 2 'profit' maximise expected
 * season profit (newsvendor), 3 'no-stockout' probability of no stock-out (PNS),
 * 4 'on-time-request' on-time shipment to the customer's requested date (OTDR),
 * 5 'on-time-commit' on-time shipment to the committed date (OTDC), 6 'fill-rate' (FRT).
 */
export type Objective = 'cost' | 'profit' | 'no-stockout' | 'on-time-request' | 'on-time-commit' | 'fill-rate';
export const OBJECTIVES: readonly Objective[] = ['cost', 'profit', 'no-stockout', 'on-time-request', 'on-time-commit', 'fill-rate'];

/** Continuous review (order any day) or periodic review every MLT days. */
export type Review = 'continuous' | 'periodic';

/** 'printed': formulas exactly as printed; 'corrected': the errata of README.md applied. */
export type Variant = 'printed' | 'corrected';

/** k by the paper's closed-form approximation or by the exact inverse. */
export type KMethod = 'approx' | 'exact';

/**
 * Step 5 lot-size rule. The base lot is 'default' (AOD·RLT), 'fixed' (QFIX), 'eoq'
 * (sqrt(2·AOD·OCOST/HCOST)) or 'flexible' (no lot: order up to ROP, the paper's base stock);
 * 'multiple' (QUNIT), 'min' (QMIN) and 'max' (QMAX) restrict every order quantity.
 */
export interface LotSpec {
  rule: 'default' | 'fixed' | 'eoq' | 'flexible';
  /** QFIX, units; required for rule 'fixed' */
  fixed?: number;
  /** QUNIT, units: every order is an integer multiple of this */
  multiple?: number;
  /** QMIN, units */
  min?: number;
  /** QMAX, units */
  max?: number;
}

/** A lead-time component: mean and standard deviation in days. */
export interface MeanSd {
  mean: number;
  sd: number;
}

/** Step 2 lead-time components (days). Absent components are zero with zero sd. */
export interface LeadTimeComponents {
  /** OPT, SOPT: order processing time */
  orderProcessing?: MeanSd;
  /** TLT, STLT: transportation time */
  transportation?: MeanSd;
  /** PLT, SPLT: manufacturing (supply) lead time */
  supply?: MeanSd;
  /** CLTR, SCLTR: customer order lead time requested by the customer (objective 4) */
  customerRequested?: MeanSd;
}

/** Demand per day given from order statistics (Step 1 inputs) or as daily statistics. */
export type DemandInput =
  | {
      /** OAR, orders per day */
      orderRate: number;
      /** AOQ, units per order */
      meanOrderSize: number;
      /** SOQ, units per order */
      sdOrderSize: number;
    }
  | {
      /** AOD, units per day */
      meanDaily: number;
      /** SOD, units per day (used as given in both variants) */
      sdDaily: number;
    };

/** Costs (currency). Which ones are needed depends on objective and lot rule. */
export interface Costs {
  /** HCOST, per unit held per day */
  holding?: number;
  /** SCOST, per unit short (case 1A: per unit backlogged per day; case 1B: per unit backlogged) */
  shortage?: number;
  /** OCOST, per replenishment order */
  order?: number;
  /** COST, purchase or manufacturing cost per unit */
  unitCost?: number;
  /** PRICE, selling price per unit */
  price?: number;
  /** SVALUE, salvage value per unit at season end (or give priceDecline) */
  salvage?: number;
  /** PDECLINE, price decline per unit over the season: SVALUE = PRICE − PDECLINE */
  priceDecline?: number;
}

/** Everything one SKU's policy needs, in summary-statistics form. */
export interface SqlPolicyParams {
  sku?: string;
  objective: Objective;
  /**
   * TSERVICE as a fraction in (0, 1): PNS, OTDR, OTDC or FRT for objectives 3-6
   * (the paper says "in percentages"; the formulas need fractions). Unused for 1 and 2.
   */
  target?: number;
  review: Review;
  /** MLT, review period in days (periodic review) */
  reviewPeriod?: number;
  demand: DemandInput;
  leadTime: LeadTimeComponents;
  /** CLTC, committed customer lead time in days (objective 5; fixed) */
  committedLeadTime?: number;
  costs?: Costs;
  /** PDURATION, season length in days (objective 2) */
  seasonDuration?: number;
  /** SPDURATION, sd of the season length in days (objective 2; undefined in the paper, default 0) */
  seasonDurationSd?: number;
  /** NDAYS, working days per year (case 1B; cancels when HCOST is per day, see README) */
  workingDaysPerYear?: number;
  lot: LotSpec;
  variant: Variant;
  kMethod: KMethod;
}

/** Every intermediate of Steps 1-7, named as in the paper. */
export interface SqlPolicyResult {
  sku: string | undefined;
  objective: Objective;
  review: Review;
  variant: Variant;
  kMethod: KMethod;
  /** Step 1 (undefined when daily statistics were given) */
  OAR: number | undefined;
  AOQ: number | undefined;
  SOQ: number | undefined;
  AOD: number;
  /** SOD used (printed or corrected) */
  SOD: number;
  SODprinted: number;
  SODcorrected: number;
  /** Step 2 lead-time means and sds (days) */
  OPT: number;
  SOPT: number;
  TLT: number;
  STLT: number;
  PLT: number;
  SPLT: number;
  CLTR: number;
  SCLTR: number;
  CLTC: number;
  MLT: number;
  /** Step 3 */
  PVALUE: number;
  /** RLT before the cases 4-5 clamp at 0 (days) */
  RLTunclamped: number;
  RLT: number;
  SRLT: number;
  /** Step 4 */
  ADLT: number;
  SDLT: number;
  /** Step 5: the nominal lot (0 for a flexible lot) and how it was formed */
  LOT: number;
  lotBase: number;
  /** Step 6 */
  GVALUE: number | undefined;
  kApprox: number;
  kExact: number;
  k: number;
  /** Step 7 */
  SS: number;
  ROP: number;
  MAX: number;
  policy: InventoryPolicy;
  /** decisions taken for this SKU (clamps, defaults) in words */
  notes: string[];
}
