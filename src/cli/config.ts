/**
 * `vitals config check <file> [--items <ndjson>]` and `vitals config schema`. Exit codes go through
 * process.exitCode so that tests can run the commands in-process.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ConfigIssue, VitalsConfig } from '../config';
import { configJsonSchema, formatIssues, loadConfig } from '../config';
import { mapItems } from '../mapping';
import type { SourceItem } from '../model';
import { sourceItemJsonSchema, sourceItemSchema } from '../model/source-item.schema';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };

export function registerConfig(program: Command): void {
  const config = program.command('config').description('check the config file, print its JSON Schema');
  config
    .command('check <file>')
    .description('validate a config (and optionally map an NDJSON item export through its rules)')
    .option('--items <ndjson>', 'SourceItem lines to map through the rules')
    .action((file: string, opts: { items?: string }) => {
      process.exitCode = runConfigCheck(file, opts, consoleOutput);
    });
  config
    .command('schema')
    .description('print the JSON Schema of the config file (or of an import line with --source-item)')
    .option('--source-item', 'print the SourceItem (NDJSON import) schema instead')
    .action((opts: { sourceItem?: boolean }) => {
      console.log(JSON.stringify(opts.sourceItem ? sourceItemJsonSchema() : configJsonSchema(), null, 2));
    });
}

/** Returns the exit code: 0 when the config (and items file) are valid, 1 otherwise. */
export function runConfigCheck(file: string, opts: { items?: string; env?: Record<string, string | undefined> }, io: Output): number {
  const loaded = loadConfig(file, opts.env ? { env: opts.env } : {});
  const itemsRead = opts.items ? readItems(opts.items) : null;
  const errors: ConfigIssue[] = [...(loaded.ok ? [] : loaded.errors), ...(itemsRead?.errors ?? [])];
  if (errors.length) {
    io.err(formatIssues(errors));
    io.err(`\n${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was changed.`);
    return 1;
  }
  if (!loaded.ok) return 1;
  summary(loaded.config, io);
  if (itemsRead) mappingReport(loaded.config, itemsRead.items, io);
  return 0;
}

function summary(c: VitalsConfig, io: Output): void {
  io.out(`config ok: ${c.file}`);
  io.out(`sources (${c.sources.length}): ${c.sources.map((s) => `${s.id} (${s.kind})`).join(', ')}`);
  io.out(`programs (${c.programs.length}):`);
  for (const { program: p, sources, rules } of c.programs) {
    io.out(`  ${p.id}  extends ${p.preset}  fed by ${sources.join(', ')}  ${rules.length} rules`);
    io.out(`    phases (${p.phases.length}): ${p.phases.map((ph) => `${ph.id} ${ph.start}..${ph.end}`).join(', ')}`);
    io.out(`    gates (${p.gates.length}): ${p.gates.map((g) => `${g.id}→${g.blocksPhase}`).join(', ')}`);
    io.out(`    sign-offs (${p.signoffs.length}): ${p.signoffs.map((s) => s.id + (s.goNoGo ? '*' : '')).join(', ')}  (* go/no-go panel)`);
    io.out(`    milestones (${p.milestones.length}): ${p.milestones.map((m) => `${m.id} ${m.baseline}`).join(', ') || 'none'}`);
  }
}

function mappingReport(c: VitalsConfig, items: SourceItem[], io: Output): void {
  const result = mapItems(c, items);
  io.out(`items: ${items.length} read, ${result.items.length} mapped, ${result.unmapped.length} unmapped`);
  const width = Math.max(4, ...Object.keys(result.byRule).map((k) => k.length));
  io.out(`  ${'rule'.padEnd(width)}  items`);
  for (const [rule, n] of Object.entries(result.byRule)) io.out(`  ${rule.padEnd(width)}  ${n}`);
  if (result.unmapped.length) {
    io.out(`unmapped (${result.unmapped.length})${result.unmapped.length > 5 ? ', first 5' : ''}:`);
    for (const u of result.unmapped.slice(0, 5)) io.out(`  ${u.uid}  ${u.reason}`);
  }
}

/** Parse NDJSON; each bad line is reported with its line number, and none of its content. */
export function readItems(path: string): { items: SourceItem[]; errors: ConfigIssue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { items: [], errors: [{ file: path, line: 1, col: 1, path: '', message: 'cannot read the items file', fix: 'check the path' }] };
  }
  const items: SourceItem[] = [];
  const errors: ConfigIssue[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ file: path, line: i + 1, col: 1, path: '', message: 'not valid JSON', fix: 'one JSON object per line' });
      return;
    }
    const parsed = sourceItemSchema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const where = issue.path.map(String).join('.');
        const unknown = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : null;
        errors.push({ file: path, line: i + 1, col: 1, path: where, message: unknown ?? issue.message, fix: 'see `vitals config schema --source-item`' });
      }
  });
  return { items, errors };
}
