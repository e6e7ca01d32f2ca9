import { daysBetween } from '../business-calendar';
import { milestoneMarkers, milestoneWork, refOf, type EvalContext } from '../context';
import { bandImpact, makeRisk } from '../make-risk';
import { MAX_LISTED_ITEMS, type RiskRule } from '../rule';

/** Slip as a fraction of the baseline span (program start to the milestone's baseline). */
export function slipFraction(ctx: EvalContext, baseline: string, slipDays: number): number {
  const span = Math.max(1, daysBetween(ctx.program.start, baseline));
  return Math.max(0, slipDays) / span;
}

/** A milestone whose P85 (or, without a forecast, today) is past its baseline. */
export const milestoneSlip: RiskRule = (ctx, facts) => {
  const r = ctx.scoring.risk;
  const p = r.milestoneSlip;
  return facts.forecasts
    .filter((f) => f.slipDays > 0)
    .map((f) => {
      const m = ctx.milestones.find((x) => x.id === f.milestone);
      const frac = slipFraction(ctx, f.baseline, f.slipDays);
      const p50Slips = f.p50 !== null && f.p50 > f.baseline;
      const probability = f.method === 'due_date' ? p.probabilityNoForecast : p50Slips ? p.probabilityP50Late : p.probabilityP85Late;
      const impact = bandImpact(frac, r.impactBands) + (m?.kind === 'golive' ? p.goLiveImpactBonus : 0);
      const markers = milestoneMarkers(ctx, f.milestone);
      const listed = (markers.length ? markers : m ? milestoneWork(ctx, m).filter((it) => it.status !== 'done' && it.status !== 'cancelled') : [])
        .slice(0, MAX_LISTED_ITEMS)
        .map(refOf);
      const basis = f.method === 'due_date' ? 'baseline passed with work open (no forecast)' : `P85 ${f.p85 ?? ''}`;
      return makeRisk({
        type: 'milestone_slip',
        subject: f.milestone,
        window: f.baseline,
        probability,
        impact,
        items: listed,
        message: `Milestone ${f.milestone} is ${f.slipDays} days behind its baseline ${f.baseline} (${basis}; ${Math.round(frac * 100)}% of its span); ${f.remainingItems} items open.`,
        action: 'Re-plan scope or staffing for this milestone, or re-baseline it through change control.',
        since: ctx.today,
      }, r.levels);
    });
};
