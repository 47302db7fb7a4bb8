/**
 * YAML check files (*.yaml, *.yml) for `invlab check`: the same schema as invlab.check.json
 * (src/cli/check/schema.ts), read with the \`yaml\` package (YAML 1.2 core schema), with the line of
 * each check for the GitHub annotations and a hash update for --update-baseline that keeps the
 * file's layout and comments.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../core/validate.ts';
import { decodeUtf8 } from '../../io/common-csv.ts';
import { describeFsError } from '../../io/json-input.ts';

/** A YAML check file (.yaml, .yml): same schema as JSON. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * A YAML check file's value (YAML 1.2 core schema; duplicate keys and more than 100 alias
 * expansions are errors) and the line of each check (the start of its item in `checks`).
 */
export function readYamlCheckFile(path: string, shown: string): { value: unknown; lines: Map<string, number> } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`check file ${path}: cannot read file (${describeFsError(e)})`);
  }
  const text = decodeUtf8(bytes, `check file ${shown}`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw new InputError(`check file ${shown}: line ${at.line}, column ${at.col}: not valid YAML (${err.message.split('\n')[0]})`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(`check file ${shown}: ${(e as Error).message}`);
  }
  const lines = new Map<string, number>();
  const checks = isMap(doc.contents) ? doc.contents.get('checks', true) : undefined;
  if (isSeq(checks))
    for (const item of checks.items) {
      const name = isMap(item) ? item.get('name', true) : undefined;
      if (isScalar(name) && typeof name.value === 'string' && item && (item as { range?: number[] }).range) lines.set(name.value, lineCounter.linePos((item as { range: number[] }).range[0]!).line);
    }
  return { value, lines };
}

/** withHash of src/cli/commands/check.ts for a YAML check file: the first `sha256:` after the check's `name:` line. */
export function withYamlHash(text: string, name: string, sha256: string): string {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = text.search(new RegExp(`(^|\\n)[ \\t-]*name:[ \\t]*(["']?)${esc}\\2[ \\t]*(#.*)?(\\r?\\n|$)`));
  if (at < 0) return text;
  const rest = text.slice(at).replace(/sha256:[ \t]*("[0-9a-f]*"|'[0-9a-f]*'|[0-9a-f]*)/, `sha256: "${sha256}"`);
  return text.slice(0, at) + rest;
}
