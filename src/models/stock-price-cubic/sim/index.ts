/** Cycle-process simulator of Shah's model (kernel 'stock-price-cubic.cycles'): see ./cycles.ts. */
export * from './cycles.ts';
