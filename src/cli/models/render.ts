/**
 * The text of `invlab solve <id>` without --json, from the model's result view (data in
 * src/models/<id>/render.ts): lines with formatted values, tables and conditions.
 */
import type { Cell, Row } from '../../io/csv-write.ts';
import { fmt, markdownTable } from '../../io/markdown.ts';
import type { ResultView, ViewBlock, ViewCell, ViewCondition, ViewPath, ViewText } from '../../models/meta.ts';
import type { InventoryPolicy } from '../../policy/types.ts';

/** A short description of a policy, e.g. "sQ s=12.3 Q=40". */
export function describePolicy(p: InventoryPolicy): string {
  const r = (x: number): string => (Math.round(x * 100) / 100).toString();
  switch (p.kind) {
    case 'sQ':
      return `sQ s=${r(p.reorderPoint)} Q=${r(p.lotSize)}`;
    case 'sS':
      return `sS s=${r(p.reorderPoint)} S=${r(p.orderUpTo)}`;
    case 'RS':
      return `RS R=${p.reviewPeriod} S=${r(p.orderUpTo)}`;
    case 'RsS':
      return `RsS R=${p.reviewPeriod} s=${r(p.reorderPoint)} S=${r(p.orderUpTo)}`;
    case 'RsQ':
      return `RsQ R=${p.reviewPeriod} s=${r(p.reorderPoint)} Q=${r(p.lotSize)}`;
    case 'adaptive':
      return `adaptive R=${p.reviewPeriod} ${p.forecaster.method}`;
  }
}

/** What a view is rendered against: the current object and the solve settings ('@name'). */
interface Scope {
  at: unknown;
  settings: Readonly<Record<string, unknown>>;
}

function valueAt(scope: Scope, path: ViewPath): unknown {
  if (path.startsWith('@')) return scope.settings[path.slice(1)];
  if (path === '.') return scope.at;
  let x: unknown = scope.at;
  for (const key of path.split('.')) x = x === null || x === undefined ? undefined : (x as Record<string, unknown>)[key];
  return x;
}

function holds(scope: Scope, c: ViewCondition): boolean {
  if ('not' in c) return !holds(scope, c.not);
  if ('defined' in c) return valueAt(scope, c.defined) !== undefined;
  if ('truthy' in c) return Boolean(valueAt(scope, c.truthy));
  if ('equals' in c) return valueAt(scope, c.equals) === c.value;
  return (valueAt(scope, c.greaterThan) as number) > c.value;
}

/** One `{path:format}` placeholder as text. */
function formatValue(x: unknown, format: string | undefined): string {
  if (format === undefined) return String(x);
  const digits = (prefix: string, fallback: number): number => (format.length > prefix.length ? Number(format.slice(prefix.length)) : fallback);
  if (format.startsWith('fmt')) return fmt(x as Cell, digits('fmt', 4));
  if (format.startsWith('fixed')) return (x as number).toFixed(digits('fixed', 0));
  if (format.startsWith('trim')) return String(+(x as number).toFixed(digits('trim', 0)));
  if (format.startsWith('percent')) return (100 * (x as number)).toFixed(digits('percent', 0));
  if (format === 'policy') return describePolicy(x as InventoryPolicy);
  throw new TypeError(`result view: unknown format '${format}'`);
}

function text(scope: Scope, t: ViewText): string {
  const fill = (s: string): string => s.replace(/\{([^{}:]+)(?::([a-z]+\d*))?\}/g, (_, path: string, format?: string) => formatValue(valueAt(scope, path), format));
  if (typeof t === 'string') return fill(t);
  return t.map((part) => (typeof part === 'string' ? fill(part) : holds(scope, part.when) ? fill(part.text) : '')).join('');
}

function cell(scope: Scope, c: ViewCell): Cell {
  if (typeof c === 'string') return valueAt(scope, c) as Cell;
  if ('text' in c) return text(scope, c.text);
  if ('literal' in c) return c.literal;
  const hit = c.cases.find((k) => holds(scope, k.when));
  return cell(scope, hit ? hit.cell : c.otherwise);
}

function row(scope: Scope, spec: Record<string, ViewCell>): Row {
  return Object.fromEntries(Object.entries(spec).map(([k, c]) => [k, cell(scope, c)]));
}

function table(scope: Scope, t: Extract<ViewBlock, { table: unknown }>['table']): string {
  const rows = t.each !== undefined ? (valueAt(scope, t.each) as unknown[]).map((e) => row({ ...scope, at: e }, t.columns!)) : t.rows!.map((r) => row(scope, r));
  return markdownTable(rows, t.order, t.decimals ?? {}, t.defaultDecimals ?? 4);
}

function block(scope: Scope, b: ViewBlock): string[] {
  if (b.when !== undefined && !holds(scope, b.when)) return [];
  if ('blocks' in b) {
    const inner = b.at === undefined ? scope : { ...scope, at: valueAt(scope, b.at) };
    return b.blocks.flatMap((x) => block(inner, x));
  }
  if ('table' in b) return [table(scope, b.table)];
  if ('eachLine' in b) return ((valueAt(scope, b.eachLine) as unknown[]) ?? []).map((e) => text({ ...scope, at: e }, b.line));
  return [text(scope, b.line)];
}

/** The text of a result: every block's lines joined by newlines. */
export function renderResult(view: ResultView, result: unknown, settings: Readonly<Record<string, unknown>> = {}): string {
  const scope: Scope = { at: result, settings };
  return view.flatMap((b) => block(scope, b)).join('\n');
}
