/**
 * Input checks for the correlated reorder-point model (seed 004). Every check throws a
 * RangeError (bad value) or TypeError (wrong type) whose message names the parameter and the
 * rule it broke, so the CLI can print it as is.
 */

/** A finite number, or a TypeError naming the field. */
export function requireNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

/** value > 0. */
export function requirePositive(value: unknown, name: string): number {
  const v = requireNumber(value, name);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  return v;
}

/** value ≥ 0. */
export function requireNonNegative(value: unknown, name: string): number {
  const v = requireNumber(value, name);
  if (!(v >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${v}`);
  return v;
}

/** A correlation coefficient: −1 ≤ ρ ≤ 1. */
export function requireCorrelation(value: unknown, name: string): number {
  const v = requireNumber(value, name);
  if (!(v >= -1 && v <= 1)) throw new RangeError(`${name} must lie in [−1, 1] (a correlation coefficient), got ${v}`);
  return v;
}

/** A probability strictly inside (0, 1): a service level P(z) of 0 or 1 has no finite Z. */
export function requireOpenProbability(value: unknown, name: string): number {
  const v = requireNumber(value, name);
  if (!(v > 0 && v < 1)) throw new RangeError(`${name} must lie strictly between 0 and 1 (a service level; 0 and 1 have no finite normal quantile), got ${v}`);
  return v;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}
