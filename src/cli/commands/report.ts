/**
 * `invlab report`: one self-contained HTML file from a results folder (src/io/report.ts);
 * `--png <dir>` also writes every figure as PNG (resvg), `--pdf` / `--screenshot` render the
 * report in headless Chromium (Debian's `chromium`, or the browser named by CHROME_PATH).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/files.ts';
import { buildReport, reportFigures } from '../../io/report.ts';
import { UsageError } from '../model-registry.ts';
import { packageVersionFromCli } from '../version.ts';

interface ReportOptions {
  results: string;
  out?: string;
  png?: string;
  pdf?: string;
  screenshot?: string;
}

/** The headless browser to render with, or a usage error saying how to get one. */
export function findChromium(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').flatMap((d) => ['chromium', 'chromium-browser', 'google-chrome'].map((b) => join(d, b)));
  const candidates = [process.env.CHROME_PATH, ...onPath].filter((x): x is string => x !== undefined && x !== '');
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) throw new UsageError('--pdf/--screenshot need a Chromium browser: install Debian\'s `chromium` package or set CHROME_PATH');
  return found;
}

/** Render a local HTML file with headless Chromium (no network, fresh profile). */
export function renderWithChromium(html: string, what: { pdf?: string; screenshot?: string }): void {
  const browser = findChromium();
  const profile = mkdtempSync(join(tmpdir(), 'invlab-chromium-'));
  const common = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const url = pathToFileURL(resolve(html)).href;
  const runs: string[][] = [];
  if (what.pdf) runs.push([...common, '--no-pdf-header-footer', `--print-to-pdf=${resolve(what.pdf)}`, url]);
  if (what.screenshot) runs.push([...common, '--window-size=1280,2000', `--screenshot=${resolve(what.screenshot)}`, url]);
  try {
    for (const args of runs) {
      const r = spawnSync(browser, args, { encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`${browser} failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function writePngs(results: string, dir: string): Promise<number> {
  const { Resvg } = await import('@resvg/resvg-js');
  mkdirSync(dir, { recursive: true });
  const figures = reportFigures(results);
  for (const [id, file, svg] of figures) {
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng();
    writeFileAtomic(join(dir, `${id}--${file.replace(/\.svg$/, '.png')}`), png);
  }
  return figures.length;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('one self-contained HTML report (inline SVG and CSS, no scripts, no network) of a results folder; optionally PNG figures, a PDF and a screenshot')
    .option('--results <dir>', 'results folder written by the main job', 'results')
    .option('--out <file>', 'HTML file to write (default <results>/report.html)')
    .option('--png <dir>', 'also write every figure as PNG (for slides) into this folder')
    .option('--pdf <file>', 'also print the report to PDF with headless Chromium')
    .option('--screenshot <file>', 'also save a PNG screenshot of the report\'s first screen with headless Chromium')
    .action(async (o: ReportOptions) => {
      if (!existsSync(o.results) || !statSync(o.results).isDirectory()) throw new UsageError(`--results ${o.results}: not a folder`);
      const out = o.out ?? join(o.results, 'report.html');
      const html = buildReport(o.results, { version: packageVersionFromCli(), date: new Date().toISOString().slice(0, 10) });
      writeFileAtomic(out, html);
      process.stdout.write(`wrote ${out} (${(html.length / 1024).toFixed(0)} KiB)\n`);
      if (o.png) process.stdout.write(`wrote ${await writePngs(o.results, o.png)} PNG figure(s) into ${o.png}\n`);
      if (o.pdf || o.screenshot) {
        renderWithChromium(out, { ...(o.pdf ? { pdf: o.pdf } : {}), ...(o.screenshot ? { screenshot: o.screenshot } : {}) });
        for (const f of [o.pdf, o.screenshot]) if (f) process.stdout.write(`wrote ${f}\n`);
      }
    });
}
