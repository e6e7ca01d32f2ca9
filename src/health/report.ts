/** The readable `vitals evaluate` report: score, components with reasons, gates, sign-offs, forecasts, risks. */
import type { ProgramEvaluation } from '../model';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const MAX_RISKS = 15;

export function formatProgram(r: ProgramEvaluation): string {
  const out: string[] = [];
  const rag = r.override ? `${r.rag.toUpperCase()} (override by ${r.override.by} until ${r.override.expires}: ${r.override.reason}; computed ${r.computedRag})` : r.rag.toUpperCase();
  const trend = r.trend ? `  trend ${r.trend}` : '';
  out.push(`== ${r.program}  score ${r.score}${trend}  ${rag}${r.lowConfidence ? '  [low confidence: data hygiene]' : ''}`);
  out.push(`   items ${r.counts.items} (open ${r.counts.open}, done ${r.counts.done}, no phase ${r.counts.unmapped}); SPI ${r.earnedValue.spi ?? 'n/a'}; CPI ${r.earnedValue.cpi ?? 'n/a'}`);
  for (const c of r.caps) out.push(`   CAP ${c.value} (${c.id}): ${c.reason}`);
  out.push('', table(['component', 'score', 'weight', 'reasons'], r.components.map((c) => [
    c.id, String(c.score), String(c.weight),
    c.deductions.length ? c.deductions.map((d) => `-${d.points} ${d.reason}${d.items.length ? ` [${d.items.slice(0, 3).map((i) => i.key).join(', ')}${d.items.length > 3 ? ', …' : ''}]` : ''}`).join('; ') : 'full marks',
  ])));
  out.push('', table(['gate / sign-off', 'state', 'due', 'window', 'overdue', 'owner', 'blocks', 'items'], [...r.gates, ...r.signoffs].map((g) => [
    `${g.kind === 'gate' ? 'gate' : 'sign-off'} ${g.id}`, g.state, g.due, g.windowStart ?? '', g.daysOverdue ? `${g.daysOverdue} d` : '', g.owner, g.blocksPhase,
    g.items.map((i) => i.key).slice(0, 4).join(', ') + (g.items.length > 4 ? ', …' : ''),
  ])));
  out.push('', `phases: ${r.phases.map((p) => `${p.id} ${p.ready ? 'ready' : `blocked by ${p.blockers.join(', ')}`}`).join('; ')}`);
  out.push('', table(['milestone', 'baseline', 'method', 'P50', 'P85', 'slip', 'open', 'note'], r.forecasts.map((f) => [
    f.milestone, f.baseline, f.method, f.p50 ?? 'no forecast', f.p85 ?? 'no forecast', `${f.slipDays} d`, String(f.remainingItems), f.note,
  ])));
  out.push('', r.risks.length ? table(['sev', 'level', 'type', 'subject', 'message', 'action'], r.risks.slice(0, MAX_RISKS).map((k) => [
    String(k.severity), k.level, k.type, k.subject, k.message, k.action,
  ])) : 'no risks');
  if (r.risks.length > MAX_RISKS) out.push(`… and ${r.risks.length - MAX_RISKS} more risks (see --json)`);
  const firing = r.escalations.filter((e) => e.fire.length);
  if (r.escalations.length) {
    out.push('', table(['escalation', 'status', 'level', 'due', 'overdue (bd)', 'fire now'], r.escalations.map((e) => [
      e.subject, e.status, e.level ?? '-', e.due, String(e.businessDaysOverdue), e.fire.map((f) => `${f.level} → ${f.audiences.join('+')}`).join('; '),
    ])));
    out.push(`${firing.length} escalation(s) with levels to deliver`);
  }
  return out.join('\n');
}

export function formatReport(results: ProgramEvaluation[]): string {
  return `${results.map(formatProgram).join('\n\n')}\n`;
}
