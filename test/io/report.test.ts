/**
 * The HTML report as a reader sees it, built from the committed results/: every figure of every
 * page is present (inline SVG with ids unique across figures), every link resolves (anchors to
 * sections, files next to the report), no NaN anywhere, every table row has as many cells as its
 * header, no script and no network resource.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { buildReport, prefixSvgIds } from '../../src/io/report.ts';

const results = fileURLToPath(new URL('../../results', import.meta.url));
const html = buildReport(results, { version: 'test', date: '2026-12-01' });
const doc = parse(html);
const folders = readdirSync(results).filter((d) => existsSync(join(results, d, 'result.json')));

describe('invlab report', () => {
  it('has a section per results folder and every figure its page references, with unique ids', () => {
    for (const id of folders) expect(doc.getElementById(id), id).not.toBeNull();
    const referenced = folders.flatMap((id) => [...readFileSync(join(results, id, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => `${id}/${m[1]}`));
    const figures = doc.querySelectorAll('figure[data-figure]');
    expect(figures.length).toBe(referenced.length);
    for (const f of figures) expect(f.querySelector('svg'), f.getAttribute('data-figure')).not.toBeNull();
    const ids = doc.querySelectorAll('[id]').map((e) => e.id);
    expect(ids.length).toBe(new Set(ids).size);
  });
  it('every link resolves: anchors to an element, files to a file next to the report', () => {
    const broken: string[] = [];
    for (const a of doc.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      if (/^[a-z]+:/.test(href)) continue;
      if (href.startsWith('#')) {
        if (doc.getElementById(decodeURIComponent(href.slice(1))) === null) broken.push(href);
      } else if (!existsSync(join(results, href.split('#')[0]!))) broken.push(href);
    }
    expect(broken).toEqual([]);
  });
  it('prints no NaN, and every table row has as many cells as the header', () => {
    expect(doc.textContent).not.toMatch(/\bNaN\b/);
    for (const t of doc.querySelectorAll('table')) {
      const head = t.querySelectorAll('thead th').length;
      for (const tr of t.querySelectorAll('tbody tr')) expect(tr.querySelectorAll('td').length).toBe(head);
    }
  });
  it('is self-contained: no script, no external stylesheet, image or font', () => {
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect(html).not.toMatch(/<link\b|<img\b[^>]*src="http|@import|url\(http/);
  });
  it('prefixes SVG ids and their references', () => {
    const svg = '<svg><clipPath id="c1"><rect/></clipPath><g clip-path="url(#c1)"><use xlink:href="#c1"/></g></svg>';
    expect(prefixSvgIds(svg, 'x')).toBe('<svg><clipPath id="x-c1"><rect/></clipPath><g clip-path="url(#x-c1)"><use xlink:href="#x-c1"/></g></svg>');
  });
});
