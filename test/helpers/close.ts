/**
 * The one comparison helper for numeric tests: fails with actual, expected, difference and
 * tolerance, and where the expected value comes from.
 */
import { expect } from 'vitest';

/** |actual − expected| ≤ tol (absolute). `source` says where the expected value comes from. */
export function expectClose(actual: number, expected: number, tol: number, source = ''): void {
  const diff = actual - expected;
  const ok = Math.abs(diff) <= tol || (actual === expected);
  if (!ok) {
    expect.fail(`${source ? `${source}: ` : ''}actual ${actual}, expected ${expected}, difference ${diff}, tolerance ${tol}`);
  }
}

/** |actual − expected| ≤ relTol·|expected|. */
export function expectRelClose(actual: number, expected: number, relTol: number, source = ''): void {
  expectClose(actual, expected, relTol * Math.abs(expected), source);
}

/**
 * A printed value matches within its rounding: the paper printed `printed` with `decimals`
 * decimals, so the true value lies within half a unit of the last digit (plus slack).
 */
export function expectMatchesPrinted(actual: number, printed: number, decimals: number, source = ''): void {
  expectClose(actual, printed, 0.5 * 10 ** -decimals * (1 + 1e-9), source);
}

/** A simulated mean is within z standard errors of the exact value. */
export function expectWithinSe(mean: number, se: number, exact: number, z = 4, source = ''): void {
  expectClose(mean, exact, z * se, `${source} (${z} standard errors, se = ${se})`);
}
