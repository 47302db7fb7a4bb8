/** src/core/sorted.ts: insertion and removal keep the first n entries ascending (equal values too). */
import { describe, expect, it } from 'vitest';
import { insertSorted, lowerBound, removeSorted } from '../../src/core/sorted.ts';
import { RandomStream } from '../../src/rng/stream.ts';

describe('sorted arrays in place', () => {
  it('lowerBound: the first index not below x', () => {
    const a = [1, 2, 2, 4];
    expect([0, 1, 2, 3, 4, 5].map((x) => lowerBound(a, 4, x))).toEqual([0, 0, 1, 3, 3, 4]);
  });
  it('random inserts and removals match a sorted copy (a sliding window of 7 over 200 draws with ties)', () => {
    const rng = new RandomStream([3, 'core-sorted']);
    const a = new Float64Array(7);
    const window: number[] = [];
    let n = 0;
    for (let i = 0; i < 200; i++) {
      const x = rng.int(10);
      if (n === 7) {
        removeSorted(a, n, window.shift()!);
        n--;
      }
      insertSorted(a, n, x);
      n++;
      window.push(x);
      expect(Array.from(a.subarray(0, n))).toEqual([...window].sort((p, q) => p - q));
    }
  });
});
