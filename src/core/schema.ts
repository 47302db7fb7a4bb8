/**
 * Schema validation of JSON inputs with zod (TypeScript-first, strict objects, typed results):
 * parseWithSchema checks a parsed JSON value against a schema and turns the first problems into
 * one InputError in the user's words, naming the source and the JSON path:
 *
 *   --spec run.json: unknown key 'replication'; did you mean 'replications'?
 *   --spec run.json: replications must be a number, got the string "10"
 *   --demand: mean must be ≤ 1000000000000 (larger means overflow sums of squares), got 1e+308
 */
import type { z } from 'zod';
import { describeValue, InputError, nearestName } from './validate.ts';

type Issue = z.core.$ZodIssue;

/** The words for a type zod expected. */
const TYPE_WORDS: Record<string, string> = { number: 'a number', int: 'a whole number', object: 'an object', array: 'an array', string: 'a string', boolean: 'true or false', literal: 'a fixed value' };

/** A JSON path: root, then `.key` and `[i]` segments ('' for the whole document). */
export function jsonPath(root: string, path: readonly PropertyKey[]): string {
  let s = root;
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

function describeInput(issue: Issue): string {
  const received = (issue as { received?: unknown }).received;
  if (received === 'NaN' || received === 'Infinity' || received === '-Infinity') return String(received);
  const input = issue.input;
  return typeof input === 'string' ? `the string ${JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)}` : describeValue(input);
}

/** Allowed keys of the object a key issue is about, when the schema knows them. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  let s: unknown = schema;
  let v: unknown = input;
  for (const k of path) {
    s = childSchema(s, v, k);
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return shapeKeys(s, v);
}

function unwrap(s: unknown): unknown {
  let d = (s as { _zod?: { def?: { type?: string; innerType?: unknown } } })?._zod?.def;
  while (d && (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'pipe' || d.type === 'lazy')) {
    const next = d.type === 'pipe' ? (d as { in?: unknown }).in : d.type === 'lazy' ? (d as { getter?: () => unknown }).getter?.() : d.innerType;
    s = next;
    d = (s as { _zod?: { def?: { type?: string; innerType?: unknown } } })?._zod?.def;
  }
  return s;
}

/** The member of a (discriminated) union that matches value's kind, or the schema itself. */
function pickMember(s: unknown, value: unknown): unknown {
  s = unwrap(s);
  const def = (s as { _zod: { def: { type: string; options?: unknown[]; discriminator?: string } } })._zod?.def;
  if (def?.type === 'union' && def.options) {
    const kind = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[def.discriminator ?? 'kind'] : undefined;
    const hit = def.options.find((o) => {
      const sh = (unwrap(o) as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
      const lit = sh?.[def.discriminator ?? 'kind'];
      return (lit as { _zod?: { def?: { values?: unknown[] } } })?._zod?.def?.values?.includes(kind);
    });
    return hit === undefined ? s : unwrap(hit);
  }
  return s;
}

function childSchema(s: unknown, value: unknown, key: PropertyKey): unknown {
  s = pickMember(s, value);
  const def = (s as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } } })._zod?.def;
  if (!def) return undefined;
  if (def.type === 'object') return def.shape?.[String(key)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

function shapeKeys(s: unknown, value: unknown): string[] {
  const m = pickMember(s, value);
  const shape = (m as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** One issue in the user's words, its path prefixed by `root`. */
export function formatIssue(issue: Issue, root: string, schema?: z.ZodType, input?: unknown): string {
  const p = jsonPath(root, issue.path);
  const at = p === '' ? 'the value' : p;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = schema ? knownKeys(schema, issue.path, input) : [];
      return issue.keys
        .map((k) => {
          const near = nearestName(k, known);
          const where = p === '' ? '' : ` in ${p}`;
          return `unknown key '${k}'${where}; ${near ? `did you mean '${near}'?` : known.length ? `known keys: ${known.join(', ')}` : 'remove it'}`;
        })
        .join('; ');
    }
    case 'invalid_type':
      return `${at} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${issue.input === undefined && !(issue as { received?: unknown }).received ? 'nothing (missing)' : describeInput(issue)}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum;
      const incl = (issue as { inclusive?: boolean }).inclusive !== false;
      const why = /^Too (big|small)/.test(issue.message) ? '' : ` (${issue.message})`;
      if ((issue as { origin?: string }).origin === 'array') return `${at} must have ${big ? 'at most' : 'at least'} ${limit} element(s)${why}`;
      if ((issue as { origin?: string }).origin === 'string') return `${at} must have ${big ? 'at most' : 'at least'} ${limit} character(s)${why}`;
      return `${at} must be a finite number ${big ? (incl ? '≤' : '<') : incl ? '≥' : '>'} ${limit}${why}, got ${describeInput(issue)}`;
    }
    case 'invalid_value':
      return `${at} must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${describeInput(issue)}`;
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator !== undefined && u.options) {
        const got = issue.input !== null && typeof issue.input === 'object' ? (issue.input as Record<string, unknown>)[u.discriminator] : undefined;
        const near = typeof got === 'string' ? nearestName(got, u.options.map(String)) : undefined;
        return `${at} must be one of ${u.options.map((o) => `'${String(o)}'`).join(', ')}, got ${describeValue(got)}${near ? `; did you mean '${near}'?` : ''}`;
      }
      return `${at} ${issue.message}`;
    }
    default:
      return `${at}: ${issue.message}`;
  }
}

/**
 * value checked against schema, or an InputError "<source>: <problem>[; <problem>…]" (the first
 * three problems) naming each JSON path below `root`.
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown, source: string, root = ''): z.output<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const issues = r.error.issues;
  const text = issues.slice(0, 3).map((i) => formatIssue(i, root, schema, value));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new InputError(`${source}: ${text.join('; ')}${more}`);
}
