/** Ascending arrays kept sorted in place (sliding windows of errors, running samples). Pure. */

/** Index of the first of the ascending a[0..n−1] that is not below x (binary search). */
export function lowerBound(a: ArrayLike<number>, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert x into the ascending first n entries of a (room for one more). */
export function insertSorted(a: Float64Array, n: number, x: number): void {
  const i = lowerBound(a, n, x);
  a.copyWithin(i + 1, i, n);
  a[i] = x;
}

/** Remove one entry equal to x from the ascending first n entries of a (x must be among them). */
export function removeSorted(a: Float64Array, n: number, x: number): void {
  const i = lowerBound(a, n, x);
  a.copyWithin(i, i + 1, n);
}
