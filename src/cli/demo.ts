import type { Command } from 'commander';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the pipeline against the built-in Jira and Asana sandboxes with two seeded programs')
    .action(() => {
      console.log('vitals demo: not yet; the pipeline lands with issue "Pipeline end to end".');
    });
}
