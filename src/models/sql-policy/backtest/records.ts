/**
 * Lead-time records for a replay: their moments, which the model takes as Step 2's PLT and SPLT,
 * and a rescaling that moves their mean (records from another organisation, e.g. purchase orders
 * with months-long lead times, against a history of a few months) while keeping their shape. Pure.
 */
import { plainMean } from './backtest.ts';

/** Mean and sample sd (two passes, summed left to right) of K ≥ 2 values, e.g. lead-time records (days). */
export function recordMeanSd(records: readonly number[] | Float64Array): { mean: number; sd: number } {
  const mean = plainMean(records);
  let ss = 0;
  for (let i = 0; i < records.length; i++) ss += (records[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (records.length - 1)) };
}

/** Records rescaled from mean `currentMean` to mean `targetMean` (days), rounded to whole days. */
export function rescaleRecords(records: readonly number[], targetMean: number, currentMean = plainMean(records)): number[] {
  return records.map((x) => Math.round((x * targetMean) / currentMean));
}
