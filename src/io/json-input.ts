/**
 * Reading JSON inputs: a file (or - for standard input) or a command-line option holding JSON
 * text or @file. Every failure is an InputError naming the option or file: a missing or
 * unreadable file ("--params missing.json: cannot read file (ENOENT: no such file)"), bytes that
 * are not UTF-8 (with the byte offset), text that is not JSON.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/validate.ts';
import { decodeUtf8 } from './common-csv.ts';

const REASONS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'a parent is not a directory' };

/** "CODE: words" for a file-system error. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ? `${code}: ${REASONS[code] ?? (e as Error).message}` : (e as Error).message;
}

/** Parse JSON text, or an InputError naming `what`. */
export function parseJsonText(text: string, what: string, hint = ''): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${what}: not valid JSON (${(e as Error).message})${hint}`);
  }
}

/** A JSON file (path, or - for standard input), parsed; `what` names it in errors (e.g. '--params'). */
export function readJsonFile(path: string, what: string): unknown {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new InputError(`${what} ${path}: cannot read file (${describeFsError(e)})`);
  }
  return parseJsonText(decodeUtf8(bytes, `${what} ${path}`), `${what} ${path}`);
}

/** A JSON option: inline JSON text, or @file. */
export function jsonOption(flag: string, text: string): unknown {
  if (text.startsWith('@')) return readJsonFile(text.slice(1), flag);
  return parseJsonText(text, flag, '; give JSON text or @file');
}
