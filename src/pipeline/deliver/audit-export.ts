/**
 * The audit export for an auditor: one program, one date range, as CSV or JSON. Every row says who or what acted
 * (actor), when (at), on which item and version, under which rule, and for alerts the level and the channel.
 */
import type { AuditLog, StoredAuditEntry } from '../../store/audit';

export type AuditFormat = 'csv' | 'json';

export interface AuditExportRequest {
  program: string;
  /** `YYYY-MM-DD` (start of that UTC day) or an ISO date-time. */
  from: string;
  /** `YYYY-MM-DD` (end of that UTC day, inclusive) or an ISO date-time. */
  to: string;
  format: AuditFormat;
}

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  program: string;
  item: string;
  version: string;
  rule: string;
  level: string;
  channel: string;
  detail: string;
  id: string;
}

export const AUDIT_COLUMNS: ReadonlyArray<keyof AuditRow> = ['at', 'actor', 'action', 'program', 'item', 'version', 'rule', 'level', 'channel', 'detail', 'id'];

/** Bad export input: names the flag and the fix. */
export class AuditExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditExportError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function bound(flag: string, value: string, end: boolean): string {
  const v = value.trim();
  const iso = DATE.test(v) ? `${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : v;
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || !Number.isFinite(ms)) {
    throw new AuditExportError(`--${flag} ${JSON.stringify(value)} is not a date: use YYYY-MM-DD or an ISO date-time such as 2026-11-01T00:00:00Z`);
  }
  return new Date(ms).toISOString();
}

export function exportRange(from: string, to: string): { from: string; to: string } {
  const range = { from: bound('from', from, false), to: bound('to', to, true) };
  if (range.from > range.to) throw new AuditExportError(`--from ${from} is after --to ${to}`);
  return range;
}

/** `key=value` pairs of an audit detail (`channel=slack level=L2 ...`). */
function detailField(detail: string, name: string): string {
  return new RegExp(`(?:^|\\s)${name}=(\\S+)`).exec(detail)?.[1] ?? '';
}

export function toRow(e: StoredAuditEntry): AuditRow {
  const escalationRule = /^[A-Z]\d+$/.test(e.rule) ? e.rule : '';
  return {
    at: e.at,
    actor: e.actor,
    action: e.action,
    program: e.program,
    item: e.item,
    version: e.version,
    rule: e.rule,
    level: detailField(e.detail, 'level') || escalationRule,
    channel: detailField(e.detail, 'channel'),
    detail: e.detail,
    id: e.id,
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A leading
 * `= + - @` (or tab/CR) is prefixed with `'` so a spreadsheet never evaluates it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: AuditRow[]): string {
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const r of rows) lines.push(AUDIT_COLUMNS.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(req: AuditExportRequest, range: { from: string; to: string }, rows: AuditRow[], generatedAt: Date): string {
  return `${JSON.stringify({ program: req.program, from: range.from, to: range.to, generatedAt: generatedAt.toISOString(), count: rows.length, entries: rows }, null, 2)}\n`;
}

/** The export text for `req` (validated first: bad input throws AuditExportError and reads nothing). */
export async function exportAudit(audit: AuditLog, req: AuditExportRequest, now: Date): Promise<{ text: string; rows: AuditRow[] }> {
  if (req.format !== 'csv' && req.format !== 'json') throw new AuditExportError(`--format ${String(req.format)}: use csv or json`);
  if (!req.program.trim()) throw new AuditExportError('--program is required');
  const range = exportRange(req.from, req.to);
  const rows = (await audit.list({ program: req.program, from: range.from, to: range.to })).map(toRow);
  return { text: req.format === 'csv' ? toCsv(rows) : toJson(req, range, rows, now), rows };
}
