/**
 * Where the public data sets live: `INVLAB_DATA_DIR` if set, else `../shared/data` beside the
 * repository (the workplace layout: the repo and shared/ side by side). One place, so tests,
 * experiments and benchmarks run from any clone location.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The data folder (throws, naming the places it looked, when it is missing). */
export function sharedDataDir(): string {
  const candidates = [process.env.INVLAB_DATA_DIR, join(REPO_ROOT, '..', 'shared', 'data')].filter((c): c is string => Boolean(c));
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`data folder not found (looked in ${candidates.join(', ')}); set INVLAB_DATA_DIR to the folder holding order_transactions.csv`);
}

/** Path of one data file, e.g. sharedDataPath('order_transactions.csv'). */
export function sharedDataPath(file: string): string {
  return join(sharedDataDir(), file);
}
