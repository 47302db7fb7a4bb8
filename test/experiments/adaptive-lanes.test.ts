/** mapInLanes (experiments/lib/adaptive-lanes.ts): results in item order, never more than `lanes` calls in flight. */
import { describe, expect, it } from 'vitest';
import { lanesFor, mapInLanes } from '../../experiments/lib/adaptive-lanes.ts';

describe('mapInLanes', () => {
  it('keeps the item order whatever order the calls end in, with at most `lanes` in flight', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    let inFlight = 0, most = 0;
    const out = await mapInLanes(items, 4, async (x, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (x * 7) % 5)); // calls end out of order
      inFlight--;
      return `${i}:${x * x}`;
    });
    expect(out).toEqual(items.map((x) => `${x}:${x * x}`));
    expect(most).toBe(4);
  });
  it('handles no items and more lanes than items; rejects with the first failure', async () => {
    expect(await mapInLanes([], 4, async () => 1)).toEqual([]);
    expect(await mapInLanes([1, 2], 8, async (x) => x + 1)).toEqual([2, 3]);
    await expect(mapInLanes([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error('item 2')) : x))).rejects.toThrow('item 2');
    expect(lanesFor(1)).toBe(2);
    expect(lanesFor(2)).toBe(4);
  });
});
