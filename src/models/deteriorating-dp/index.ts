/**
 * Sabahno (2008): deteriorating item, finite production rate, price-dependent demand, inflation
 * and discounting, forward DP over unequal cycles. See ./README.md. The plan's stochastic replay
 * (kernel 'deteriorating-dp.replay') is in ./sim/replay.ts.
 */
export * from './meta.ts';
export * from './params.ts';
export * from './fixtures.ts';
export * from './formulas.ts';
export * from './cycle.ts';
export * from './dp.ts';
export * from './baselines.ts';
