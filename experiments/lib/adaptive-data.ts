/**
 * The real history of the adaptive-policy experiments, cut at each split: per SKU the training
 * window's daily demand (calendar days, from the first day of the history to the split), the
 * replay window's (from the split to the end), the order-line sums the static policy is trained
 * on, and the SKU's SBC class (Syntetos, Boylan & Croston 2005) on the training window's trading
 * days (known at the split: no look-ahead). Lead times: the SCMS purchase-order records rescaled
 * to a mean of `leadTimeMean` days keeping their shape, drawn i.i.d. (as the sql-policy backtest).
 */
import { isoDayNumber } from '../../src/io/common-csv.ts';
import { POOLED_KEY, readLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { readOrdersCsv, type OrderLines } from '../../src/io/orders-csv.ts';
import { sharedDataDir } from '../../src/io/shared-data.ts';
import { demandPattern, splitHistory } from '../../src/models/sql-policy/backtest/backtest.ts';
import { recordMeanSd, rescaleRecords } from '../../src/models/sql-policy/backtest/records.ts';
import type { LeadTimeSpec } from '../../src/dist/lead-time.ts';
import type { TrainingStats } from './adaptive-families.ts';

export interface SkuWindow {
  sku: string;
  /** SBC class of the training window */
  group: string;
  train: number[];
  test: number[];
  stats: TrainingStats;
  /** mean daily demand of the replay window */
  dailyMean: number;
}

export interface SplitData {
  id: string;
  split: string;
  trainDays: number;
  testDays: number;
  skus: SkuWindow[];
  /** SKUs left out: fewer than 2 order lines in training (no static policy), or no demand in the replay window */
  noPolicy: number;
  noDemand: number;
}

export interface RealData {
  orders: OrderLines;
  splits: SplitData[];
  leadTime: { sim: LeadTimeSpec; mean: number; sd: number; count: number };
}

/** Trading days (days with any order line) of [from, to) as flags. */
function tradingFlags(o: OrderLines, from: number, to: number): boolean[] {
  const f = new Array<boolean>(to - from).fill(false);
  for (const d of o.tradingDayList) if (d >= from && d < to) f[d - from] = true;
  return f;
}

function splitData(o: OrderLines, split: string, skuEvery: number, leadTime: TrainingStats['leadTime']): SplitData {
  const cut = isoDayNumber(split);
  if (!(cut > o.minDay && cut <= o.maxDay)) throw new RangeError(`split ${split} must fall inside the history`);
  const end = o.maxDay + 1;
  const train = splitHistory(o, o.minDay, cut);
  const test = splitHistory(o, cut, end);
  const trading = tradingFlags(o, o.minDay, cut);
  const skus: SkuWindow[] = [];
  let noPolicy = 0;
  let noDemand = 0;
  o.skus.forEach((sku, i) => {
    if (i % skuEvery !== 0) return;
    const t = Array.from(test.daily[i]!);
    const total = t.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return void noDemand++;
    if (train.n[i]! < 2) return void noPolicy++;
    const stats: TrainingStats = { sku, n: train.n[i]!, sum: train.sum[i]!, sumSquares: train.sumSquares[i]!, days: cut - o.minDay, leadTime };
    skus.push({ sku, group: demandPattern(train.daily[i]!, trading).pattern, train: Array.from(train.daily[i]!), test: t, stats, dailyMean: total / t.length });
  });
  return { id: `split-${split}`, split, trainDays: cut - o.minDay, testDays: end - cut, skus, noPolicy, noDemand };
}

/** Orders, lead-time records and the SKU windows of every split. */
export function loadRealData(splits: readonly string[], leadTimeMean: number, skuEvery: number): RealData {
  const dir = sharedDataDir();
  const orders = readOrdersCsv(`${dir}/order_transactions.csv`);
  const t = readLeadTimesCsv(`${dir}/lead_times.csv`, { dedupe: 'order_id' });
  const c = t.groups.get(POOLED_KEY)!.components.supply!;
  const records = rescaleRecords(t.groups.get(POOLED_KEY)!.samples.supply!, leadTimeMean, c.mean);
  const m = recordMeanSd(records);
  const model = { supply: { mean: m.mean, sd: m.sd } };
  return {
    orders,
    splits: splits.map((s) => splitData(orders, s, skuEvery, model)),
    leadTime: { sim: { kind: 'replay', records, mode: 'resample' }, mean: m.mean, sd: m.sd, count: records.length },
  };
}
