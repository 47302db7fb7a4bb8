/**
 * `invlab simulate --spec`: "warmup": "mser5" in the spec file does what --warmup mser5 does
 * (and the flag still overrides the file); the report names an adaptive policy by its family:
 * (s, Q), (R, s, S) or (R, S).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closePool } from '../../src/pool/run.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-sim-spec-'));
afterAll(async () => {
  await closePool();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (over: Record<string, unknown>): string => {
  const file = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' }, horizon: 200, replications: 10, seed: 1, ...over }));
  return file;
};

describe('invlab simulate --spec with "warmup": "mser5"', () => {
  it('chooses the warm-up by MSER-5, the same as the flag; a number or the flag still work; other strings are rejected naming the field', async () => {
    const fromFile = await runCli(['simulate', '--spec', spec({ warmup: 'mser5' }), '--json']);
    expect(fromFile.code).toBe(0);
    const a = JSON.parse(fromFile.out) as { warmupRule: string; spec: { warmup: number; horizon: number } };
    expect(a.warmupRule).toMatch(/MSER-5/);
    expect(a.spec.horizon).toBe(200);
    const fromFlag = await runCli(['simulate', '--spec', spec({}), '--warmup', 'mser5', '--json']);
    expect(fromFlag.code).toBe(0);
    expect(fromFlag.out).toBe(fromFile.out);
    const fixed = await runCli(['simulate', '--spec', spec({ warmup: 'mser5' }), '--warmup', '7', '--json']); // the flag overrides the file
    expect(JSON.parse(fixed.out).spec.warmup).toBe(7);
    const numeric = await runCli(['simulate', '--spec', spec({ warmup: 12 }), '--json']);
    expect(JSON.parse(numeric.out).spec.warmup).toBe(12);
    const bad = await runCli(['simulate', '--spec', spec({ warmup: 'mser' }), '--json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/warmup/);
    const short = await runCli(['simulate', '--spec', spec({ warmup: 'mser5', horizon: 6 }), '--json']);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/mser5: .*at least 10 periods/);
  });
});

describe('invlab simulate names the adaptive family', () => {
  const adaptive = { kind: 'adaptive', forecaster: { method: 'ses', alpha: 0.1 }, safetyStock: { method: 'normal' }, reviewPeriod: 1, leadTime: 3, target: { metric: 'fillRate', value: 0.95 }, initialStock: 10 };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['(s, Q)', { ...adaptive, orderQuantity: { method: 'daysOfSupply', periods: 5 } }, /adaptive \(s, Q\) R=1 L=3 Q 5 periods of forecast demand/],
    ['(s, Q) EOQ', { ...adaptive, orderQuantity: { method: 'eoq', orderingCost: 10, holdingCost: 1 } }, /adaptive \(s, Q\) R=1 L=3 Q EOQ/],
    ['(R, s, S)', { ...adaptive, orderCover: 4 }, /adaptive \(R, s, S\) R=1/],
    ['(R, S)', adaptive, /adaptive \(R, S\) R=1/],
  ];
  for (const [name, policy, label] of cases) {
    it(name, async () => {
      const r = await runCli(['simulate', '--spec', spec({ policy, warmup: 20, replications: 2, horizon: 50 })]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(label);
    });
  }
});
