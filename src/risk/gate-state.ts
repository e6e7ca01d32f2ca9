/**
 * State of every compliance gate and clinical sign-off: due = start of the blocked phase − buffer, window start =
 * due − lead time, fed by items from any tool (`WorkItem.gate` / `.signoff`). Overdue days run on the gate's own
 * clock: business days of the program calendar, or calendar days for gates marked `calendarDays`.
 */
import type { ComplianceGate, GateState, GateStateName, PhaseState, SignOff, WorkItem } from '../model';
import { addDays, businessDaysBetween, calendarDaysIndex, type CalendarIndex } from './business-calendar';
import { refOf, type EvalContext } from './context';

/** A gate or sign-off state plus the facts the rules need. */
export interface GateFacts {
  state: GateState;
  gate: ComplianceGate | null;
  signoff: SignOff | null;
  linked: WorkItem[];
  /** Fraction of the lead window used at `today` (0 before it opens, ≥ 1 at the due date). */
  windowUsed: number;
  started: boolean;
  /** A linked approval was rejected or sent back. */
  rejected: boolean;
  doneFraction: number;
  clock: CalendarIndex;
}

export function clockFor(ctx: EvalContext, gate: ComplianceGate | null): CalendarIndex {
  return gate?.calendarDays ? calendarDaysIndex(ctx.cal.timeZone) : ctx.cal;
}

/** Lead-window fraction used, on the given clock. */
export function windowFraction(windowStart: string, due: string, today: string, clock: CalendarIndex): number {
  if (today <= windowStart) return 0;
  const len = businessDaysBetween(windowStart, due, clock);
  if (len <= 0) return today >= due ? 1 : 0;
  return businessDaysBetween(windowStart, today, clock) / len;
}

function indexLinks(items: WorkItem[], key: 'gate' | 'signoff'): Map<string, WorkItem[]> {
  const out = new Map<string, WorkItem[]>();
  for (const it of items) {
    const id = it[key];
    if (id === null) continue;
    const list = out.get(id);
    if (list) list.push(it);
    else out.set(id, [it]);
  }
  return out;
}

interface Spec {
  id: string;
  kind: 'gate' | 'signoff';
  due: string;
  windowStart: string;
  owner: string;
  blocksPhase: string;
  gate: ComplianceGate | null;
  signoff: SignOff | null;
}

function evaluateOne(ctx: EvalContext, spec: Spec, linked: WorkItem[]): GateFacts {
  const live = linked.filter((it) => it.status !== 'cancelled');
  const rejected = live.some((it) => it.source.approvalStatus === 'rejected' || it.source.approvalStatus === 'changes_requested');
  const doneCount = live.filter((it) => it.status === 'done').length;
  const done = live.length > 0 && doneCount === live.length && !rejected;
  const started = live.some((it) => it.status !== 'todo');
  const clock = clockFor(ctx, spec.gate);
  const windowUsed = windowFraction(spec.windowStart, spec.due, ctx.today, clock);
  const overdue = !done && ctx.today > spec.due;
  let state: GateStateName;
  if (done) state = 'done';
  else if (overdue) state = 'overdue';
  else if (rejected || (windowUsed >= ctx.scoring.gateWindow.atRiskNotStarted && !started) || windowUsed >= ctx.scoring.gateWindow.atRisk) state = 'at_risk';
  else state = started ? 'in_progress' : 'not_started';
  return {
    state: {
      id: spec.id,
      kind: spec.kind,
      state,
      due: spec.due,
      windowStart: spec.windowStart,
      owner: spec.owner,
      blocksPhase: spec.blocksPhase,
      items: linked.map(refOf),
      daysOverdue: overdue ? businessDaysBetween(spec.due, ctx.today, clock) : 0,
    },
    gate: spec.gate,
    signoff: spec.signoff,
    linked,
    windowUsed,
    started,
    rejected,
    doneFraction: live.length ? doneCount / live.length : 0,
    clock,
  };
}

function phaseStart(ctx: EvalContext, phaseId: string): string {
  // An unknown phase is a config error the loader reports; fall back to the program start so nothing throws.
  return ctx.phasesById.get(phaseId)?.start ?? ctx.program.start;
}

export function evaluateGates(ctx: EvalContext): { gates: GateFacts[]; signoffs: GateFacts[] } {
  const gateLinks = indexLinks(ctx.items, 'gate');
  const signLinks = indexLinks(ctx.items, 'signoff');
  const horizon = ctx.program.thresholds.signoffHorizonDays;
  const gates = [...ctx.program.gates]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((g) => {
      const due = addDays(phaseStart(ctx, g.blocksPhase), -g.bufferDays);
      const spec: Spec = {
        id: g.id, kind: 'gate', due, windowStart: addDays(due, -g.leadTimeDays), owner: g.ownerRole,
        blocksPhase: g.blocksPhase, gate: g, signoff: null,
      };
      return evaluateOne(ctx, spec, gateLinks.get(g.id) ?? []);
    });
  const signoffs = [...ctx.program.signoffs]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => {
      const due = phaseStart(ctx, s.blocksPhase);
      const spec: Spec = {
        id: s.id, kind: 'signoff', due, windowStart: addDays(due, -horizon), owner: s.role,
        blocksPhase: s.blocksPhase, gate: null, signoff: s,
      };
      return evaluateOne(ctx, spec, signLinks.get(s.id) ?? []);
    });
  return { gates, signoffs };
}

/** A phase is ready only when every gate and sign-off that blocks it is done. */
export function phaseStates(ctx: EvalContext, gates: GateFacts[], signoffs: GateFacts[]): PhaseState[] {
  return ctx.phases.map((p) => {
    const blockers = [...gates, ...signoffs]
      .filter((f) => f.state.blocksPhase === p.id && f.state.state !== 'done')
      .map((f) => `${f.state.kind}:${f.state.id}`)
      .sort();
    return { id: p.id, ready: blockers.length === 0, blockers };
  });
}
