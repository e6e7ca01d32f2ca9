/** `vitals report --program <id> --format html|md|csv [--out file]`: the weekly steering-committee status report. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { apiDepsFromRuntime } from '../api';
import { PortfolioService } from '../api/portfolio-service';
import { renderReport, type ReportFormat } from '../report';
import { openPipeline } from './pipeline-env';

const FORMATS: ReportFormat[] = ['html', 'md', 'csv'];

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the weekly steering-committee status report of a program (from its latest snapshot)')
    .requiredOption('-c, --config <file>', 'the config file')
    .requiredOption('--program <id>', 'the program id')
    .option('--format <format>', 'html, md or csv', 'html')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (o: { config: string; program: string; format: string; out?: string }) => {
      if (!FORMATS.includes(o.format as ReportFormat)) {
        console.error(`vitals report: --format must be one of ${FORMATS.join(', ')} (got "${o.format}")`);
        process.exitCode = 2;
        return;
      }
      const env = await openPipeline(o.config, 'report', 'warn');
      try {
        const deps = apiDepsFromRuntime(env.runtime);
        const program = deps.catalog.get(o.program);
        if (!program) {
          console.error(`vitals report: no program "${o.program}" in ${o.config}; programs: ${deps.catalog.list().map((p) => p.id).join(', ')}`);
          process.exitCode = 2;
          return;
        }
        const detail = await new PortfolioService(deps.store, deps.catalog, deps.clock).detail(program);
        if (!detail.value.summary.evaluatedAt) console.error(`vitals report: program ${o.program} has no snapshot yet; run \`vitals sync --once\` first. Writing an empty report.`);
        const text = renderReport(o.format as ReportFormat, { program, detail: detail.value, now: deps.clock() });
        if (o.out) {
          writeFileSync(o.out, text);
          console.log(`vitals report: wrote ${o.out} (${o.format}, ${text.length} bytes)`);
        } else process.stdout.write(text);
      } finally {
        await env.close();
      }
    });
}
