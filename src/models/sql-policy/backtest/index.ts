/** The sql-policy model checked by simulation (backtest on a history, baselines, synthetic scenarios, season profit). */
export * from './backtest.ts';
export * from './baselines.ts';
export * from './scenarios.ts';
export * from './newsvendor.ts';
export * from './records.ts';
export * from './waterfall.ts';
