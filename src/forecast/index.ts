/** Forecasters updated one period at a time, SBC classification, safety stock from forecast errors, and the data screen. */
export * from './types.ts';
export * from './spec.ts';
export * from './sbc.ts';
export * from './safety-stock.ts';
export * as screen from './screen/index.ts';
export * from './ets-core.ts';
export * from './ets-fit.ts';
export * from './ets.ts';
export * from './croston-opt.ts';
export * from './lead-time-dist.ts';
export * from './accuracy.ts';
export * from './lot-safety-stock.ts';
