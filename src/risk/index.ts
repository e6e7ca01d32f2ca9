/** The risk layer: typed risks with exposure and stable fingerprints, and the escalation clock. */
import type { Risk } from '../model';
import type { EvalContext } from './context';
import { sortRisks } from './make-risk';
import type { RiskRule, RuleFacts } from './rule';
import { budgetOverrun } from './rules/budget-overrun';
import { crossToolBlock } from './rules/cross-tool-block';
import { defectNearGoLive } from './rules/defect-near-golive';
import { gateAtRisk, gateOverdue } from './rules/gate-risks';
import { milestoneSlip } from './rules/milestone-slip';
import { scopeAdded } from './rules/scope-added';
import { signoffMissing } from './rules/signoff-missing';
import { staleItem } from './rules/stale-item';
import { unassignedCompliance } from './rules/unassigned-compliance';

export const RISK_RULES: RiskRule[] = [
  milestoneSlip, gateAtRisk, gateOverdue, signoffMissing, crossToolBlock,
  staleItem, unassignedCompliance, defectNearGoLive, scopeAdded, budgetOverrun,
];

/** Every risk of every rule, in exposure order (severity desc, then fingerprint). */
export function detectRisks(ctx: EvalContext, facts: RuleFacts): Risk[] {
  return sortRisks(RISK_RULES.flatMap((rule) => rule(ctx, facts)));
}

export { fingerprint } from './fingerprint';
export * from './business-calendar';
export { evaluateEscalations } from './escalation';
