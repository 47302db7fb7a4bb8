/**
 * One self-contained HTML report of a results folder (`invlab report`, written by the main job
 * as results/report.html): the index of experiments with their headline findings, then every
 * experiment's page with its tables and figures inlined (SVG), the spec, seed and version of
 * its run, and the data credits. Inline CSS, no scripts, no network; printable (each experiment
 * starts a page, table rows and figures are not split).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';

/** An experiment folder: its id and files. */
interface Section {
  id: string;
  title: string;
  markdown: string;
  dir: string;
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1, h2, h3 { line-height: 1.2; } h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: .15rem .4rem; text-align: left; vertical-align: top; } th { background: #f3f3f3; }
blockquote { margin: .8rem 0; padding: .4rem .8rem; border-left: 4px solid #4a78b5; background: #f4f7fb; }
code { font-size: 12px; word-break: break-all; } svg { max-width: 100%; height: auto; display: block; margin: .6rem 0; }
figure { margin: 0; break-inside: avoid; } tr { break-inside: avoid; }
section.experiment { break-before: page; }
nav ol { padding-left: 1.2rem; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } a { color: inherit; text-decoration: none; } }
`;

/** Escape text for HTML. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The SVG text with its ids prefixed, so that figures inlined side by side do not share ids. */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/(xlink:)?href="#([^"]+)"/g, (_m, x: string | undefined, id: string) => `${x ?? ''}href="#${prefix}-${id}"`);
}

/** The experiment folders of a results directory, in the order of its index (results/README.md), then by name. */
function sections(resultsDir: string): Section[] {
  const index = existsSync(join(resultsDir, 'README.md')) ? readFileSync(join(resultsDir, 'README.md'), 'utf8') : '';
  const order = [...index.matchAll(/\]\(([^/)]+)\/README\.md\)/g)].map((m) => m[1]!);
  const ids = readdirSync(resultsDir).filter((d) => existsSync(join(resultsDir, d, 'result.json')) && existsSync(join(resultsDir, d, 'README.md')));
  ids.sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9) || a.localeCompare(b));
  return ids.map((id) => {
    const dir = join(resultsDir, id);
    const meta = (JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as { meta?: { title?: string } }).meta;
    return { id, dir, title: meta?.title ?? id, markdown: readFileSync(join(dir, 'README.md'), 'utf8') };
  });
}

/** A Markdown renderer for one folder: figures inlined, links into the report or to the folder's files. */
function renderer(sec: Section | null, known: Set<string>): Marked {
  let figure = 0;
  return new Marked({
    renderer: {
      image({ href, text }) {
        if (sec !== null && href.endsWith('.svg') && existsSync(join(sec.dir, href))) {
          const svg = prefixSvgIds(readFileSync(join(sec.dir, href), 'utf8'), `${sec.id}-f${++figure}`);
          return `<figure data-figure="${esc(href)}" aria-label="${esc(text)}">${svg}</figure>`;
        }
        return `<em>[figure ${esc(text)} (${esc(href)}) not found]</em>`;
      },
      link({ href, tokens }) {
        const label = this.parser.parseInline(tokens);
        const m = /^(?:\.\.\/|\.\/)?(?:([^/]+)\/)?README\.md$/.exec(href);
        if (m) {
          const target = m[1] ?? sec?.id;
          if (target !== undefined && known.has(target)) return `<a href="#${esc(target)}">${label}</a>`;
        }
        if (sec !== null && !/^[a-z]+:/.test(href) && !href.startsWith('#')) return `<a href="${esc(`${sec.id}/${href}`)}">${label}</a>`;
        return `<a href="${esc(href)}">${label}</a>`;
      },
    },
  });
}

/** The report of a results folder, as one HTML document. */
export function buildReport(resultsDir: string, generated: { version: string; date: string }): string {
  const secs = sections(resultsDir);
  const known = new Set(secs.map((s) => s.id));
  const indexMd = existsSync(join(resultsDir, 'README.md')) ? readFileSync(join(resultsDir, 'README.md'), 'utf8') : '# invlab results\n';
  const body = secs.map((s) => {
    const html = renderer(s, known).parse(s.markdown.replace(/^# .*\n/, '')) as string;
    return `<section class="experiment" id="${esc(s.id)}">\n<h2>${esc(s.title)}</h2>\n${html}\n</section>`;
  });
  const nav = `<nav><h2>Contents</h2><ol>${secs.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta name="generator" content="invlab ${esc(generated.version)}">`,
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    `<title>invlab results</title><style>${CSS}</style></head><body>`,
    `<header id="index">${renderer(null, known).parse(indexMd) as string}<p><small>Report generated ${esc(generated.date)} by invlab ${esc(generated.version)} from ${secs.length} result folder(s).</small></p></header>`,
    nav,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** The SVG figures of a results folder: [experiment id, file name, SVG text]. */
export function reportFigures(resultsDir: string): [string, string, string][] {
  return sections(resultsDir).flatMap((s) => readdirSync(s.dir).filter((f) => f.endsWith('.svg')).map((f): [string, string, string] => [s.id, f, readFileSync(join(s.dir, f), 'utf8')]));
}
