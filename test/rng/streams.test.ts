import { describe, expect, it } from 'vitest';
import { hashKey, RandomStream } from '../../src/rng/stream.ts';
import { U32Block } from '../../src/rng/block.ts';

function firstWords(parts: (string | number)[], n = 4, generator: 'xoshiro128**' | 'xor4096' = 'xoshiro128**'): string {
  const r = new RandomStream(parts, generator);
  return Array.from({ length: n }, () => r.nextU32()).join(',');
}

describe('stream keys (issue 3 §4: seedrandom pitfalls must not occur)', () => {
  // seedrandom's ARC4 gives the same stream for '1', '11', '111'; its xorshift7 ignores string
  // seeds shorter than 8 characters. Our keys are hashed (SHA-256 of the JSON of the parts).
  const keys: (string | number)[][] = [
    ['1'],
    ['11'],
    ['111'],
    [1],
    [11],
    ['a'],
    ['b'],
    ['ab'],
    [''],
    ['1', '1'],
    ['11', ''],
    [1, 1],
    [11, 0],
    [1, 'demand'],
    [1, 'leadTime'],
    [1, 's', 0, 'demand'],
    [1, 's', 1, 'demand'],
    [1, 's', 10, 'demand'],
    [1, 's1', 0, 'demand'],
    [1, 's', '0', 'demand'],
  ];
  it('gives a distinct stream to every distinct key, with both generators', () => {
    for (const g of ['xoshiro128**', 'xor4096'] as const) {
      const seen = new Map<string, string>();
      for (const k of keys) {
        const w = firstWords(k, 4, g);
        expect(seen.get(w), `${g}: key ${JSON.stringify(k)} collides with ${seen.get(w)}`).toBeUndefined();
        seen.set(w, JSON.stringify(k));
      }
    }
  });
  it('gives the same stream for the same key (reproducibility)', () => {
    expect(firstWords([7, 'x', 3, 'demand'], 16)).toBe(firstWords([7, 'x', 3, 'demand'], 16));
    expect(Array.from(hashKey(['1']))).toEqual(Array.from(hashKey(['1'])));
  });
  it('has no all-zero state and rejects non-finite key parts', () => {
    expect(() => new RandomStream([NaN])).toThrow(/finite/);
    expect(Array.from(hashKey([0])).some((w) => w !== 0)).toBe(true);
  });
  it('fillU32 and U32Block reproduce nextU32 exactly', () => {
    const a = new RandomStream([3, 'block']);
    const b = new RandomStream([3, 'block']);
    const buf = new Uint32Array(10_000);
    a.fillU32(buf, 0, 5000);
    a.fillU32(buf, 5000);
    for (let i = 0; i < buf.length; i++) if (buf[i] !== b.nextU32()) expect.fail(`word ${i} differs`);
    const c = new U32Block(new RandomStream([3, 'block']));
    const d = new RandomStream([3, 'block']);
    for (let i = 0; i < 9000; i++) if (c.next() !== d.nextU32()) expect.fail(`block word ${i} differs`);
  });
  it('uniform draws have the moments of U(0, 1) within 4 standard errors', () => {
    const r = new RandomStream([1, 'uniform']);
    const n = 200_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += r.uniform();
    const se = Math.sqrt(1 / 12 / n); // Var U(0,1) = 1/12
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4 * se);
  });
});
