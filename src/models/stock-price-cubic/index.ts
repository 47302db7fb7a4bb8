/**
 * Shah, "A Discrete Inventory Model When Sale Price varies with Stock Level": parameters, cost
 * functions (3.6 and the long-run criterion), the cubic and Viète's solution (3.8), and the
 * optimal lots under both criteria. Pure; see README.md. The simulator of the real cycle process
 * (kernel 'stock-price-cubic.cycles') is in ./sim/.
 */
export * from './meta.ts';
export * from './params.ts';
export * from './fixtures.ts';
export * from './cost.ts';
export * from './cubic.ts';
export * from './solve.ts';
