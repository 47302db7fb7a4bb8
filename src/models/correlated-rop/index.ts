/**
 * Model `correlated-rop`: reorder point of a continuous-review system when lead time and daily
 * demand are correlated (Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015, after Wang, Zinn &
 * Croxton 2010). The public API; README.md writes out the reconstructed equations and errata.
 */
export * from './meta.ts';
export * from './formulas.ts';
export * from './correlation.ts';
export * from './distributions.ts';
export * from './kolmogorov-smirnov.ts';
export * from './fixtures.ts';
export * from './solve.ts';
export * from './sim/bivariate-normal.ts';
export * from './sim/gaussian-copula.ts';
export * from './sim/undershoot.ts';
export * from './sim/engine-sources.ts';
export * from './sim/kernels.ts';
