/**
 * Registers every model's CLI entry (one import each; each file pushes its entry into
 * `models` of ../model-registry.ts).
 */
import './sql-policy.ts';
import './deteriorating-dp.ts';
import './correlated-rop.ts';
import './stock-price-cubic.ts';

export {};
