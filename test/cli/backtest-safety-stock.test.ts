/**
 * `invlab backtest --safety-stock gamma|negbin|bootstrap`: the replay sizes its safety stock with
 * the same code as the built-in adaptive policy (the ErrorTracker of src/forecast/safety-stock.ts),
 * so forecasts written by `invlab forecast` at every day and replayed give exactly the adaptive
 * policy with that forecaster and method (the bootstrap on the same stream of --seed), on the
 * shared daily history (UCI Online Retail extract, Chen 2015, CC BY 4.0); an unknown method is
 * refused with exit 2 naming the option and the choices.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runCli as run } from '../helpers/cli.ts';

const DAILY = sharedDataPath('daily_demand.csv');
const dir = mkdtempSync(join(tmpdir(), 'invlab-backtest-ss-'));
const SKUS = '85123A,20676,16015';

interface SkuRow { sku: string; fill_rate: number; no_stockout: number; on_hand: number; baseline_fill_rate: number; baseline_no_stockout: number; baseline_on_hand: number; d_fill_rate: number }

describe('backtest --safety-stock with the fitted and bootstrap methods of src/forecast/safety-stock.ts', () => {
  let file: string | undefined;
  async function forecasts(): Promise<string> {
    if (file !== undefined) return file;
    const out = join(dir, 'ses.csv');
    const r = await run(['forecast', '--history', DAILY, '--sku', SKUS, '--method', 'ses:alpha=0.2', '--origins', '1:1', '--quantiles', 'none', '--horizon', '14', '--out', out]);
    expect(r.code).toBe(0);
    return (file = out);
  }

  for (const [method, service] of [['gamma', 'cycle'], ['negbin', 'fill'], ['bootstrap', 'cycle']] as const) {
    it(`${method} (${service}): identical to the adaptive baseline on every SKU`, async () => {
      const r = await run(['backtest', '--forecasts', await forecasts(), '--history', DAILY, '--baseline', 'ses:alpha=0.2', '--safety-stock', method, '--service', service, '--json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out) as { skus: SkuRow[] };
      expect(j.skus.map((s) => s.sku)).toEqual(SKUS.split(','));
      const forecastSide = j.skus.map((s) => [s.fill_rate, s.no_stockout, s.on_hand]);
      expect(forecastSide).toEqual(j.skus.map((s) => [s.baseline_fill_rate, s.baseline_no_stockout, s.baseline_on_hand]));
      expect(j.skus.map((s) => s.d_fill_rate)).toEqual(j.skus.map(() => 0));
    });
  }

  it('the methods give different levels (the option reaches the sizing)', async () => {
    const f = await forecasts();
    const stock = async (method: string): Promise<number[]> => {
      const r = await run(['backtest', '--forecasts', f, '--history', DAILY, '--safety-stock', method, '--json']);
      expect(r.code).toBe(0);
      return (JSON.parse(r.out) as { skus: SkuRow[] }).skus.map((s) => s.on_hand);
    };
    const normal = await stock('normal');
    expect(await stock('gamma')).not.toEqual(normal);
    expect(await stock('bootstrap')).not.toEqual(normal);
  });

  it('an unknown method is refused with exit 2, naming the option and the choices', async () => {
    const r = await run(['backtest', '--forecasts', await forecasts(), '--history', DAILY, '--safety-stock', 'weibull']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--safety-stock must be quantiles, normal, empirical, bootstrap, gamma, negbin, got 'weibull'/);
  });
});
