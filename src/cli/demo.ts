import type { Command } from 'commander';
import { runDemo } from '../demo/run';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the pipeline against the built-in Jira and Asana sandboxes with two seeded programs')
    .option('--verbose', 'print the JSON logs of the run')
    .option('--serve', 'keep serving the dashboard until Ctrl-C (the default in a terminal)')
    .option('--no-serve', 'close the dashboard once the run is printed')
    .option('-p, --port <n>', 'dashboard port (default: server.port of the demo config)')
    .action(async (opts: { verbose?: boolean; serve?: boolean; port?: string }) => {
      await runDemo({
        verbose: opts.verbose === true,
        ...(opts.serve !== undefined ? { serve: opts.serve } : {}),
        ...(opts.port ? { port: Number(opts.port) } : {}),
      });
    });
}
