/**
 * Tables, findings and figures of the adaptive-policy experiments (pure functions of the rows).
 */
import { estimateMean, type Estimate } from '../../src/core/stats.ts';
import type { Row } from '../../src/io/csv-write.ts';
import { fmt, markdownTable } from '../../src/io/markdown.ts';
import { renderSvg } from '../../src/io/plot.ts';
import { pairedDifferences } from '../../src/sim/metrics.ts';
import { policyRows } from './adaptive-kernel.ts';
import { STATIC, type PolicyPoint } from './adaptive-families.ts';
import { cells, ratioCells } from './adaptive-summary.ts';

/** Rows with NaN cells emptied (pages and CSVs print no NaN; an empty cell means no value or no interval). */
export function withoutNaN(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && Number.isNaN(v) ? undefined : v])));
}

/**
 * Per SKU, each family's nominal point against the static policy's at the target, replication
 * by replication on common random numbers (src/sim/metrics.ts pairedDifferences): differences of
 * fill rate and ready rate (per-replication ratios) and of average on hand (units, and relative
 * to the static stock), each with its paired t-interval over replications.
 */
export function pairedRows(sku: string, group: string, points: readonly PolicyPoint[], rows: readonly Record<string, number>[], target: number | string, isNominal: (p: PolicyPoint) => boolean): Row[] {
  const ref = points.findIndex((p) => p.family === STATIC && p.parameter === target);
  if (ref < 0) return [];
  const base = policyRows(rows, ref);
  const baseStock = base.reduce((a, r) => a + r.averageOnHand, 0) / base.length;
  const out: Row[] = [];
  points.forEach((p, i) => {
    if (i === ref || !isNominal(p)) return;
    const d = pairedDifferences(policyRows(rows, i), base);
    const f = d.fillRate;
    const s = d.averageOnHand;
    out.push({ sku, group, family: p.family, parameter: p.parameter, fill_diff: f?.mean, fill_diff_low: f?.low, fill_diff_high: f?.high, ready_diff: d.readyRate?.mean, stock_diff: s?.mean, stock_diff_low: s?.low, stock_diff_high: s?.high, stock_ratio: s && baseStock > 0 ? (baseStock + s.mean) / baseStock : undefined, quadrant: quadrantOf(f, s) });
  });
  return out;
}

/** The paired comparison's verdict: which way fill rate and stock moved, each resolved when its interval excludes 0. */
export const QUADRANTS = ['higher fill, less stock', 'higher fill, more stock', 'lower fill, less stock', 'lower fill, more stock', 'unresolved'] as const;
function quadrantOf(f: Estimate | undefined, s: Estimate | undefined): (typeof QUADRANTS)[number] {
  if (f === undefined || s === undefined || !(f.low > 0 || f.high < 0) || !(s.low > 0 || s.high < 0)) return 'unresolved';
  return `${f.low > 0 ? 'higher' : 'lower'} fill, ${s.high < 0 ? 'less' : 'more'} stock` as (typeof QUADRANTS)[number];
}

/** Per group and family: the paired (CRN) differences at the nominal points, summarised over SKUs. */
export function pairedSummary(paired: readonly Row[], splits: readonly string[], groups: readonly string[]): Row[] {
  const out: Row[] = [];
  for (const sp of splits) {
    const rs = paired.filter((r) => r.split === sp);
    const families = [...new Set(rs.map((r) => r.family as string))];
    for (const g of groups) {
      for (const f of families) {
        const x = rs.filter((r) => r.family === f && (g === 'all' || r.group === g));
        if (x.length === 0) continue;
        const num = (k: string): number[] => x.map((r) => (typeof r[k] === 'number' ? (r[k] as number) : NaN));
        out.push({ split: sp, group: g, family: f, skus: x.length, ...cells('fill_diff', num('fill_diff')), ...ratioCells('relative_stock_diff', num('stock_ratio')), ...Object.fromEntries(QUADRANTS.map((q) => [`share_${q.replace(/[ ,]+/g, '_')}`, x.filter((r) => r.quadrant === q).length / x.length])) });
      }
    }
  }
  return out;
}

const pc = (x: unknown, d = 1): string => (typeof x === 'number' && Number.isFinite(x) ? `${fmt(100 * x, d)} %` : 'n/a');
/** A signed percentage (a relative difference). */
const spc = (x: unknown, d = 1): string => {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  // beyond +900 % a ratio reads better as a multiple
  if (x > 9) return `×${(1 + x).toPrecision(3)}`;
  return `${x > 0 ? '+' : ''}${fmt(100 * x, d)} %`;
};

/** 'x % (a to b)' of a relative difference with its interval. */
export function relCell(r: Row | undefined, k: string): string {
  if (!r || typeof r[k] !== 'number') return 'n/a';
  const lo = r[`${k}_low`];
  const hi = r[`${k}_high`];
  return typeof lo === 'number' && typeof hi === 'number' ? `${spc(r[k])} (95 % CI ${spc(lo)} to ${spc(hi)})` : `${spc(r[k])} (no interval)`;
}

/** The verdict on "less stock at the same service" from a relative difference's interval. */
export function verdict(r: Row | undefined, k = 'relative_stock_difference'): string {
  if (!r || typeof r[`${k}_high`] !== 'number') return 'not measurable';
  if ((r[`${k}_high`] as number) < 0) return 'less stock (holds)';
  if ((r[`${k}_low`] as number) > 0) return 'more stock (reversed)';
  return 'no difference resolved';
}

/** Per origin: shares meeting the target, and per adaptive family its matched stock per class. */
function originLines(t: Record<string, Row[]>, sp: string, target: number, groups: readonly string[]): string[] {
  const m = (g: string, f: string): Row | undefined => t['matched-service']!.find((r) => r.split === sp && r.group === g && r.family === f);
  const share = (f: string): Row | undefined => t['share-meeting']!.find((r) => r.split === sp && r.group === 'all' && r.family === f);
  const ps = (f: string): Row | undefined => t['paired-summary']!.find((r) => r.split === sp && r.group === 'all' && r.family === f);
  const matchedFamilies = [...new Set(t['matched-service']!.filter((r) => r.split === sp).map((r) => r.family as string))];
  const families = [...new Set(t['share-meeting']!.filter((r) => r.split === sp).map((r) => r.family as string))];
  const lines = [`**Origin ${sp}.** Share of SKUs meeting the ${target} fill-rate target at each family's nominal setting (all classes): ${families.map((f) => `${f} ${pc(share(f)?.share_meeting_target)}`).join(', ')}; share of SKUs where any point of the family's curve reaches it: ${families.map((f) => `${f} ${pc(share(f)?.share_curve_reaching_target)}`).join(', ')}.`, ''];
  for (const f of matchedFamilies) {
    const per = groups.map((g) => `${g}: ${relCell(m(g, f), 'relative_stock_difference')} over ${m(g, f)?.matched ?? 0} SKUs, ${verdict(m(g, f))}`).join('; ');
    lines.push(`- **${f}**, stock at the fill rate the static policy achieves at ${target}, relative to the static stock — ${per}.`);
  }
  const at = (f: string): Row | undefined => t['matched-at-target']!.find((r) => r.split === sp && r.group === 'all' && r.family === f);
  lines.push(`- **At the target itself** (the stock each curve needs to reach a ${target} fill rate, relative to the static curve's, over the SKUs where the static curve reaches it): ${matchedFamilies.map((f) => `${f} ${relCell(at(f), 'relative_stock_difference')} over ${at(f)?.matched ?? 0} SKUs (its curve does not reach it on ${at(f)?.unreachable ?? 0} more)`).join('; ')}; the static curve itself does not reach ${target} on ${at(matchedFamilies[0]!)?.reference_unreachable ?? 'n/a'} of ${at(matchedFamilies[0]!)?.skus ?? 'n/a'} SKUs.`);
  const q = (f: string): string => QUADRANTS.map((k) => `${k} ${pc(ps(f)?.[`share_${k.replace(/[ ,]+/g, '_')}`], 0)}`).join(', ');
  lines.push('', `At the nominal settings, per SKU against the static policy on common random numbers (each difference resolved when its paired 95 % interval over replications excludes 0; "higher fill, less stock" is the white paper's claim, literally): ${matchedFamilies.map((f) => `**${f}**: ${q(f)}`).join('; ')}.`, '');
  return lines;
}

/** Headline and findings (markdown) from the tables; every number is read from them. */
export function adaptiveFindings(t: Record<string, Row[]>, splits: readonly string[], target: number): { headline: string; markdown: string } {
  const main = splits[splits.length - 1]!;
  const m = (sp: string, g: string, f: string): Row | undefined => t['matched-service']!.find((r) => r.split === sp && r.group === g && r.family === f);
  const share = (sp: string, g: string, f: string): Row | undefined => t['share-meeting']!.find((r) => r.split === sp && r.group === g && r.family === f);
  const adaptive = [...new Set(t['matched-service']!.filter((r) => r.split === main).map((r) => r.family as string))].filter((f) => f.startsWith('adaptive'));
  const families = [...new Set(t['share-meeting']!.filter((r) => r.split === main).map((r) => r.family as string))];
  const groups = [...new Set(t['matched-service']!.filter((r) => r.split === main).map((r) => r.group as string))];
  const lines: string[] = ['## Findings', '', ...splits.flatMap((sp) => originLines(t, sp, target, groups))];
  const claim = splits.map((sp) => {
    const holds = groups.filter((g) => adaptive.some((f) => verdict(m(sp, g, f)).endsWith('(holds)')));
    const reversed = groups.filter((g) => adaptive.some((f) => verdict(m(sp, g, f)).endsWith('(reversed)')));
    return `at origin ${sp} it ${holds.length ? `holds (less stock at matched fill rate, interval below 0) for ${holds.join(', ')}` : 'holds for no class (no adaptive family needs resolvably less stock at matched fill rate)'}${reversed.length ? `, and is reversed (resolvably more stock) for ${reversed.join(', ')}` : ''}`;
  });
  lines.push(`**The white paper's claim** (fewer stock-outs with less inventory) on this history: ${claim.join('; ')}. Over all SKUs at origin ${main}: ${adaptive.map((f) => `${f} ${relCell(m(main, 'all', f), 'relative_stock_difference')}`).join('; ')} stock relative to the static policy at the fill rate the static policy achieves. Fewer stock-outs are within reach, at a price: at origin ${main} some point of the curve reaches a ${target} fill rate on ${[STATIC, ...adaptive].map((f) => `${pc(share(main, 'all', f)?.share_curve_reaching_target, 0)} of the SKUs for ${f}`).join(', ')} (on the other SKUs even the static policy's highest target falls short of it).`);
  const others = [...new Set(t['matched-service']!.filter((r) => r.split === main).map((r) => r.family as string))];
  const headline = `Out of sample (origin ${main}), stock needed at the fill rate the static Katircioglu-Brown-Asghar policy achieves at its ${target} target, relative to its stock (all SKUs, geometric mean, 95 % CI): ${others.map((f) => `${f} ${relCell(m(main, 'all', f), 'relative_stock_difference')}`).join('; ')}. Share of SKUs meeting ${target}: ${families.map((f) => `${f} ${pc(share(main, 'all', f)?.share_meeting_target, 0)}`).join(', ')}.`;
  return { headline, markdown: lines.join('\n') };
}

/** The page's tables. */
export function adaptiveTablesMarkdown(t: Record<string, Row[]>, splits: readonly string[]): string {
  const ps = t['paired-summary']!;
  const main = splits[splits.length - 1]!;
  return [
    '## Stock at matched service (relative to the static policy)',
    '',
    "At the fill rate the static policy achieves at its target (service), per SKU; mean over matched SKUs with its 95 % t-interval; unreachable: SKUs where the family's curve does not reach that fill rate (left out); at_cheapest: matched SKUs where even the family's cheapest point exceeds it, charged that point's stock (an upper bound, against the family).",
    '',
    markdownTable(t['matched-service']!, undefined, { skus: 0, matched: 0, unreachable: 0 }, 3),
    '',
    '## Stock at the target fill rate itself (both read off their frontiers)',
    '',
    markdownTable(t['matched-at-target']!, undefined, { skus: 0, matched: 0, unreachable: 0 }, 3),
    '',
    '## Share of SKUs meeting the target at each family\'s nominal setting',
    '',
    markdownTable(t['share-meeting']!, undefined, { skus: 0, meeting: 0, below_beyond_ci: 0 }, 3),
    '',
    '## Paired differences at the nominal settings (common random numbers), summarised over SKUs',
    '',
    'fill_diff: family − static fill rate (mean over SKUs, t-interval over SKUs); relative_stock_diff: geometric mean over SKUs of family/static average on hand, minus 1; the shares count SKUs by the direction of their paired differences of fill rate and stock (each resolved when its 95 % interval over replications excludes 0). Per SKU: [paired.csv](paired.csv).',
    '',
    markdownTable(ps, undefined, { skus: 0 }, 3),
    '',
    '## Trade-off curves',
    '',
    `Means over SKUs of each point (fill rate, ready rate, stock in days of demand) with 95 % t-intervals over SKUs: [curves.csv](curves.csv); per SKU: [per-sku.csv](per-sku.csv). Figures for origin ${main}:`,
    '',
    '![fill rate against stock](tradeoff-fill.svg)',
    '',
    '![ready rate against stock](tradeoff-ready.svg)',
    '',
  ].join('\n');
}

/** One trade-off figure: per group, each family's curve of `metric` against stock days, intervals both ways. */
async function tradeoffFigure(curves: Row[], split: string, metric: 'fill_rate' | 'ready_rate', label: string, target: number): Promise<string> {
  // display only: intervals clipped to [0, 1] (rates) and to [0, 1.5 × the largest point] (stock) of their class
  const rows = curves.filter((r) => r.split === split);
  const maxStock = new Map<string, number>();
  for (const r of rows) maxStock.set(r.group as string, Math.max(maxStock.get(r.group as string) ?? 0, (r.stock_days as number) ?? 0));
  const clip = (v: unknown, lo: number, hi: number): number | undefined => (typeof v === 'number' ? Math.min(hi, Math.max(lo, v)) : undefined);
  const values = rows.map((r) => ({ ...r, [`${metric}_low`]: clip(r[`${metric}_low`], 0, 1), [`${metric}_high`]: clip(r[`${metric}_high`], 0, 1), stock_days_low: clip(r.stock_days_low, 0, 1.5 * maxStock.get(r.group as string)!), stock_days_high: clip(r.stock_days_high, 0, 1.5 * maxStock.get(r.group as string)!) }));
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `${label} against average stock, by class (${split})`, subtitle: 'mean over SKUs; bars: 95 % t-intervals over SKUs (drawn clipped to [0, 1] and to 1.5 × the largest stock of the panel); dashed: the target' },
    data: { values },
    facet: { field: 'group', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'stock_days', type: 'quantitative', title: 'average on hand (days of demand)' }, y: { field: metric, type: 'quantitative', title: label, scale: { zero: false } }, color: { field: 'family', type: 'nominal', legend: { labelLimit: 0 } }, order: { field: 'stock_days', type: 'quantitative' } } },
        { mark: { type: 'rule', opacity: 0.5 }, encoding: { x: { field: 'stock_days', type: 'quantitative' }, y: { field: `${metric}_low`, type: 'quantitative' }, y2: { field: `${metric}_high` }, color: { field: 'family', type: 'nominal' } } },
        { mark: { type: 'rule', opacity: 0.5 }, encoding: { y: { field: metric, type: 'quantitative' }, x: { field: 'stock_days_low', type: 'quantitative' }, x2: { field: 'stock_days_high' }, color: { field: 'family', type: 'nominal' } } },
        ...(metric === 'fill_rate' ? [{ mark: { type: 'rule' as const, strokeDash: [4, 4], color: 'black' }, encoding: { y: { datum: target, type: 'quantitative' as const } } }] : []),
      ],
    },
  });
}

/** The figures of the page. */
export async function adaptiveFigures(curves: Row[], split: string, target: number): Promise<Record<string, string>> {
  return { 'tradeoff-fill': await tradeoffFigure(curves, split, 'fill_rate', 'fill rate', target), 'tradeoff-ready': await tradeoffFigure(curves, split, 'ready_rate', 'ready rate (no stock-out per day)', target) };
}

/** Mean over values with its t-interval (re-exported for the other adaptive experiments). */
export { estimateMean };
