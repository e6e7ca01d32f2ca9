/**
 * `vitals evaluate --config <file> --items <items.ndjson> [--history <file>] --now <ISO> [--json]`: maps the
 * items onto each program and runs the health engine. A readable report by default; `--json` prints the full
 * result with sorted keys (`config/schemas/evaluation.schema.json`), byte-identical for the same inputs.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatIssues, loadConfig } from '../config';
import type { ProgramConfig } from '../config';
import { evaluateProgram } from '../health';
import { stableStringify } from '../health/stable-json';
import { mapProgramItems } from '../mapping';
import type { ProgramEvaluation, ProgramHistory, WorkItem } from '../model';
import { addDays, mondayOf, toLocalDate } from '../risk/business-calendar';
import { readItems } from './config';
import { formatReport } from '../health/report';

interface EvaluateOptions {
  config: string;
  items: string;
  history?: string;
  now: string;
  json?: boolean;
  program?: string;
}

/** Weekly done counts from the items' completed dates, zero weeks included, complete weeks before `now` only. */
export function deriveHistory(items: WorkItem[], timeZone: string, now: Date): ProgramHistory {
  const counts = new Map<string, number>();
  for (const it of items) {
    if (it.status !== 'done') continue;
    const d = toLocalDate(it.source.completed, timeZone);
    if (!d) continue;
    const w = mondayOf(d);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const thisWeek = mondayOf(toLocalDate(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10));
  const weeks = [...counts.keys()].filter((w) => w < thisWeek).sort();
  const throughput: ProgramHistory['throughput'] = [];
  for (let w = weeks[0]; w !== undefined && w < thisWeek; w = addDays(w, 7)) throughput.push({ weekStart: w, done: counts.get(w) ?? 0 });
  return { throughput, scores: [] };
}

function isHistory(v: unknown): v is ProgramHistory {
  if (!v || typeof v !== 'object') return false;
  const t = (v as { throughput?: unknown }).throughput;
  return Array.isArray(t) && t.every((w: unknown) => !!w && typeof w === 'object' && typeof (w as { weekStart?: unknown }).weekStart === 'string' && typeof (w as { done?: unknown }).done === 'number');
}

function withScores(h: ProgramHistory): ProgramHistory {
  return { throughput: h.throughput, scores: Array.isArray(h.scores) ? h.scores : [] };
}

/** A history file holds one ProgramHistory for every program, or `{ "<program id>": ProgramHistory }`. */
export function readHistory(file: string): { ok: true; forProgram: (id: string) => ProgramHistory | null } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ok: false, error: `${file}: cannot read or parse the history file (JSON expected)` };
  }
  if (isHistory(value)) return { ok: true, forProgram: () => withScores(value) };
  if (value && typeof value === 'object' && Object.values(value).every(isHistory)) {
    const byId = value as Record<string, ProgramHistory>;
    return { ok: true, forProgram: (id) => (byId[id] ? withScores(byId[id]) : null) };
  }
  return { ok: false, error: `${file}: expected {"throughput":[{"weekStart":"YYYY-MM-DD","done":n}]} or an object of those by program id` };
}

export function runEvaluate(opts: EvaluateOptions): { code: number; out: string; err: string } {
  const nowMs = Date.parse(opts.now);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(opts.now) || !Number.isFinite(nowMs)) {
    return { code: 2, out: '', err: `--now: expected an ISO 8601 time such as 2026-06-01T09:00:00Z, got ${JSON.stringify(opts.now)}\n` };
  }
  const now = new Date(nowMs);
  const loaded = loadConfig(opts.config);
  if (!loaded.ok) return { code: 2, out: '', err: `${formatIssues(loaded.errors)}\n` };
  const read = readItems(opts.items);
  if (read.errors.length) return { code: 2, out: '', err: `${formatIssues(read.errors)}\n` };
  const history = opts.history ? readHistory(opts.history) : null;
  if (history && !history.ok) return { code: 2, out: '', err: `${history.error}\n` };
  let programs: ProgramConfig[] = loaded.config.programs;
  if (opts.program) {
    programs = programs.filter((p) => p.program.id === opts.program);
    if (!programs.length) {
      const known = loaded.config.programs.map((p) => p.program.id).join(', ');
      return { code: 2, out: '', err: `--program: no program ${JSON.stringify(opts.program)} in ${opts.config} (known: ${known})\n` };
    }
  }
  const results: ProgramEvaluation[] = [...programs]
    .sort((a, b) => (a.program.id < b.program.id ? -1 : a.program.id > b.program.id ? 1 : 0))
    .map((pc) => {
      const mapped = mapProgramItems(pc, read.items);
      const h = (history?.ok ? history.forProgram(pc.program.id) : null) ?? deriveHistory(mapped.items, pc.program.calendar.timeZone, now);
      return evaluateProgram({ program: pc.program, items: mapped.items, history: h, escalations: [], now });
    });
  const out = opts.json ? `${stableStringify({ now: now.toISOString(), programs: results })}\n` : formatReport(results);
  return { code: 0, out, err: '' };
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('score programs from a config and an items file: health, gates, forecasts, risks, escalations')
    .requiredOption('--config <file>', 'vitals config (YAML)')
    .requiredOption('--items <file>', 'items as NDJSON, one SourceItem per line')
    .option('--history <file>', 'throughput history JSON (default: derived from the items\' completed dates)')
    .requiredOption('--now <iso>', 'evaluation time, e.g. 2026-06-01T09:00:00Z')
    .option('--program <id>', 'only this program')
    .option('--json', 'print the full result as JSON (config/schemas/evaluation.schema.json)')
    .action((opts: EvaluateOptions) => {
      const r = runEvaluate(opts);
      if (r.out) process.stdout.write(r.out);
      if (r.err) process.stderr.write(r.err);
      if (r.code) process.exitCode = r.code;
    });
}
