import { daysBetween } from '../business-calendar';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/** A sign-off not given before its phase exit: near or past due, or rejected / sent back at any time. */
export const signoffMissing: RiskRule = (ctx, facts) => {
  const horizon = ctx.program.thresholds.signoffHorizonDays;
  const r = ctx.scoring.risk;
  const p = r.signoffMissing;
  return facts.signoffs
    .filter((f) => f.state.state !== 'done' && (f.rejected || daysBetween(ctx.today, f.state.due) <= horizon))
    .map((f) => {
      const overdue = f.state.state === 'overdue';
      const why = f.rejected ? 'was rejected or sent back for changes' : overdue ? `is ${f.state.daysOverdue} days overdue` : 'is still pending';
      return makeRisk({
        type: 'signoff_missing',
        subject: f.state.id,
        window: f.rejected ? `${f.state.due}:rejected` : f.state.due,
        probability: overdue ? p.probabilityOverdue : f.rejected ? p.probabilityRejected : p.probabilityPending,
        impact: f.signoff?.goNoGo ? p.impactGoNoGo : p.impactOther,
        items: f.state.items,
        message: `Sign-off ${f.state.id} (${f.state.owner}) ${why}; it is needed before phase ${f.state.blocksPhase} starts on ${f.state.due}.`,
        action: f.rejected
          ? `Resolve the ${f.state.owner}'s requested changes and resubmit the approval.`
          : `Schedule the ${f.state.owner} review before ${f.state.due}.`,
        since: f.state.windowStart ?? ctx.today,
      }, r.levels);
    });
};
