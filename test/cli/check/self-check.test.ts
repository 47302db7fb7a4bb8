/**
 * invlab checks itself: the committed invlab.check.json (published numbers of every model, the
 * simulator's exact results, a bound, an equivalence to a recorded baseline, thread identity,
 * a performance ratio, the k-approximation claims and the headline figures of the cheap
 * experiments' quick profiles) passes; and an engine broken by a demand mean 1 % too high makes its
 * exact-result checks fail with a readable message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const root = new URL('../../../', import.meta.url).pathname;
const selfCheck = join(root, 'invlab.check.json');

describe('the self-check (invlab.check.json)', () => {
  it('passes, on the worker pool', { timeout: 120_000 }, async () => {
    const r = await runCli(['check', selfCheck, '--threads', '2', '--json']);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { summary: { failed: number }; checks: { name: string; kind: string; status: string; message: string }[] };
    expect(doc.summary.failed).toBe(0);
    // every check passes; a timing on a loaded machine may leave the speed ratio inconclusive (never failed on one noisy timing)
    const notPassed = doc.checks.filter((c) => c.status !== 'pass' && !(c.kind === 'performance' && c.status === 'inconclusive'));
    expect(notPassed.map((c) => `${c.name}: ${c.message}`)).toEqual([]);
    expect(new Set(doc.checks.map((c) => c.kind))).toEqual(new Set(['published', 'analytic', 'bound', 'equivalence', 'exact', 'performance', 'experiment']));
    expect(r.code).toBe(0);
  });

  it('fails with a readable message when the engine draws demand 1 % too high', { timeout: 60_000 }, async () => {
    const doc = JSON.parse(readFileSync(selfCheck, 'utf8'));
    // the broken engine: every exact-result check of the base stock and the (s, Q), with the demand mean off by 1 %
    for (const s of Object.values(doc.scenarios) as { demand: { kind: string; mean: number } }[]) if (s.demand.kind === 'poisson') s.demand.mean *= 1.01;
    doc.checks = doc.checks.filter((c: { kind: string }) => c.kind === 'analytic' || c.kind === 'bound');
    const dir = mkdtempSync(join(tmpdir(), 'invlab-broken-'));
    const file = join(dir, 'invlab.check.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = await runCli(['check', file, '--threads', '1']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL: base-stock-poisson-fillRate: 0\.9\d+ vs exact 0\.940001: difference -0\.00\d+ > 4 standard errors \(0\.000\d+\)/);
    expect(r.out).toMatch(/FAIL: sQ-poisson-fillRate: /);
    expect(r.out.trim().split('\n').at(-1)).toMatch(/^\d+ passed, [1-9]\d* failed$/);
  });
});
