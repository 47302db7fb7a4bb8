/**
 * The invlab command line. Each command lives in src/cli/commands/<name>.ts and registers
 * itself on the program; this file only wires them and handles errors uniformly:
 * bad input → message naming the field and rule, exit code 2; anything else → exit 1.
 */
import { Command, CommanderError } from 'commander';
import { registerModels } from './commands/models.ts';
import { registerSolve } from './commands/solve.ts';
import { registerPolicy } from './commands/policy.ts';
import { registerValidate } from './commands/validate.ts';
import { registerSimulate } from './commands/simulate.ts';
import { packageVersionFromCli } from './version.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('invlab')
    .description('Inventory-policy workbench: models from published papers, checked by Monte Carlo simulation.')
    .version(packageVersionFromCli())
    .showHelpAfterError()
    .exitOverride();
  registerModels(program);
  registerSolve(program);
  registerPolicy(program);
  registerValidate(program);
  registerSimulate(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const e = err as Error;
    const isInput = e instanceof RangeError || e instanceof TypeError || e.name === 'UsageError' || e.name === 'InputError';
    process.stderr.write(`invlab: ${e.message}\n`);
    if (!isInput && process.env.INVLAB_DEBUG) process.stderr.write(`${e.stack}\n`);
    return isInput ? 2 : 1;
  }
}

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])(?:main\.ts|invlab(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  // A closed pipe (`invlab models | head`) is a normal end of output, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2));
}
