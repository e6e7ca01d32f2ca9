/**
 * `vitals audit export --program <id> --from <date> --to <date> --format csv|json [--out file] --config <file>`:
 * the audit stream of one program for an auditor: who or what acted, when, on which item and version, under which
 * rule; alert deliveries with their level and channel; acknowledgements and snoozes with the person.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../clock';
import { AuditExportError, exportAudit, type AuditFormat } from '../pipeline/deliver/audit-export';
import { exportRange } from '../pipeline/deliver/audit-export';
import { openPipeline } from './pipeline-env';

interface ExportOptions {
  config: string;
  program: string;
  from: string;
  to: string;
  format: string;
  out?: string;
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('audit evidence');
  audit
    .command('export')
    .description('export the audit stream of one program and date range as CSV or JSON')
    .requiredOption('-c, --config <file>', 'the config file')
    .requiredOption('--program <id>', 'program id')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC) or ISO date-time')
    .requiredOption('--to <date>', 'last day, inclusive (YYYY-MM-DD, UTC) or ISO date-time')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (o: ExportOptions) => {
      try {
        // Bad input is reported before anything is opened.
        if (o.format !== 'csv' && o.format !== 'json') throw new AuditExportError(`--format ${o.format}: use csv or json`);
        exportRange(o.from, o.to);
      } catch (err) {
        process.stderr.write(`vitals audit export: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const env = await openPipeline(o.config, 'audit', 'warn');
      try {
        if (!env.config.programs.some((p) => p.program.id === o.program)) {
          process.stderr.write(`vitals audit export: program ${o.program} is not in ${o.config} (known: ${env.config.programs.map((p) => p.program.id).join(', ')})\n`);
          process.exitCode = 2;
          return;
        }
        const res = await exportAudit(env.runtime.deps.store.audit, { program: o.program, from: o.from, to: o.to, format: o.format as AuditFormat }, systemClock());
        if (o.out) {
          writeFileSync(o.out, res.text, 'utf8');
          process.stdout.write(`wrote ${res.rows.length} audit entries to ${o.out}\n`);
        } else process.stdout.write(res.text);
      } finally {
        await env.close();
      }
    });
}
