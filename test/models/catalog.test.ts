import { describe, expect, it } from 'vitest';
import { citationOf, modelCatalog } from '../../src/models/catalog.ts';
import { models } from '../../src/cli/models/all.ts';
import { runCli } from '../helpers/cli.ts';

describe('model catalog (library API) and `invlab models`', () => {
  it('every model has a citation and every parameter a symbol, unit and meaning', () => {
    expect(modelCatalog.map((m) => m.id)).toEqual(['sql-policy', 'deteriorating-dp', 'correlated-rop', 'stock-price-cubic']);
    for (const m of modelCatalog) {
      expect(m.citation.length).toBeGreaterThan(40);
      expect(m.params.length).toBeGreaterThan(0);
      for (const p of m.params) expect([p.name, p.symbol, p.unit, p.description].every((x) => x.length > 0)).toBe(true);
    }
    expect(citationOf('sql-policy')).toMatch(/Katircioglu, K\., Brown, T\. M\., & Asghar, M\. \(2007\)/);
    expect(() => citationOf('nope')).toThrow(/unknown model 'nope'; known models: sql-policy/);
  });
  it('the CLI entries are the catalog models, in the same order, with the same metadata objects', () => {
    expect(models.map((m) => m.meta)).toEqual(modelCatalog);
  });
  it('`invlab models --json` gives the metadata; `--params` documents each parameter', async () => {
    const j = await runCli(['models', '--json']);
    expect(j.code).toBe(0);
    const list = JSON.parse(j.out) as { id: string; params: { symbol: string }[] }[];
    expect(list.find((m) => m.id === 'stock-price-cubic')!.params.map((p) => p.symbol)).toEqual(['C0', 'C', 'C1', 'C2', 'theta', 'k']);
    const t = await runCli(['models', '--params']);
    expect(t.out).toMatch(/\| meanInterarrivalTime \| theta \| time \|/);
  });
});
