/**
 * Exit codes of invlab (documented in the README and `invlab --help` of the commands that use
 * them): 0 success; 1 an unexpected failure; 2 bad input (nothing computed or written);
 * 3 partial success (a portfolio command computed some SKUs and reported the others with a
 * status and a reason; `--strict` turns any SKU error into exit 2); 130 interrupted (Ctrl-C).
 *
 * A command that finishes normally but with a code other than 0 sets it here; src/cli/main.ts
 * returns it (taking it resets it, so in-process runs do not leak codes into each other).
 */
export const EXIT_PARTIAL = 3;
export const EXIT_INTERRUPTED = 130;

let pending = 0;

/** The exit code of a command that returns normally (e.g. EXIT_PARTIAL). */
export function setExitCode(code: number): void {
  pending = code;
}

/** The code set by the command that just ran (0 if none), and reset it. */
export function takeExitCode(): number {
  const c = pending;
  pending = 0;
  return c;
}
