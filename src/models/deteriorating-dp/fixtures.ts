/**
 * The paper's instances as named fixtures: the numerical example of Sabahno (2008), Section IV,
 * Table I ("Software output for the numerical example") as printed, 55 cycles [i, k] with j*, s*,
 * W, Imax*, Q*, RoP* (RoP printed "---" for k = H), and the optimal plan of Section IV.
 * Every column has 4 decimals except W printed in MATLAB e-notation (e.g. 1.0527e+003), whose
 * printed precision is kept in `wDecimals` (1 for e+003).
 */
import type { DeterioratingDpParams } from './params.ts';

/** The paper's numerical example (Section IV): a = 50, b = 0.9, R = 0.1, λ = 0.05, h = 0.5, c = 8, A = 100, H = 10, P = 95, Lt = 0.5. */
export const SABAHNO_EXAMPLE: Readonly<DeterioratingDpParams> = Object.freeze({
  demandIntercept: 50,
  demandSlope: 0.9,
  netDiscountRate: 0.1,
  deteriorationRate: 0.05,
  holdingCost: 0.5,
  unitCost: 8,
  orderingCost: 100,
  horizon: 10,
  productionRate: 95,
  leadTime: 0.5,
});

export interface TableIRow {
  i: number;
  k: number;
  /** j*_{i,k} */
  j: number;
  /** s*_{i,k} */
  s: number;
  /** W(i, s*, j*, k) */
  W: number;
  /** W exactly as printed */
  wText: string;
  /** decimals of W as printed */
  wDecimals: number;
  Imax: number;
  Q: number;
  /** RoP*; null where the paper prints "---" */
  RoP: number | null;
}

/** Decimals of j, s, Imax, Q, RoP as printed. */
export const TABLE_I_DECIMALS = 4;

export const TABLE_I: readonly TableIRow[] = [
  { i: 0, k: 1, j: 0.2675, s: 27.8364, W: 350.6848, wText: '350.6848', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 2, j: 0.5438, s: 27.8936, W: 734.2736, wText: '734.2736', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 1, k: 2, j: 1.2675, s: 27.8364, W: 317.3127, wText: '317.3127', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 3, j: 0.8291, s: 27.9491, W: 1052.7, wText: '1.0527e+003', wDecimals: 1, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 1, k: 3, j: 1.5438, s: 27.8936, W: 664.3982, wText: '664.3982', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 2, k: 3, j: 2.2675, s: 27.8364, W: 287.1164, wText: '287.1164', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 4, j: 1.1237, s: 28.0024, W: 1312.3, wText: '1.3123e+003', wDecimals: 1, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 1, k: 4, j: 1.8291, s: 27.9491, W: 952.511, wText: '952.5110', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 2, k: 4, j: 2.5438, s: 27.8936, W: 601.1724, wText: '601.1724', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 3, k: 4, j: 3.2675, s: 27.8364, W: 259.7937, wText: '259.7937', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 5, j: 1.4278, s: 28.0534, W: 1519.1, wText: '1.5191e+003', wDecimals: 1, Imax: 96.8060, Q: 135.6444, RoP: 12.5320 },
  { i: 1, k: 5, j: 2.1237, s: 28.0024, W: 1187.5, wText: '1.1875e+003', wDecimals: 1, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 2, k: 5, j: 2.8291, s: 27.9491, W: 861.8676, wText: '861.8676', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 3, k: 5, j: 3.5438, s: 27.8936, W: 543.9632, wText: '543.9632', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 4, k: 5, j: 4.2675, s: 27.8364, W: 235.071, wText: '235.0710', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 6, j: 1.7418, s: 28.1015, W: 1678.2, wText: '1.6782e+003', wDecimals: 1, Imax: 117.2538, Q: 165.4713, RoP: 12.5100 },
  { i: 1, k: 6, j: 2.4278, s: 28.0534, W: 1374.5, wText: '1.3745e+003', wDecimals: 1, Imax: 96.8060, Q: 135.6444, RoP: 12.5320 },
  { i: 2, k: 6, j: 3.1237, s: 28.0024, W: 1074.5, wText: '1.0745e+003', wDecimals: 1, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 3, k: 6, j: 3.8291, s: 27.9491, W: 779.85, wText: '779.8500', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 4, k: 6, j: 4.5438, s: 27.8936, W: 492.1983, wText: '492.1983', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 5, k: 6, j: 5.2675, s: 27.8364, W: 212.7011, wText: '212.7011', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 7, j: 2.0659, s: 28.1465, W: 1794.6, wText: '1.7946e+003', wDecimals: 1, Imax: 138.0444, Q: 196.2578, RoP: 12.4895 },
  { i: 1, k: 7, j: 2.7418, s: 28.1015, W: 1518.5, wText: '1.5185e+003', wDecimals: 1, Imax: 117.2538, Q: 165.4713, RoP: 12.5100 },
  { i: 2, k: 7, j: 3.4278, s: 28.0534, W: 1243.7, wText: '1.2437e+003', wDecimals: 1, Imax: 96.8060, Q: 135.6444, RoP: 12.5320 },
  { i: 3, k: 7, j: 4.1237, s: 28.0024, W: 972.2056, wText: '972.2056', wDecimals: 4, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 4, k: 7, j: 4.8291, s: 27.9491, W: 705.6375, wText: '705.6375', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 5, k: 7, j: 5.5438, s: 27.8936, W: 445.3594, wText: '445.3594', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 6, k: 7, j: 6.2675, s: 27.8364, W: 192.4599, wText: '192.4599', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 8, j: 2.4003, s: 28.1881, W: 1872.7, wText: '1.8727e+003', wDecimals: 1, Imax: 159.1675, Q: 228.0320, RoP: 12.4706 },
  { i: 1, k: 8, j: 3.0659, s: 28.1465, W: 1623.8, wText: '1.6238e+003', wDecimals: 1, Imax: 138.0444, Q: 196.2578, RoP: 12.4895 },
  { i: 2, k: 8, j: 3.7418, s: 28.1015, W: 1374.0, wText: '1.3740e+003', wDecimals: 1, Imax: 117.2538, Q: 165.4713, RoP: 12.5100 },
  { i: 3, k: 8, j: 4.4278, s: 28.0534, W: 1125.4, wText: '1.1254e+003', wDecimals: 1, Imax: 96.8060, Q: 135.6444, RoP: 12.5320 },
  { i: 4, k: 8, j: 5.1237, s: 28.0024, W: 879.688, wText: '879.6880', wDecimals: 4, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 5, k: 8, j: 5.8291, s: 27.9491, W: 638.4872, wText: '638.4872', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 6, k: 8, j: 6.5438, s: 27.8936, W: 402.9779, wText: '402.9779', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 7, k: 8, j: 7.2675, s: 27.8364, W: 174.1449, wText: '174.1449', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 9, j: 2.7455, s: 28.2258, W: 1916.5, wText: '1.9165e+003', wDecimals: 1, Imax: 180.6120, Q: 260.8229, RoP: 12.4534 },
  { i: 1, k: 9, j: 3.4003, s: 28.1881, W: 1694.5, wText: '1.6945e+003', wDecimals: 1, Imax: 159.1675, Q: 228.0320, RoP: 12.4706 },
  { i: 2, k: 9, j: 4.0659, s: 28.1465, W: 1469.3, wText: '1.4693e+003', wDecimals: 1, Imax: 138.0444, Q: 196.2578, RoP: 12.4895 },
  { i: 3, k: 9, j: 4.7418, s: 28.1015, W: 1243.2, wText: '1.2432e+003', wDecimals: 1, Imax: 117.2538, Q: 165.4713, RoP: 12.5100 },
  { i: 4, k: 9, j: 5.4278, s: 28.0534, W: 1018.3, wText: '1.0183e+003', wDecimals: 1, Imax: 96.8060, Q: 135.6444, RoP: 12.5320 },
  { i: 5, k: 9, j: 6.1237, s: 28.0024, W: 795.9746, wText: '795.9746', wDecimals: 4, Imax: 76.7101, Q: 106.7502, RoP: 12.5552 },
  { i: 6, k: 9, j: 6.8291, s: 27.9491, W: 577.7271, wText: '577.7271', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: 12.5795 },
  { i: 7, k: 9, j: 7.5438, s: 27.8936, W: 364.6295, wText: '364.6295', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: 12.6048 },
  { i: 8, k: 9, j: 8.2675, s: 27.8364, W: 157.5728, wText: '157.5728', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: 12.6309 },
  { i: 0, k: 10, j: 3.1017, s: 28.2593, W: 1929.7, wText: '1.9297e+003', wDecimals: 1, Imax: 202.3652, Q: 294.6604, RoP: null },
  { i: 1, k: 10, j: 3.7455, s: 28.2258, W: 1734.1, wText: '1.7341e+003', wDecimals: 1, Imax: 180.6120, Q: 260.8229, RoP: null },
  { i: 2, k: 10, j: 4.4003, s: 28.1881, W: 1533.2, wText: '1.5332e+003', wDecimals: 1, Imax: 159.1675, Q: 228.0320, RoP: null },
  { i: 3, k: 10, j: 5.0659, s: 28.1465, W: 1329.5, wText: '1.3295e+003', wDecimals: 1, Imax: 138.0444, Q: 196.2578, RoP: null },
  { i: 4, k: 10, j: 5.7418, s: 28.1015, W: 1124.9, wText: '1.1249e+003', wDecimals: 1, Imax: 117.2538, Q: 165.4713, RoP: null },
  { i: 5, k: 10, j: 6.4278, s: 28.0534, W: 921.3642, wText: '921.3642', wDecimals: 4, Imax: 96.8060, Q: 135.6444, RoP: null },
  { i: 6, k: 10, j: 7.1237, s: 28.0024, W: 720.2276, wText: '720.2276', wDecimals: 4, Imax: 76.7101, Q: 106.7502, RoP: null },
  { i: 7, k: 10, j: 7.8291, s: 27.9491, W: 522.7491, wText: '522.7491', wDecimals: 4, Imax: 56.9745, Q: 78.7628, RoP: null },
  { i: 8, k: 10, j: 8.5438, s: 27.8936, W: 329.9304, wText: '329.9304', wDecimals: 4, Imax: 37.6066, Q: 51.6576, RoP: null },
  { i: 9, k: 10, j: 9.2675, s: 27.8364, W: 142.5778, wText: '142.5778', wDecimals: 4, Imax: 18.6131, Q: 25.4108, RoP: null },
];

/** The optimal plan of Section IV: cycles [0,3], [3,6], [6,8], [8,10], TP_10 = 2565.4 (1 decimal). */
export const PAPER_PLAN = {
  boundaries: [0, 3, 6, 8, 10],
  totalProfit: 2565.4,
  totalProfitDecimals: 1,
  /** s*_{0,3} = s*_{3,6} = 27.9491, s*_{6,8} = s*_{8,10} = 27.8936 */
  prices: [27.9491, 27.9491, 27.8936, 27.8936],
  /** Q*_{0,3} = Q*_{3,6} = 78.7628, Q*_{6,8} = Q*_{8,10} = 51.6576 */
  quantities: [78.7628, 78.7628, 51.6576, 51.6576],
  decimals: 4,
} as const;
