/**
 * Errors in the user's language at the command line: one input error type, exit code 2, the
 * option (or file, row, column) named; output paths checked before any computation; no stray
 * temporary files; no silent wrong result for the listed nasty inputs.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputPath, writeFileAtomic, writeFiniteJsonAtomic } from '../../src/io/files.ts';
import { InputError } from '../../src/core/validate.ts';
import { runCli as cli } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-input-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ORDERS = sharedDataPath('order_transactions.csv');

const SIM = ['simulate', '--policy', '{"kind":"RS","reviewPeriod":2,"orderUpTo":12}', '--horizon', '50', '--replications', '2'];

describe('JSON inputs of simulate: strict, typed, bounded', () => {
  it('an unknown key in a --spec file is refused with the nearest valid name', async () => {
    const spec = join(dir, 'typo.json');
    writeFileSync(spec, JSON.stringify({ demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 2 }, policy: { kind: 'RS', reviewPeriod: 2, orderUpTo: 12 }, horizon: 50, replication: 500 }));
    const r = await cli(['simulate', '--spec', spec]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--spec .*typo\.json: unknown key 'replication'; did you mean 'replications'\?/);
  });
  it('"replications": "10" says it must be a number, got the string "10"', async () => {
    const spec = join(dir, 'string.json');
    writeFileSync(spec, JSON.stringify({ demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 2 }, policy: { kind: 'RS', reviewPeriod: 2, orderUpTo: 12 }, horizon: 50, replications: '10' }));
    const r = await cli(['simulate', '--spec', spec]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/replications must be a number, got the string "10"/);
  });
  it('--costs {"holdng": 1} suggests holding', async () => {
    const r = await cli([...SIM, '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":2}', '--costs', '{"holdng":1}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--costs: unknown key 'holdng'; did you mean 'holding'\?/);
  });
  it('a Poisson mean of 1e308 is refused naming the field and the limit (not "–" for every metric)', async () => {
    const r = await cli([...SIM, '--demand', '{"kind":"poisson","mean":1e308}', '--lead-time', '{"kind":"constant","value":2}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--demand: mean must be a finite number ≤ 1000000000000 \(larger values overflow the simulator’s sums\), got 1e\+308/);
  });
  it('a constant lead time of 1e308 is refused naming the field and the limit (not "Invalid typed array length")', async () => {
    const r = await cli([...SIM, '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":1e308}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lead-time: value must be a finite number ≤ 100000/);
    expect(r.err).not.toMatch(/typed array/);
  });
  it('a hexadecimal --replications is refused', async () => {
    const r = await cli([...SIM.slice(0, -2), '--replications', '0x10', '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":2}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--replications must be an integer ≥ 1, got '0x10'/);
  });
  it('a policy with a misspelt key is refused with the nearest name', async () => {
    const r = await cli(['simulate', '--policy', '{"kind":"RS","reviewPeriod":2,"orderUpto":12,"orderUpTo":12}', '--horizon', '50', '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":2}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown key 'orderUpto' in \$; did you mean 'orderUpTo'\?/);
  });
});

describe('solve --params', () => {
  it('a missing file is a clear input error, exit 2 (not a raw ENOENT, exit 1)', async () => {
    const r = await cli(['solve', 'deteriorating-dp', '--params', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--params .*missing\.json: cannot read file \(ENOENT: no such file\)/);
  });
  it('a misspelt parameter is refused with the nearest documented name', async () => {
    const p = join(dir, 'params.json');
    writeFileSync(p, JSON.stringify({ sku: 'X', objectiv: 'no-stockout', target: 0.9 }));
    const r = await cli(['solve', 'sql-policy', '--params', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown key 'objectiv'; did you mean 'objective'\?/);
  });
  it('a parameter near the limits of floating point is refused naming it and the limit', async () => {
    const p = join(dir, 'huge.json');
    writeFileSync(p, JSON.stringify({ demandIntercept: 50, demandSlope: 0.9, netDiscountRate: 1e308, deteriorationRate: 0.05, holdingCost: 0.5, unitCost: 8, orderingCost: 100, horizon: 10, productionRate: 95, leadTime: 0.5 }));
    const r = await cli(['solve', 'deteriorating-dp', '--params', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/netDiscountRate must be a finite number of magnitude at most 1000000000000 .*got 1e\+308/);
  });
  it('non-UTF-8 bytes are refused naming the byte offset', async () => {
    const p = join(dir, 'latin1.json');
    writeFileSync(p, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    const r = await cli(['solve', 'deteriorating-dp', '--params', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid UTF-8 text \(byte offset 2: 0xe9\)/);
  });
});

describe('policy and validate options', () => {
  it('--lot eoq without costs names --order-cost and --holding-cost', async () => {
    const r = await cli(['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.9', '--lot', 'eoq']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lot eoq needs --order-cost <per order> \(OCOST\) and --holding-cost <per unit per day> \(HCOST\)/);
  });
  it('a hexadecimal number option is refused (not read as 16)', async () => {
    const r = await cli(['policy', '--orders', ORDERS, '--lead-time-mean', '0x10', '--target', '0.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lead-time-mean must be a number, got '0x10'/);
  });
  it('validate --help lists no option as "not supported"', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.out + r.err).not.toMatch(/not supported/);
    expect(r.out + r.err).not.toMatch(/--lead-time-key/);
  });
  it('validate --objective profit is refused up front naming what is missing', async () => {
    const r = await cli(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '10', '--objective', 'profit']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--objective profit .*needs --price, --unit-cost and --season-days/);
  });
});

describe('output paths', () => {
  it('--out pointing at a directory is refused before any computation, leaving no temporary file', async () => {
    const out = join(dir, 'outdir');
    mkdirSync(out);
    const r = await cli(['policy', '--orders', join(dir, 'does-not-exist.csv'), '--lead-time-mean', '10', '--target', '0.9', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out .*outdir: is a directory; give a file path/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });
  it('writeFileAtomic to a directory throws and leaves no temporary file', () => {
    const out = join(dir, 'outdir2');
    mkdirSync(out);
    expect(() => writeFileAtomic(out, 'x')).toThrow(InputError);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
  it('a path under a file, or in a read-only folder, is refused up front', () => {
    const f = join(dir, 'plain.txt');
    writeFileSync(f, 'x');
    expect(() => checkOutputPath(join(f, 'out.csv'), '--out')).toThrow(/--out .*: .*plain\.txt is a file, not a folder/);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      if (process.getuid?.() !== 0) expect(() => checkOutputPath(join(ro, 'out.csv'), '--out')).toThrow(/is not writable/);
    } finally {
      chmodSync(ro, 0o755);
    }
    expect(() => checkOutputPath(join(dir, 'new', 'deeper', 'out.csv'), '--out')).not.toThrow();
  });
  it('JSON output with a non-finite number is not written', () => {
    const f = join(dir, 'p.json');
    expect(() => writeFiniteJsonAtomic(f, { policies: [{ reorderPoint: Infinity }] })).toThrow(/\$\.policies\[0\]\.reorderPoint is not a finite number/);
    expect(existsSync(f)).toBe(false);
  });
});
