import { addDays } from '../business-calendar';
import type { EvalContext } from '../context';
import type { GateFacts } from '../gate-state';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

function gateImpact(f: GateFacts): number {
  const cls = f.gate?.class ?? 'advisory';
  return cls === 'statutory' ? 5 : cls === 'contractual' ? 4 : 3;
}

function blocksGoLive(ctx: EvalContext, f: GateFacts): boolean {
  return ctx.milestones.some((m) => m.kind === 'golive' && m.phase === f.state.blocksPhase);
}

/**
 * 50 % and 75 % of the lead window used while the gate is not done: two discrete events (distinct windows, so
 * distinct fingerprints); only the highest one reached is current.
 */
export const gateAtRisk: RiskRule = (ctx, facts) =>
  facts.gates
    .filter((f) => f.state.state !== 'done' && f.state.state !== 'overdue' && f.windowUsed >= 0.5)
    .map((f) => {
      const mark = f.windowUsed >= 0.75 ? 75 : 50;
      const probability = (mark === 75 ? 3 : 2) + (f.started ? 0 : 1);
      return makeRisk({
        type: 'gate_at_risk',
        subject: f.state.id,
        window: `${f.state.due}@${mark}`,
        probability,
        impact: gateImpact(f) - (blocksGoLive(ctx, f) ? 0 : 1),
        items: f.state.items,
        message: `Gate ${f.state.id} has used ${mark}% of its lead window (due ${f.state.due}, blocks ${f.state.blocksPhase}) and is ${f.started ? 'in progress' : 'not started'}.`,
        action: `Ask the ${f.state.owner} for a completion date and clear blockers on the gate's items.`,
        since: f.state.windowStart ?? ctx.today,
      });
    });

export const gateOverdue: RiskRule = (ctx, facts) =>
  facts.gates
    .filter((f) => f.state.state === 'overdue')
    .map((f) =>
      makeRisk({
        type: 'gate_overdue',
        subject: f.state.id,
        window: f.state.due,
        probability: 5,
        impact: gateImpact(f) - (blocksGoLive(ctx, f) || f.gate?.class === 'statutory' ? 0 : 1),
        items: f.state.items,
        message: `Gate ${f.state.id} (${f.gate?.regulation ?? 'compliance'}) is ${f.state.daysOverdue} days overdue (due ${f.state.due}); phase ${f.state.blocksPhase} cannot start.`,
        action: `The ${f.state.owner} must record a recovery date; escalate per the ladder.`,
        since: addDays(f.state.due, 1),
      }),
    );
