/**
 * The weekly steering-committee status report as data: RAG and why, milestones, gates, sign-offs, top risks and
 * the decisions the committee is asked to take. Pure: the program detail view and `now` in, the report out.
 */
import type { ProgramDetail } from '../api/schemas';
import type { Program } from '../model/program';

export interface ReportInput {
  program: Program;
  detail: ProgramDetail;
  now: Date;
}

export interface StatusReport {
  programId: string;
  programName: string;
  weekOf: string;
  generatedAt: string;
  rag: string;
  score: number | null;
  trend: string;
  why: string[];
  milestones: Array<{ name: string; baseline: string; p50: string; p85: string; status: string }>;
  gates: Array<{ name: string; regulation: string; owner: string; due: string; state: string; note: string }>;
  signoffs: Array<{ role: string; scope: string; due: string; state: string }>;
  risks: Array<{ level: string; severity: number; message: string; action: string; items: string }>;
  decisions: string[];
}

const STATE: Record<string, string> = { done: 'Done', in_progress: 'In progress', not_started: 'Not started', at_risk: 'At risk', overdue: 'Overdue' };

function monday(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

export function buildReport({ program, detail: d, now }: ReportInput): StatusReport {
  const s = d.summary;
  const why: string[] = [];
  if (s.override) why.push(`RAG overridden to ${s.override.rag} by the PMO until ${s.override.expires}: ${s.override.reason}`);
  for (const c of d.caps) why.push(`Capped at ${c.value}: ${c.reason}`);
  const deductions = d.components.flatMap((c) => c.deductions.map((x) => ({ ...x, component: c.id }))).sort((a, b) => b.points - a.points);
  for (const x of deductions.slice(0, 4)) why.push(`${x.component}: −${x.points} ${x.reason}`);
  if (!why.length) why.push(s.score === null ? 'Not evaluated yet.' : 'No deductions: all components at full marks.');

  const decisions: string[] = [];
  for (const g of d.gates.filter((g) => g.state === 'overdue')) {
    decisions.push(`${g.name} (${g.regulation} ${g.citation}) is ${g.daysOverdue} days overdue and blocks ${phaseName(d, g.blocksPhase)}: approve a recovery date with ${g.owner}, or hold the phase.`);
  }
  for (const so of d.signoffs.filter((x) => x.state === 'overdue' || x.state === 'at_risk')) {
    decisions.push(`Sign-off by ${so.owner} (${so.name}) is ${STATE[so.state]?.toLowerCase()}: confirm the date or escalate to the sponsor.`);
  }
  for (const m of d.milestones.filter((m) => m.p50 && m.slipDays > 0)) {
    decisions.push(`${m.name} forecasts ${m.slipDays} days late (P50 ${m.p50}, P85 ${m.p85 ?? '—'}): rebaseline, add capacity or cut scope.`);
  }
  for (const e of d.escalations.filter((e) => e.audiences.includes('steering_committee') && e.status === 'active')) {
    decisions.push(`Escalation ${e.subject} reached the steering committee: a corrective action plan is needed.`);
  }
  if (!decisions.length) decisions.push('None this week.');

  return {
    programId: program.id,
    programName: program.name,
    weekOf: monday(now),
    generatedAt: now.toISOString(),
    rag: s.rag ?? 'not evaluated',
    score: s.score,
    trend: `${s.trend.direction}${s.trend.delta ? ` (${s.trend.delta > 0 ? '+' : ''}${s.trend.delta} over 7 days)` : ''}`,
    why,
    milestones: d.milestones.map((m) => ({
      name: m.name,
      baseline: m.baseline,
      p50: m.p50 ?? 'no forecast',
      p85: m.p85 ?? '—',
      status: !m.p50 ? m.note : m.slipDays > 0 ? `${m.slipDays} days late` : 'on track',
    })),
    gates: d.gates.map((g) => ({
      name: g.name,
      regulation: `${g.regulation} ${g.citation}`.trim(),
      owner: g.owner,
      due: g.due,
      state: STATE[g.state] ?? g.state,
      note: g.daysOverdue > 0 ? `${g.daysOverdue} days overdue` : '',
    })),
    signoffs: d.signoffs.map((x) => ({ role: x.owner, scope: x.name, due: x.due, state: STATE[x.state] ?? x.state })),
    risks: d.risks.slice(0, 5).map((r) => ({ level: r.level, severity: r.severity, message: r.message, action: r.action, items: r.items.map((i) => i.key).join(' ') })),
    decisions,
  };
}

function phaseName(d: ProgramDetail, id: string): string {
  return d.phases.find((p) => p.id === id)?.name ?? id;
}
