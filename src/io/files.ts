/**
 * File output that never leaves a half-written file: write to a temporary sibling, then rename
 * (atomic on one file system); on any failure the temporary file is removed. Output paths can be
 * checked before a long computation (checkOutputPath), and JSON output checked finite
 * (writeFiniteJsonAtomic).
 */
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/validate.ts';

/** Write text to path atomically, creating parent folders; no temporary file is left behind. */
export function writeFileAtomic(path: string, content: string | NodeJS.ArrayBufferView): void {
  if (isDirectory(path)) throw new InputError(`${path}: is a directory; give a file path`);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write a value as pretty JSON atomically (non-finite numbers become null, as JSON requires). */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** As writeJsonAtomic, but refuses (writing nothing) when any number in value is NaN or ±Infinity. */
export function writeFiniteJsonAtomic(path: string, value: unknown): void {
  assertFinite(value, path);
  writeJsonAtomic(path, value);
}

/** The JSON path of the first non-finite number in value, or undefined. */
export function firstNonFinite(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = firstNonFinite(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = firstNonFinite(v, `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

/** An error naming `what` and the path when value holds a NaN or ±Infinity (an output must be finite). */
export function assertFinite(value: unknown, what: string): void {
  const p = firstNonFinite(value);
  if (p !== undefined) throw new Error(`${what}: not written: ${p} is not a finite number (an input near the limits of floating point?)`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Check, before any computation, that `path` (the value of `flag`) can be written: not a
 * directory, and its nearest existing ancestor a writable directory. An InputError otherwise,
 * e.g. "--out results: is a directory; give a file path, e.g. results/out.csv".
 */
export function checkOutputPath(path: string | undefined, flag: string): void {
  if (path === undefined) return;
  if (path === '') throw new InputError(`${flag}: give a file path`);
  if (isDirectory(path)) throw new InputError(`${flag} ${path}: is a directory; give a file path, e.g. ${path.replace(/[\\/]+$/, '')}/out${flag.includes('polic') ? '.json' : '.csv'}`);
  let dir = dirname(resolve(path));
  for (;;) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
      continue;
    }
    if (!st.isDirectory()) throw new InputError(`${flag} ${path}: ${dir} is a file, not a folder`);
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new InputError(`${flag} ${path}: the folder ${dir} is not writable`);
    }
    return;
  }
}
