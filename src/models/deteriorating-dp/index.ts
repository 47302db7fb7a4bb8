/** Sabahno (2008), seed 002: deteriorating item, price-dependent demand, DP over unequal cycles. See ./README.md. */
export * from './params.ts';
export * from './cycle.ts';
export * from './dp.ts';
export * from './baselines.ts';
export * from './table1.ts';
