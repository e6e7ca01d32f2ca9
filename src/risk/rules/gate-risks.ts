import type { GateClass } from '../../model';
import { addDays } from '../business-calendar';
import type { EvalContext } from '../context';
import type { GateFacts } from '../gate-state';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

function gateClass(f: GateFacts): GateClass {
  return f.gate?.class ?? 'advisory';
}

function blocksGoLive(ctx: EvalContext, f: GateFacts): boolean {
  return ctx.milestones.some((m) => m.kind === 'golive' && m.phase === f.state.blocksPhase);
}

/**
 * `gateWindow.atRiskNotStarted` and `.atRisk` of the lead window used while the gate is not done (default 50 % and
 * 75 %): two discrete events (distinct windows, so distinct fingerprints); only the highest one reached is current.
 */
export const gateAtRisk: RiskRule = (ctx, facts) => {
  const w = ctx.scoring.gateWindow;
  const r = ctx.scoring.risk;
  const p = r.gateAtRisk;
  return facts.gates
    .filter((f) => f.state.state !== 'done' && f.state.state !== 'overdue' && f.windowUsed >= w.atRiskNotStarted)
    .map((f) => {
      const second = f.windowUsed >= w.atRisk;
      const mark = Math.round((second ? w.atRisk : w.atRiskNotStarted) * 100);
      const probability = (second ? p.probabilitySecondMark : p.probabilityFirstMark) + (f.started ? 0 : p.notStartedBonus);
      return makeRisk({
        type: 'gate_at_risk',
        subject: f.state.id,
        window: `${f.state.due}@${mark}`,
        probability,
        impact: p.impact[gateClass(f)] - (blocksGoLive(ctx, f) ? 0 : p.notBlockingGoLiveRelief),
        items: f.state.items,
        message: `Gate ${f.state.id} has used ${mark}% of its lead window (due ${f.state.due}, blocks ${f.state.blocksPhase}) and is ${f.started ? 'in progress' : 'not started'}.`,
        action: `Ask the ${f.state.owner} for a completion date and clear blockers on the gate's items.`,
        since: f.state.windowStart ?? ctx.today,
      }, r.levels);
    });
};

export const gateOverdue: RiskRule = (ctx, facts) => {
  const r = ctx.scoring.risk;
  const p = r.gateOverdue;
  return facts.gates
    .filter((f) => f.state.state === 'overdue')
    .map((f) =>
      makeRisk({
        type: 'gate_overdue',
        subject: f.state.id,
        window: f.state.due,
        probability: p.probability,
        impact: p.impact[gateClass(f)] - (blocksGoLive(ctx, f) || f.gate?.class === 'statutory' ? 0 : p.notBlockingGoLiveRelief),
        items: f.state.items,
        message: `Gate ${f.state.id} (${f.gate?.regulation ?? 'compliance'}) is ${f.state.daysOverdue} days overdue (due ${f.state.due}); phase ${f.state.blocksPhase} cannot start.`,
        action: `The gate owner (role ${f.state.owner}) must record a recovery date; escalate per the ladder.`,
        since: addDays(f.state.due, 1),
      }, r.levels),
    );
};
