/** Renders the steering-committee status report as printable HTML, Markdown or CSV. Pure. */
import { createHash } from 'node:crypto';
import { esc } from '../web/html';
import { buildReport, type ReportInput, type StatusReport } from './model';

export { buildReport } from './model';
export type { ReportInput, StatusReport } from './model';

export type ReportFormat = 'html' | 'md' | 'csv';

export const REPORT_TYPES: Record<ReportFormat, string> = { html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/** The report's embedded stylesheet (the file must stand alone when mailed); the API allows it by hash in its CSP. */
export const REPORT_CSS = `body{font:11pt/1.4 system-ui,sans-serif;color:#111;max-width:60rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0}h2{font-size:1.1rem;border-bottom:1px solid #999;margin-top:1.4rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}th{background:#eee}
.rag{font-weight:700;padding:.1rem .5rem;border:2px solid #111}.rag-red{background:#f4c7c7}.rag-amber{background:#ffe08a}.rag-green{background:#cdeccf}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

export const REPORT_CSS_HASH = `sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}`;

const ICON: Record<string, string> = { green: '● GREEN', amber: '▲ AMBER', red: '■ RED' };

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderHtml(r: StatusReport): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.programName)}: status report, week of ${esc(r.weekOf)}</title><style>${REPORT_CSS}</style></head><body><main>
<h1>${esc(r.programName)}: weekly status report</h1>
<p>Week of ${esc(r.weekOf)} · generated ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<p>Overall: <span class="rag rag-${esc(r.rag)}">${esc(ICON[r.rag] ?? r.rag)}</span> · score ${esc(r.score ?? '—')} · trend ${esc(r.trend)}</p>
<h2>Why</h2><ul>${r.why.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>
<h2>Decisions needed</h2><ol>${r.decisions.map((w) => `<li>${esc(w)}</li>`).join('')}</ol>
<h2>Milestones</h2>${table(['Milestone', 'Baseline', 'P50', 'P85', 'Status'], r.milestones.map((m) => [m.name, m.baseline, m.p50, m.p85, m.status]))}
<h2>Compliance gates</h2>${table(['Gate', 'Regulation', 'Owner', 'Due', 'State', 'Note'], r.gates.map((g) => [g.name, g.regulation, g.owner, g.due, g.state, g.note]))}
<h2>Clinical sign-offs</h2>${table(['Role', 'Scope', 'Due', 'State'], r.signoffs.map((s) => [s.role, s.scope, s.due, s.state]))}
<h2>Top risks</h2>${r.risks.length ? table(['Level', 'Severity', 'Risk', 'Action', 'Items'], r.risks.map((k) => [k.level.toUpperCase(), String(k.severity), k.message, k.action, k.items])) : '<p>No open risks.</p>'}
</main></body></html>`;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

export function renderMarkdown(r: StatusReport): string {
  return [
    `# ${r.programName}: weekly status report`,
    '',
    `Week of ${r.weekOf} · generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `**Overall: ${ICON[r.rag] ?? r.rag}** · score ${r.score ?? '—'} · trend ${r.trend}`,
    '',
    '## Why',
    ...r.why.map((w) => `- ${w}`),
    '',
    '## Decisions needed',
    ...r.decisions.map((w, i) => `${i + 1}. ${w}`),
    '',
    '## Milestones',
    mdTable(['Milestone', 'Baseline', 'P50', 'P85', 'Status'], r.milestones.map((m) => [m.name, m.baseline, m.p50, m.p85, m.status])),
    '',
    '## Compliance gates',
    mdTable(['Gate', 'Regulation', 'Owner', 'Due', 'State', 'Note'], r.gates.map((g) => [g.name, g.regulation, g.owner, g.due, g.state, g.note])),
    '',
    '## Clinical sign-offs',
    mdTable(['Role', 'Scope', 'Due', 'State'], r.signoffs.map((s) => [s.role, s.scope, s.due, s.state])),
    '',
    '## Top risks',
    r.risks.length ? mdTable(['Level', 'Severity', 'Risk', 'Action', 'Items'], r.risks.map((k) => [k.level.toUpperCase(), String(k.severity), k.message, k.action, k.items])) : 'No open risks.',
    '',
  ].join('\n');
}

/** RFC 4180 field; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per fact: section, name, then the section's fields. */
export function renderCsv(r: StatusReport): string {
  const rows: string[][] = [['section', 'name', 'field1', 'field2', 'field3', 'field4', 'field5']];
  rows.push(['summary', r.programName, r.rag, String(r.score ?? ''), r.trend, r.weekOf, r.generatedAt]);
  for (const w of r.why) rows.push(['why', w, '', '', '', '', '']);
  for (const d of r.decisions) rows.push(['decision', d, '', '', '', '', '']);
  for (const m of r.milestones) rows.push(['milestone', m.name, m.baseline, m.p50, m.p85, m.status, '']);
  for (const g of r.gates) rows.push(['gate', g.name, g.regulation, g.owner, g.due, g.state, g.note]);
  for (const s of r.signoffs) rows.push(['signoff', s.role, s.scope, s.due, s.state, '', '']);
  for (const k of r.risks) rows.push(['risk', k.message, k.level, String(k.severity), k.action, k.items, '']);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function renderReport(format: ReportFormat, input: ReportInput): string {
  const r = buildReport(input);
  return format === 'html' ? renderHtml(r) : format === 'md' ? renderMarkdown(r) : renderCsv(r);
}
