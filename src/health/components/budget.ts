import type { EarnedValue } from '../../model';
import { pts, round, type EvalContext } from '../../risk/context';
import { deduction, type Part } from './part';

/** min(pts(1 − CPI), pts((EAC − BAC)/BAC)); null (weight dropped) without a budget or any actuals. */
export function budgetScore(ctx: EvalContext, ev: EarnedValue): Part | null {
  const b = ctx.program.budget;
  if (!b || b.bac <= 0) return null;
  const factor = ctx.program.thresholds.curveFactor;
  const parts: Array<{ score: number; reason: string }> = [];
  if (ev.cpi !== null) parts.push({ score: pts(1 - ev.cpi, factor), reason: `cost performance index ${ev.cpi}` });
  if (b.eac !== null) {
    const over = (b.eac - b.bac) / b.bac;
    parts.push({ score: pts(over, factor), reason: `estimate at completion ${round(over * 100, 1)}% over budget` });
  }
  if (!parts.length) return null;
  const worst = parts.reduce((a, p) => (p.score < a.score ? p : a));
  return { score: worst.score, deductions: worst.score < 100 ? [deduction(100 - worst.score, worst.reason, [])] : [] };
}
