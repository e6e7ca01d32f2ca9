/**
 * Pure view builders: a program's config, its snapshot, score history, escalation records and RAG override in; the
 * API's portfolio row and program detail out. The dashboard and the reports render these same views.
 */
import type { EscalationRecord, GateState, MilestoneForecast, ProgramEvaluation } from '../model/evaluation';
import type { Program, RagOverride } from '../model/program';
import type { EscalationView, GateView, MilestoneView, PortfolioRow, ProgramDetail } from './schemas';

export interface ViewInput {
  program: Program;
  evaluation: ProgramEvaluation | null;
  version: string | null;
  /** Oldest first. */
  scores: Array<{ at: string; score: number }>;
  override: RagOverride | null;
  records: EscalationRecord[];
  now: Date;
}

/** An override counts until its expiry: a date through that day (UTC), a timestamp until then. */
export function overrideActive(o: RagOverride | null, now: Date): RagOverride | null {
  if (!o) return null;
  const end = o.expires.length === 10 ? Date.parse(`${o.expires}T23:59:59.999Z`) : Date.parse(o.expires);
  return Number.isFinite(end) && now.getTime() <= end ? o : null;
}

const DAY_MS = 86_400_000;

/** Direction from the score a week before the newest point; `trendPoints` is the change that counts. */
export function trendOf(scores: Array<{ at: string; score: number }>, current: number | null, trendPoints: number): PortfolioRow['trend'] {
  const points = scores.slice(-30).map((s) => s.score);
  const last = scores[scores.length - 1];
  if (current === null || !last) return { direction: 'flat', delta: 0, points };
  const weekAgo = Date.parse(last.at) - 7 * DAY_MS;
  const base = [...scores].reverse().find((s) => Date.parse(s.at) <= weekAgo) ?? scores[0];
  const delta = Math.round((current - (base?.score ?? current)) * 10) / 10;
  const direction = delta >= trendPoints ? 'up' : delta <= -trendPoints ? 'down' : 'flat';
  return { direction, delta, points };
}

function milestoneView(program: Program, f: MilestoneForecast | undefined, id: string, evaluated: boolean): MilestoneView | null {
  const m = program.milestones.find((x) => x.id === id);
  if (!m) return null;
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    phase: m.phase,
    baseline: f?.baseline ?? m.baseline,
    p50: f?.p50 ?? null,
    p85: f?.p85 ?? null,
    slipDays: f?.slipDays ?? 0,
    method: f?.method ?? null,
    remainingItems: f?.remainingItems ?? 0,
    note: f?.note ?? (evaluated ? 'no forecast: no open tracked work' : 'not evaluated yet'),
  };
}

export function milestonesOf(program: Program, evaluation: ProgramEvaluation | null): MilestoneView[] {
  const byId = new Map((evaluation?.forecasts ?? []).map((f) => [f.milestone, f]));
  return [...program.milestones]
    .sort((a, b) => a.baseline.localeCompare(b.baseline))
    .map((m) => milestoneView(program, byId.get(m.id), m.id, evaluation !== null))
    .filter((m): m is MilestoneView => m !== null);
}

/** The first milestone whose forecast (or baseline) is today or later. */
function nextOf(ms: MilestoneView[], today: string, kind?: 'golive'): MilestoneView | null {
  return ms.find((m) => (!kind || m.kind === kind) && (m.p85 ?? m.p50 ?? m.baseline) >= today) ?? null;
}

export function portfolioRow(input: ViewInput): PortfolioRow {
  const { program, evaluation: e, now } = input;
  const override = overrideActive(input.override ?? e?.override ?? null, now);
  const ms = milestonesOf(program, e);
  const today = now.toISOString().slice(0, 10);
  const risks = { high: 0, medium: 0, low: 0 };
  for (const r of e?.risks ?? []) risks[r.level] += 1;
  const escalations = e ? escalationsOf(e, input.records, now) : [];
  return {
    id: program.id,
    name: program.name,
    evaluatedAt: e?.now ?? null,
    version: input.version,
    score: e?.score ?? null,
    rag: e ? (override?.rag ?? e.computedRag) : null,
    computedRag: e?.computedRag ?? null,
    override,
    lowConfidence: e?.lowConfidence ?? false,
    trend: trendOf(input.scores, e?.score ?? null, program.thresholds.trendPoints),
    nextMilestone: nextOf(ms, today),
    nextGoLive: nextOf(ms, today, 'golive'),
    gatesOverdue: (e?.gates ?? []).filter((g) => g.state === 'overdue').map((g) => g.id),
    risks,
    activeEscalations: escalations.filter((x) => x.status === 'active').length,
    items: e?.counts.items ?? 0,
  };
}

function gateView(program: Program, g: GateState): GateView {
  const gate = program.gates.find((x) => x.id === g.id);
  const so = program.signoffs.find((x) => x.id === g.id);
  return {
    id: g.id,
    kind: g.kind,
    name: gate?.name ?? (so ? so.scope : g.id),
    regulation: gate?.regulation ?? (so ? 'clinical sign-off' : ''),
    citation: gate?.citation ?? '',
    owner: g.owner,
    blocksPhase: g.blocksPhase,
    state: g.state,
    due: g.due,
    daysOverdue: g.daysOverdue,
    items: g.items,
  };
}

/** The snapshot's escalations with what people did since (acknowledged, snoozed) laid over them. */
export function escalationsOf(e: ProgramEvaluation, records: EscalationRecord[], now: Date): EscalationView[] {
  const bySubject = new Map(records.map((r) => [r.subject, r]));
  return e.escalations.map((x) => {
    const rec = bySubject.get(x.subject);
    const snoozedUntil = rec?.snoozed && Date.parse(rec.snoozed.until) > now.getTime() ? rec.snoozed.until : null;
    const ack = rec?.acknowledged ?? null;
    const status = x.status !== 'active' ? x.status : snoozedUntil ? 'snoozed' : ack && ack.level === (x.level ?? ack.level) ? 'acknowledged' : 'active';
    return {
      subject: x.subject,
      fingerprint: x.fingerprint,
      level: x.level,
      audiences: x.audiences,
      due: x.due,
      businessDaysOverdue: x.businessDaysOverdue,
      status,
      acknowledged: ack,
      snoozedUntil,
      items: x.items,
    };
  });
}

export function programDetail(input: ViewInput): ProgramDetail {
  const { program, evaluation: e, now } = input;
  const phaseState = new Map((e?.phases ?? []).map((p) => [p.id, p]));
  return {
    summary: portfolioRow(input),
    components: (e?.components ?? []).map((c) => ({ id: c.id, score: c.score, weight: c.weight, deductions: c.deductions })),
    caps: e?.caps ?? [],
    phases: [...program.phases]
      .sort((a, b) => a.order - b.order)
      .map((p) => ({ id: p.id, name: p.name, order: p.order, start: p.start, end: p.end, ready: phaseState.get(p.id)?.ready ?? null, blockers: phaseState.get(p.id)?.blockers ?? [] })),
    milestones: milestonesOf(program, e),
    gates: (e?.gates ?? []).map((g) => gateView(program, g)),
    signoffs: (e?.signoffs ?? []).map((g) => gateView(program, g)),
    risks: [...(e?.risks ?? [])]
      .sort((a, b) => b.severity - a.severity)
      .map((r) => ({ type: r.type, fingerprint: r.fingerprint, severity: r.severity, level: r.level, subject: r.subject, message: r.message, action: r.action, since: r.since, items: r.items })),
    escalations: e ? escalationsOf(e, input.records, now) : [],
    earnedValue: e?.earnedValue ?? null,
    counts: e?.counts ?? null,
  };
}
