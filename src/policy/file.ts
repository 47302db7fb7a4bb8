/**
 * The policy file: what `invlab policy --policies-out` writes and `invlab simulate --policy`
 * reads. One versioned shape, described by ./policy-file.schema.json:
 *
 *   { "format": "invlab-policies", "version": 1, "policies": [ InventoryPolicy, … ] }
 *
 * Each policy carries its SKU in origin.sku. For compatibility the reader also accepts what
 * earlier versions wrote or printed: a bare array of policies, one policy, `invlab solve --json`
 * output (an object with `policy`), or `invlab policy --json` output (`results[].policy`).
 */
import { InputError } from '../core/validate.ts';
import { parseWithSchema } from '../core/schema.ts';
import { policyFileHeaderSchema, policySchema } from './schema.ts';
import type { InventoryPolicy } from './types.ts';
import { validatePolicy } from './validate.ts';

export const POLICY_FILE_FORMAT = 'invlab-policies';
export const POLICY_FILE_VERSION = 1;

export interface PolicyFile {
  format: typeof POLICY_FILE_FORMAT;
  version: typeof POLICY_FILE_VERSION;
  policies: InventoryPolicy[];
}

/** A policy and the SKU it is for (from origin.sku or an enclosing `sku` field). */
export interface NamedPolicy {
  policy: InventoryPolicy;
  sku: string | undefined;
}

/** Wrap policies in the current file format. */
export function policyFile(policies: InventoryPolicy[]): PolicyFile {
  return { format: POLICY_FILE_FORMAT, version: POLICY_FILE_VERSION, policies };
}

/** A policy document that cannot be read; the message names the source and the JSON path. */
export class PolicyFileError extends InputError {
  override name = 'PolicyFileError';
}

function checkHeader(o: Record<string, unknown>, source: string): void {
  if (o.format !== POLICY_FILE_FORMAT) throw new PolicyFileError(`${source}: $.format must be '${POLICY_FILE_FORMAT}', got ${JSON.stringify(o.format)}`);
  if (o.version !== POLICY_FILE_VERSION) throw new PolicyFileError(`${source}: $.version ${JSON.stringify(o.version)} is not supported (this invlab reads version ${POLICY_FILE_VERSION})`);
  if (!Array.isArray(o.policies)) throw new PolicyFileError(`${source}: $.policies must be an array of policies`);
  schemaCheck(() => parseWithSchema(policyFileHeaderSchema, o, source, '$'));
}

/** Run a schema check, re-throwing its InputError as a PolicyFileError. */
function schemaCheck<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new PolicyFileError(e.message);
    throw e;
  }
}

/**
 * Every policy in a parsed JSON document (any accepted shape), validated; errors name the
 * source and the JSON path of the bad policy.
 */
export function readPolicyDocument(doc: unknown, source: string): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  const visit = (x: unknown, sku: string | undefined, path: string): void => {
    if (Array.isArray(x)) {
      x.forEach((e, i) => visit(e, sku, `${path}[${i}]`));
      return;
    }
    if (x === null || typeof x !== 'object') throw new PolicyFileError(`${source}: ${path} is not a policy (expected an object with 'kind', 'policy', 'policies' or 'results')`);
    const o = x as Record<string, unknown>;
    const here = typeof o.sku === 'string' ? o.sku : sku;
    if (path === '$' && o.format !== undefined) checkHeader(o, source);
    if (typeof o.kind === 'string') {
      const p = o as unknown as InventoryPolicy;
      try {
        validatePolicy(p, path);
      } catch (e) {
        throw new PolicyFileError(`${source}: ${(e as Error).message}`);
      }
      schemaCheck(() => parseWithSchema(policySchema, o, source, path));
      out.push({ policy: p, sku: p.origin?.sku ?? here });
    } else if (o.policy !== undefined) visit(o.policy, here, `${path}.policy`);
    else if (o.policies !== undefined) visit(o.policies, here, `${path}.policies`);
    else if (o.results !== undefined) visit(o.results, here, `${path}.results`);
    else throw new PolicyFileError(`${source}: ${path} has no policy (expected 'kind', 'policy', 'policies' or 'results')`);
  };
  visit(doc, undefined, '$');
  if (out.length === 0) throw new PolicyFileError(`${source}: no policy found`);
  return out;
}
