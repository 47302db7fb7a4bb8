/**
 * The generic `invlab solve` adapter on a model it has never seen: a toy ModelSolver (meta with
 * option docs, a solve, a result view as data) becomes a CLI entry with no CLI code; the result
 * view's formats, conditions, tables and re-rooted groups render as documented in src/models/meta.ts.
 */
import { describe, expect, it } from 'vitest';
import { solverEntry } from '../../src/cli/models/generic.ts';
import { applyOptions } from '../../src/cli/models/options.ts';
import { renderResult } from '../../src/cli/models/render.ts';
import type { ModelSolver, ResultView, SolveOptionDoc } from '../../src/models/meta.ts';

const options: readonly SolveOptionDoc[] = [
  { name: 'scale', arg: 'x', type: 'positive', mustBe: 'a number > 0', default: '2', description: 'multiplier' },
  { name: 'mode', arg: 'm', type: 'choice', choices: ['a', 'b'], param: 'mode', default: 'a', description: 'mode' },
  { name: 'count', arg: 'n', type: 'int1', mustBe: 'an integer ≥ 1', description: 'count', excludes: { keys: ['count'], what: 'the count' } },
];

const toy: ModelSolver = {
  meta: { id: 'toy', title: 'Toy', authors: 'Nobody', year: null, citation: 'none', params: [{ name: 'x', symbol: 'x', unit: '—', description: 'x' }], solveOptions: options },
  exampleParams: { x: 1.5 },
  needsParams: 'toy needs --params',
  solve: (params, settings) => {
    const p = params as { x: number; mode: string };
    return { y: p.x * (settings.scale as number), mode: p.mode, notes: ['one', 'two'], rows: [{ k: 1, v: 0.123456 }, { k: 2, v: null }], share: 0.12345, inner: { z: 3.14159 } };
  },
  view: [
    { line: ['y = {y:fmt2} ({mode}, scale {@scale})', { text: ' [b]', when: { equals: 'mode', value: 'b' } }] },
    { table: { each: 'rows', columns: { k: 'k', v: { cases: [{ when: { equals: 'v', value: null }, cell: { literal: '—' } }], otherwise: 'v' } }, defaultDecimals: 3 } },
    { eachLine: 'notes', line: 'note: {.}' },
    { line: 'share {share:percent1} %, z {inner.z:fixed2} / {inner.z:trim3}', when: { defined: 'inner' } },
    { line: 'never', when: { defined: 'missing' } },
    { blocks: [{ line: 'z = {z:fmt}' }], at: 'inner', when: { not: { greaterThan: 'y', value: 100 } } },
  ],
};

describe('generic solve adapter on a new model', () => {
  it('options, defaults and rendering come from the model data alone', async () => {
    const entry = solverEntry(toy);
    expect(entry.options.map((o) => o.flags)).toEqual(['--scale <x>', '--mode <m>', '--count <n>']);
    const out = await entry.solve({ x: 1.5 }, {});
    expect(out.result).toMatchObject({ y: 3, mode: 'a' });
    expect(out.text).toBe(
      ['y = 3 (a, scale 2)', '| k | v |', '| --- | --- |', '| 1 | 0.123 |', '| 2 | — |', 'note: one', 'note: two', 'share 12.3 %, z 3.14 / 3.142', 'z = 3.1416'].join('\n'),
    );
    const b = await entry.solve({ x: 100, mode: 'a' }, { mode: 'b', scale: '0.5' });
    expect(b.text.split('\n')[0]).toBe('y = 50 (b, scale 0.5) [b]');
  });
  it('a params-mapped option overrides the file; its default fills only a missing key; settings get defaults', () => {
    expect(applyOptions(options, { mode: 'b', x: 1 }, {})).toEqual({ params: { mode: 'b', x: 1 }, settings: { scale: 2 } });
    expect(applyOptions(options, { x: 1 }, { mode: 'b', count: '3' })).toEqual({ params: { x: 1, mode: 'b' }, settings: { scale: 2, count: 3 } });
  });
  it('bad option text and clashes are input errors naming the option', async () => {
    expect(() => applyOptions(options, { x: 1 }, { scale: '0' })).toThrow("--scale must be a number > 0, got '0'");
    expect(() => applyOptions(options, { x: 1 }, { count: '2.5' })).toThrow("--count must be an integer ≥ 1, got '2.5'");
    expect(() => applyOptions(options, { x: 1 }, { mode: 'c' })).toThrow("--mode must be 'a' or 'b', got 'c'");
    expect(() => applyOptions(options, { x: 1, count: 2 }, { count: '2' })).toThrow('give the count once: --count or count in --params, not both');
    expect(() => solverEntry(toy).solve(undefined, {})).toThrow('toy needs --params');
  });
  it('renderResult: an empty view is an empty text; a missing array renders no lines', () => {
    expect(renderResult([] as ResultView, {})).toBe('');
    expect(renderResult([{ eachLine: 'nothing', line: 'x {.}' }], {})).toBe('');
  });
});
