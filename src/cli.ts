/**
 * `vitals`: the command line. Each command lives in `src/cli/<name>.ts` and is listed in `src/cli/commands.ts`.
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './cli/commands';
import { readPackageVersion } from './paths';

export function buildProgram(): Command {
  const program = new Command()
    .name('vitals')
    .description('Health scoring, risk write-back and escalation for healthcare IT programs in Jira and Asana.')
    .version(readPackageVersion(), '-V, --version')
    .showHelpAfterError('(run `vitals --help` for the commands)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
