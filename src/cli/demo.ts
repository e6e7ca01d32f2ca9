import type { Command } from 'commander';
import { runDemo } from '../demo/run';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the pipeline against the built-in Jira and Asana sandboxes with two seeded programs')
    .option('--verbose', 'print the JSON logs of the run')
    .action(async (opts: { verbose?: boolean }) => {
      await runDemo({ verbose: opts.verbose === true });
    });
}
