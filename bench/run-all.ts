/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, in name order (one at a
 * time, so they do not compete for the two cores). Each script prints its figures and writes
 * JSON under results/bench/. `npm run bench -- pool portfolio --quick`: only those, with --quick.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
// names select scripts; flags (--quick) are passed on to each script
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of scripts) {
  process.stderr.write(`▶ bench ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, `${dir}${f}`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (failed) process.exitCode = 1;
