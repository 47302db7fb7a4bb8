/**
 * The one validation module: every check throws an error whose message names the field and the
 * rule it broke, so a CLI can print it as is. TypeError: wrong type or missing; RangeError: a
 * number outside its domain. Pure, no I/O.
 *
 *   checkNumber(x, 'demand.mean', 'positive')  →  "demand.mean must be a finite number > 0, got -1"
 */

/** Domains a number can be required to lie in. */
export type NumberRule = 'finite' | 'nonneg' | 'positive' | 'int0' | 'int1' | 'probability' | 'openProbability' | 'correlation';

/** The words each rule prints after "must be". */
export const RULE_WORDS: Readonly<Record<NumberRule, string>> = {
  finite: 'a finite number',
  nonneg: 'a finite number ≥ 0',
  positive: 'a finite number > 0',
  int0: 'an integer ≥ 0',
  int1: 'an integer ≥ 1',
  probability: 'a probability in [0, 1]',
  openProbability: 'a probability strictly between 0 and 1',
  correlation: 'a correlation in [−1, 1]',
};

/** Does x satisfy the rule? (false for non-numbers, NaN and ±Infinity) */
export function satisfies(x: unknown, rule: NumberRule): x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  switch (rule) {
    case 'finite':
      return true;
    case 'nonneg':
      return x >= 0;
    case 'positive':
      return x > 0;
    case 'int0':
      return Number.isInteger(x) && x >= 0;
    case 'int1':
      return Number.isInteger(x) && x >= 1;
    case 'probability':
      return x >= 0 && x <= 1;
    case 'openProbability':
      return x > 0 && x < 1;
    case 'correlation':
      return x >= -1 && x <= 1;
  }
}

/** A value as an error message shows it: strings quoted, undefined as 'nothing (missing)'. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * x as a number satisfying `rule`, or an error "<name> must be <rule words>, got <x>":
 * TypeError when x is not a number at all, RangeError otherwise.
 */
export function checkNumber(x: unknown, name: string, rule: NumberRule = 'finite'): number {
  if (satisfies(x, rule)) return x;
  const msg = `${name} must be ${RULE_WORDS[rule]}, got ${describeValue(x)}`;
  throw typeof x === 'number' ? new RangeError(msg) : new TypeError(msg);
}

/** A non-empty array of numbers, each satisfying `rule`; errors name the element, e.g. "values[3]". */
export function checkNumberArray(x: unknown, name: string, rule: NumberRule = 'finite'): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new TypeError(`${name} must be a non-empty array of numbers`);
  for (let i = 0; i < x.length; i++) checkNumber(x[i], `${name}[${i}]`, rule);
  return x as number[];
}

/** One of the allowed strings. */
export function checkChoice<T extends string>(x: unknown, name: string, choices: readonly T[]): T {
  if (typeof x === 'string' && (choices as readonly string[]).includes(x)) return x as T;
  throw new RangeError(`${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(x)}`);
}

/** A plain object (not null, not an array). */
export function checkObject(x: unknown, name: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new TypeError(`${name} must be an object, got ${describeValue(x)}`);
  return x as Record<string, unknown>;
}

/** Reject keys not in `known` (a misspelt option must not be ignored silently). */
export function checkKnownKeys(x: Record<string, unknown>, name: string, known: readonly string[]): void {
  for (const k of Object.keys(x)) {
    if (!known.includes(k)) throw new RangeError(`${name}: unknown field '${k}' (known: ${known.join(', ')})`);
  }
}

/**
 * A number (already checked by checkNumber) against a bound set by another field: x ≥ bound, or
 * x > bound when `strict`; otherwise a RangeError "<name> must be ≥ <boundName> (<bound>), got <x>"
 * ("must exceed" when strict).
 */
export function checkBound(x: number, name: string, bound: number, boundName: string, strict = false): number {
  if (strict ? x > bound : x >= bound) return x;
  throw new RangeError(`${name} must ${strict ? 'exceed' : 'be ≥'} ${boundName} (${bound}), got ${describeValue(x)}`);
}

/**
 * As checkNumber, with a note after the rule words (what the field means, when the words alone
 * would mislead): "<name> must be <rule words> (<note>), got <x>".
 */
export function checkNumberWithNote(x: unknown, name: string, rule: NumberRule, note: string): number {
  if (satisfies(x, rule)) return x;
  const msg = `${name} must be ${RULE_WORDS[rule]} (${note}), got ${describeValue(x)}`;
  throw typeof x === 'number' ? new RangeError(msg) : new TypeError(msg);
}

/** The domain each rule requires of a finite number, without the type words (for checkFiniteNumber). */
export const DOMAIN_WORDS: Readonly<Record<NumberRule, string>> = {
  finite: 'finite',
  nonneg: '≥ 0',
  positive: '> 0',
  int0: 'an integer ≥ 0',
  int1: 'an integer ≥ 1',
  probability: 'in [0, 1]',
  openProbability: 'in (0, 1)',
  correlation: 'in [−1, 1]',
};

/**
 * As checkNumber, in two steps, naming what is wrong: a value that is not a finite number gives
 * the TypeError "<name> must be a finite number, got <x>"; a finite number outside the domain the
 * RangeError "<name> must be <domain>, got <x>", e.g. "costs.holding must be > 0, got -1".
 */
export function checkFiniteNumber(x: unknown, name: string, rule: NumberRule = 'finite'): number {
  if (!satisfies(x, 'finite')) throw new TypeError(`${name} must be a finite number, got ${describeValue(x)}`);
  if (!satisfies(x, rule)) throw new RangeError(`${name} must be ${DOMAIN_WORDS[rule]}, got ${describeValue(x)}`);
  return x;
}

/**
 * One of the allowed strings, worded as people say it: "<name> must be 'a' or 'b', got <x>" for
 * two choices, "<name> must be one of 'a', 'b', 'c', got <x>" for more.
 */
export function checkAlternative<T extends string>(x: unknown, name: string, choices: readonly T[]): T {
  if (typeof x === 'string' && (choices as readonly string[]).includes(x)) return x as T;
  const quoted = choices.map((c) => `'${c}'`);
  const words = quoted.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `one of ${quoted.join(', ')}`;
  throw new RangeError(`${name} must be ${words}, got ${describeValue(x)}`);
}

/**
 * The words of the short message form, after "must": inequalities and intervals rather than
 * nouns ("must be > 0", "must lie in [−1, 1]"), the form the seed-004 model (correlated-rop)
 * has always printed and its users and tests read.
 */
export const SHORT_RULE_WORDS: Readonly<Record<NumberRule, string>> = {
  finite: 'be finite',
  nonneg: 'be ≥ 0',
  positive: 'be > 0',
  int0: 'be a non-negative integer',
  int1: 'be a positive integer',
  probability: 'lie in [0, 1]',
  openProbability: 'lie strictly between 0 and 1',
  correlation: 'lie in [−1, 1]',
};

/** A value in the short message form: strings as 'the string "x"', otherwise as describeValue. */
function describeShort(value: unknown): string {
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : describeValue(value);
}

/**
 * x as a number satisfying `rule`, with the short message form:
 *  - not a number, or NaN: TypeError "<name> must be a number, got <x>" (a string as 'the string "5"');
 *  - ±Infinity: RangeError "<name> must be finite, got Infinity";
 *  - outside the rule: RangeError "<name> must <SHORT_RULE_WORDS[rule]> (<why>), got <x>", the
 *    parenthesis only when `why` is given (e.g. why a service level of 0 or 1 is excluded).
 */
export function checkNumberShort(x: unknown, name: string, rule: NumberRule = 'finite', why?: string): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new TypeError(`${name} must be a number, got ${describeShort(x)}`);
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be finite, got ${x}`);
  if (satisfies(x, rule)) return x;
  throw new RangeError(`${name} must ${SHORT_RULE_WORDS[rule]}${why === undefined ? '' : ` (${why})`}, got ${x}`);
}

/**
 * Bad input (a data file, a JSON document, a command-line option): the one error type for input
 * the user must fix. The CLI prints its message without a stack trace and exits with code 2.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** Levenshtein edit distance (for "did you mean" suggestions; short words only). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The known name nearest to `word` (case-insensitive edit distance at most max(2, ⅓ of its
 * length)), or undefined when none is close: `nearestName('replication', ['replications'])`.
 */
export function nearestName(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const k of known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** A plain decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of a plain decimal number text, or NaN for anything else: hexadecimal ('0x10'),
 * binary, 'Infinity', '', whitespace inside, trailing garbage ('12abc') and values that
 * overflow to ±Infinity ('1e400') are all NaN (unlike Number(), which reads '0x10' as 16).
 */
export function parseDecimal(text: string): number {
  if (!DECIMAL.test(text)) return NaN;
  const x = Number(text);
  return Number.isFinite(x) ? x : NaN;
}
