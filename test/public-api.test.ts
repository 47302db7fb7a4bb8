/**
 * The library API of invlab 0.1.0 keeps working: every name exported from src/index.ts then (and
 * every name inside its namespaces) is still exported, as itself or as a deprecated alias.
 * test/fixtures/public-api-0.1.0.json lists them, recorded from the 0.1.0 tree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.ts';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/public-api-0.1.0.json', import.meta.url), 'utf8')) as Record<string, string[]>;

describe('public API compatibility with 0.1.0', () => {
  it('every top-level name and every namespace member is still exported', () => {
    const missing: string[] = [];
    const now = api as unknown as Record<string, Record<string, unknown> | undefined>;
    for (const [name, members] of Object.entries(recorded)) {
      if (!(name in now)) {
        missing.push(name);
        continue;
      }
      for (const m of members) if (!(m in (now[name] as object))) missing.push(`${name}.${m}`);
    }
    expect(missing).toEqual([]);
  });
});
