/**
 * The invlab command line. Each command lives in src/cli/commands/<name>.ts and registers
 * itself on the program; this file only wires them and handles errors uniformly:
 * bad input → message naming the field and rule, exit code 2; anything else → exit 1.
 * Commands are loaded lazily: `invlab simulate` loads the simulator and nothing of the models.
 */
import { Command, CommanderError } from 'commander';
import { packageVersionFromCli } from './version.ts';
import { takeExitCode } from './exit-code.ts';
import { InputError } from '../core/validate.ts';

type Register = (program: Command) => void;

/** Every command: its name and how to load its registration (one line per command). */
const COMMANDS: [string, () => Promise<Register>][] = [
  ['models', async () => (await import('./commands/models.ts')).registerModels],
  ['solve', async () => (await import('./commands/solve.ts')).registerSolve],
  ['policy', async () => (await import('./commands/policy.ts')).registerPolicy],
  ['sql', async () => (await import('./commands/sql.ts')).registerSql],
  ['validate', async () => (await import('./commands/validate.ts')).registerValidate],
  ['simulate', async () => (await import('./commands/simulate.ts')).registerSimulate],
  ['check', async () => (await import('./commands/check.ts')).registerCheck],
  ['screen', async () => (await import('./commands/screen.ts')).registerScreen],
  ['report', async () => (await import('./commands/report.ts')).registerReport],
  ['forecast', async () => (await import('./commands/forecast.ts')).registerForecast],
  ['backtest', async () => (await import('./commands/backtest.ts')).registerBacktest],
  ['merge', async () => (await import('./commands/merge.ts')).registerMerge],
];

/** The program with the commands `argv` needs: the one it names, or all (for help, or a typo). */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('invlab')
    .description('Inventory-policy workbench: models from published papers, checked by Monte Carlo simulation.')
    .version(packageVersionFromCli())
    .showHelpAfterError()
    .exitOverride();
  const named = argv.find((a) => !a.startsWith('-'));
  const one = COMMANDS.find(([name]) => name === named);
  for (const [, load] of one ? [one] : COMMANDS) (await load())(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    takeExitCode();
    await program.parseAsync(argv, { from: 'user' });
    return takeExitCode();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const e = err as Error;
    const isInput = e instanceof InputError || e instanceof RangeError || e instanceof TypeError || e.name === 'UsageError' || e.name === 'InputError';
    process.stderr.write(`invlab: ${e.message}\n`);
    if (!isInput && process.env.INVLAB_DEBUG) process.stderr.write(`${e.stack}\n`);
    return isInput ? 2 : 1;
  }
}

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])(?:main\.[tj]s|invlab(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  // A closed pipe (`invlab models | head`) is a normal end of output, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2));
}
