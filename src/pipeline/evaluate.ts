/**
 * The evaluate job: load a program's items, map, score (pure), store the snapshot and history, then diff the
 * risks against what was seen before and enqueue one write-back per new, changed or resolved risk, and one
 * delivery per escalation level that fires. Jobs are enqueued before the risk state is stored, with
 * deterministic ids, so a crash in between repeats the enqueue (a no-op) instead of losing it.
 */
import type { ItemRef } from '../model/source-item';
import type { Risk } from '../model/evaluation';
import type { WorkItem } from '../model/work-item';
import type { RiskStateEntry } from '../store';
import type { JobPayload } from './catalog';
import type { JobContext } from './context';
import { weeklyThroughput } from './throughput';
import { anchorCandidates, phaseOfSubject } from './deliver/anchor';
import { deliverNewHighRisks } from './deliver/fan-out';
import { loadProgramItems } from './program-index';
import type { PipelineProgram } from './types';

export interface EvaluateResult {
  program: string;
  items: number;
  score: number;
  rag: string;
  risks: number;
  comments: number;
  escalations: number;
}

export function findProgram(ctx: Pick<JobContext, 'deps'>, id: string): PipelineProgram | null {
  return ctx.deps.settings.programs.find((p) => p.program.id === id) ?? null;
}

export async function runEvaluate(ctx: JobContext, p: JobPayload<'evaluate.program'>): Promise<EvaluateResult> {
  const { store, clock, settings } = ctx.deps;
  const pp = findProgram(ctx, p.program);
  if (!pp) throw new Error(`program ${p.program} is not in the config`);
  const now = clock();
  // Only this program's items (the per-program index), never every item of its sources.
  const mapped = { items: await loadProgramItems(ctx.deps, pp) };

  await store.state.mergeThroughput(p.program, weeklyThroughput(mapped.items, pp.program.calendar.timeZone));
  const [history, escalations, override] = await Promise.all([
    store.state.getHistory(p.program),
    store.state.getEscalations(p.program),
    store.state.getOverride(p.program),
  ]);
  // The API's override goes to the engine, which keeps both the computed and the overridden RAG (and drops an expired one).
  const program = override ? { ...pp.program, override } : pp.program;
  const evaluation = ctx.deps.evaluate({ program, items: mapped.items, history, escalations, now });
  await store.state.saveSnapshot(evaluation);

  const byUid = new Map(mapped.items.map((w) => [w.uid, w]));
  const previous = await store.state.getRiskState(p.program);
  const next: RiskStateEntry[] = [];
  // Subjects with no tracker item of their own get an item of their phase's work (deliver/anchor.ts).
  const anchorsOf = (subject: string) => anchorCandidates(mapped.items, phaseOfSubject(pp.program, subject), (i) => ctx.deps.connectors.has(i));
  const targets = new Map<string, ItemRef | null>();
  let comments = 0;
  for (const risk of evaluation.risks) {
    const before = previous.get(risk.fingerprint);
    const target = commentTarget(risk, byUid, settings.writeback.target) ?? stableAnchor(anchorsOf(risk.subject), before?.target ?? null);
    targets.set(risk.fingerprint, target);
    const targetUid = target ? `${target.tool}:${target.instance}:${target.key}` : null;
    next.push({
      fingerprint: risk.fingerprint,
      type: risk.type,
      severity: risk.severity,
      level: risk.level,
      subject: risk.subject,
      target: targetUid,
      since: risk.since,
    });
    if (!target) continue;
    // A risk first seen without an item (e.g. a gate whose items had not been pulled yet) or on another item has
    // not been commented where it now points: that is new for this target.
    const change = !before || before.target !== targetUid ? 'new' : before.severity !== risk.severity ? 'changed' : null;
    if (!change) continue;
    await ctx.queues.enqueue(
      'writeback.comment',
      { program: p.program, change, target, risk: toPayloadRisk(risk) },
      { jobId: `comment.${p.program}.${risk.fingerprint}.s${risk.severity}.${target.instance}.${target.key}` },
    );
    comments += 1;
  }
  const current = new Set(evaluation.risks.map((r) => r.fingerprint));
  if (settings.writeback.resolvedNote) {
    for (const before of previous.values()) {
      if (current.has(before.fingerprint) || !before.target) continue;
      const [tool = '', instance = '', ...rest] = before.target.split(':');
      await ctx.queues.enqueue(
        'writeback.comment',
        { program: p.program, change: 'resolved', target: { tool, instance, key: rest.join(':') }, risk: resolvedRisk(before, now) },
        { jobId: `comment.${p.program}.${before.fingerprint}.resolved` },
      );
      comments += 1;
    }
  }
  let fired = 0;
  for (const esc of evaluation.escalations) {
    const anchors = esc.fire.length > 0 && esc.items.length === 0 ? anchorsOf(esc.subject) : [];
    for (const f of esc.fire) {
      await ctx.queues.enqueue(
        'escalate.level',
        { program: p.program, subject: esc.subject, level: f.level, audiences: f.audiences, fingerprint: f.fingerprint, due: esc.due, anchors },
        { jobId: `escalate.${p.program}.${f.fingerprint}` },
      );
      fired += 1;
    }
  }
  // Alerts for risks that turned high, enqueued before the risk state moves on (a crash repeats a no-op enqueue).
  await deliverNewHighRisks(ctx, p.program, evaluation.risks, previous, targets);
  await store.state.setRiskState(p.program, next);
  ctx.log.info(
    { program: p.program, items: mapped.items.length, score: evaluation.score, rag: evaluation.rag, risks: evaluation.risks.length, comments, escalations: fired },
    'evaluated',
  );
  return { program: p.program, items: mapped.items.length, score: evaluation.score, rag: evaluation.rag, risks: evaluation.risks.length, comments, escalations: fired };
}

/** The item a risk's comment goes on: its first item, or that item's epic/parent when the config says so. */
export function commentTarget(risk: Risk, byUid: Map<string, WorkItem>, target: 'item' | 'epic'): ItemRef | null {
  const first = risk.items[0];
  if (!first) return null;
  const ref: ItemRef = { tool: first.tool, instance: first.instance, key: first.key };
  if (target === 'epic') {
    const parent = byUid.get(`${first.tool}:${first.instance}:${first.key}`)?.source.parent;
    if (parent) return { ...ref, key: parent };
  }
  return ref;
}

/** The anchor a risk was commented on stays its target while it is still a candidate (no second comment). */
function stableAnchor(anchors: ItemRef[], previousUid: string | null): ItemRef | null {
  return anchors.find((a) => `${a.tool}:${a.instance}:${a.key}` === previousUid) ?? anchors[0] ?? null;
}

function toPayloadRisk(r: Risk): Risk {
  return { ...r, items: r.items.slice(0, 500) };
}

/** Enough of a risk to say it is resolved; the text comes from the risk state, never from item titles. */
function resolvedRisk(e: RiskStateEntry, now: Date): Risk {
  return {
    type: e.type as Risk['type'],
    fingerprint: e.fingerprint,
    probability: 0,
    impact: 0,
    severity: 0,
    level: 'low',
    subject: e.subject,
    items: [],
    message: `Resolved: the ${e.type.replace(/_/g, ' ')} risk on ${e.subject} no longer applies (checked ${now.toISOString().slice(0, 10)}).`,
    action: 'No action needed.',
    since: e.since,
  };
}
