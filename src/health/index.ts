/**
 * The health engine: a pure function of (program, work items, history, escalation records, now).
 * No I/O, no clock: `input.now` is the time. The same input, in any item order, gives the same result.
 */
import type { ComponentId, ComponentScore, EvaluationInput, ProgramEvaluation, Rag, RagOverride, Weights } from '../model';
import { evaluateEscalations } from '../risk/escalation';
import { buildContext, round, type EvalContext } from '../risk/context';
import { evaluateGates, phaseStates } from '../risk/gate-state';
import { detectRisks } from '../risk';
import { applicableCaps } from './caps';
import { budgetScore } from './components/budget';
import { clinicalScore } from './components/clinical';
import { complianceScore } from './components/compliance';
import { flowScore } from './components/flow';
import { hygieneScore } from './components/hygiene';
import type { Part } from './components/part';
import { scheduleScore } from './components/schedule';
import { earnedValue } from './earned-value';
import { forecastMilestones, throughputSamples } from './forecast';
import { trendOf } from './trend';

export function ragFor(score: number, t: { green: number; amber: number }): Rag {
  return score >= t.green ? 'green' : score >= t.amber ? 'amber' : 'red';
}

/** An override counts until its expiry (a date: through that day in the program's zone; a timestamp: until then). */
export function activeOverride(ctx: EvalContext): RagOverride | null {
  const o = ctx.program.override;
  if (!o) return null;
  if (o.expires.length === 10) return ctx.today <= o.expires ? o : null;
  const ms = Date.parse(o.expires);
  return Number.isFinite(ms) && ctx.now.getTime() < ms ? o : null;
}

function component(id: ComponentId, part: Part, weights: Weights): ComponentScore {
  return { id, score: round(part.score, 1), weight: weights[id], deductions: part.deductions };
}

export function evaluateProgram(input: EvaluationInput): ProgramEvaluation {
  const { program } = input;
  const ctx = buildContext(program, input.items, input.now);
  const { gates, signoffs } = evaluateGates(ctx);
  const { forecasts } = forecastMilestones(ctx, input.history);
  const flowWeeks = ctx.scoring.flow.recentWeeks + ctx.scoring.flow.baselineWeeks;
  const ev = earnedValue(ctx);
  const budget = budgetScore(ctx, ev);
  const hygiene = hygieneScore(ctx);
  const components: ComponentScore[] = [
    component('schedule', scheduleScore(ctx, forecasts, ev), program.weights),
    component('compliance', complianceScore(gates, ctx.scoring.compliance), program.weights),
    component('clinical', clinicalScore(ctx, signoffs), program.weights),
    component('flow', flowScore(ctx, throughputSamples(input.history, ctx.today, flowWeeks)), program.weights),
    component('hygiene', hygiene, program.weights),
  ];
  // Without a budget (or any actuals) the budget weight drops out and the rest renormalise.
  if (budget) components.push(component('budget', budget, program.weights));
  const totalWeight = components.reduce((s, c) => s + c.weight, 0);
  const mean = totalWeight > 0 ? components.reduce((s, c) => s + c.weight * c.score, 0) / totalWeight : 100;
  const caps = applicableCaps(ctx, gates, signoffs);
  const capped = caps.reduce((s, c) => Math.min(s, c.value), mean);
  const score = round(Math.min(100, Math.max(0, capped)), 1);
  const computedRag = ragFor(score, program.thresholds);
  const override = activeOverride(ctx);
  const risks = detectRisks(ctx, { gates, signoffs, forecasts, earnedValue: ev });
  const doneCount = ctx.items.filter((it) => it.status === 'done').length;
  const trend = trendOf(input.history, score, input.now, ctx.scoring.trend.windowDays, program.thresholds.trendPoints);
  return {
    program: program.id,
    now: input.now.toISOString(),
    score,
    computedRag,
    rag: override?.rag ?? computedRag,
    // Only present when the history has an earlier score, so outputs without one stay as they were.
    ...(trend ? { trend } : {}),
    override,
    lowConfidence: hygiene.score < program.thresholds.lowConfidenceHygiene,
    components,
    caps,
    phases: phaseStates(ctx, gates, signoffs),
    gates: gates.map((g) => g.state),
    signoffs: signoffs.map((s) => s.state),
    forecasts,
    earnedValue: ev,
    risks,
    escalations: evaluateEscalations(ctx, gates, input.escalations),
    counts: {
      items: ctx.items.length,
      open: ctx.items.filter((it) => it.status === 'todo' || it.status === 'in_progress').length,
      done: doneCount,
      unmapped: ctx.items.filter((it) => it.phase === null).length,
    },
  };
}
