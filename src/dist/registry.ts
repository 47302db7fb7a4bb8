/**
 * Dispatch from a spec to its kind's descriptor in a registry {kind: Distribution}: the one place
 * a spec's object shape and kind are checked (src/core/validate.ts messages).
 */
import { checkChoice, checkObject } from '../core/validate.ts';
import type { Distribution, SpecUnion } from './types.ts';

/** kind → descriptor (the descriptors' methods are bivariant, so each may take its own spec type) */
export type Registry = Record<string, Distribution<{ kind: string }>>;

/**
 * The descriptor of `spec`'s kind; TypeError "<name> must be an object, got …" when spec is not
 * an object, RangeError "<name>.kind must be one of …" when its kind is not registered.
 */
export function kindOf<R extends Registry>(registry: R, spec: unknown, name: string): Distribution<SpecUnion<R>> {
  const o = checkObject(spec, name);
  const kind = checkChoice(o.kind, `${name}.kind`, Object.keys(registry));
  return registry[kind] as Distribution<SpecUnion<R>>;
}
