import { bandImpact, makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/** The estimate at completion over budget, or spending ahead of earned value (CPI < 1). */
export const budgetOverrun: RiskRule = (ctx, facts) => {
  const b = ctx.program.budget;
  if (!b || b.bac <= 0) return [];
  const eacOver = b.eac !== null ? (b.eac - b.bac) / b.bac : 0;
  const cpi = facts.earnedValue.cpi;
  const cpiOver = cpi !== null && cpi > 0 ? 1 / cpi - 1 : 0;
  const over = Math.max(eacOver, cpiOver);
  const r = ctx.scoring.risk;
  if (over <= 0) return [];
  const basis = eacOver >= cpiOver ? `EAC ${b.eac ?? ''} ${b.currency} vs BAC ${b.bac} ${b.currency}` : `CPI ${cpi ?? ''}`;
  return [
    makeRisk({
      type: 'budget_overrun',
      subject: ctx.program.id,
      window: 'budget',
      probability: b.actualCost !== null || b.eac !== null ? r.budgetOverrun.probabilityReported : r.budgetOverrun.probabilityOther,
      impact: bandImpact(over, r.impactBands) + r.budgetOverrun.impactBonus,
      items: [],
      message: `Budget overrun of ${Math.round(over * 100)}% (${basis}).`,
      action: 'Review the estimate at completion with finance and the sponsor; agree scope or funding changes.',
      since: ctx.today,
    }, r.levels),
  ];
};
