import { isOpen, refOf } from '../context';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/** Open compliance work (a compliance item, or any item feeding a gate) with nobody assigned. */
export const unassignedCompliance: RiskRule = (ctx) => {
  const r = ctx.scoring.risk;
  return ctx.items
    .filter((it) => isOpen(it) && (it.kind === 'compliance' || it.gate !== null) && !it.source.assignee)
    .map((it) =>
      makeRisk({
        type: 'unassigned_compliance',
        subject: it.uid,
        window: it.gate ?? 'compliance',
        probability: r.unassignedCompliance.probability,
        impact: r.unassignedCompliance.impact,
        items: [refOf(it)],
        message: `Compliance ${it.source.tool} item ${it.source.key}${it.gate ? ` for gate ${it.gate}` : ''} has no assignee.`,
        action: 'Assign an owner from the gate owner role.',
        since: ctx.dates.of(it.uid, 'created') ?? ctx.today,
      }, r.levels),
    );
};
