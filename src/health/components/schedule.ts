import type { EarnedValue, MilestoneForecast } from '../../model';
import { milestoneMarkers, milestoneWork, pts, refOf, type EvalContext } from '../../risk/context';
import { slipFraction } from '../../risk/rules/milestone-slip';
import { deduction, weightedMean, type Part } from './part';

/** Per open milestone pts(P85 slip / baseline span), weighted by `scoring.schedule.kindWeights`; with SPI: min(that, pts(1 − SPI)). */
export function scheduleScore(ctx: EvalContext, forecasts: MilestoneForecast[], ev: EarnedValue): Part {
  const factor = ctx.program.thresholds.curveFactor;
  const kindWeights = ctx.scoring.schedule.kindWeights;
  const entries = forecasts.map((f) => {
    const m = ctx.milestones.find((x) => x.id === f.milestone);
    const frac = slipFraction(ctx, f.baseline, f.slipDays);
    const markers = milestoneMarkers(ctx, f.milestone);
    const items = markers.length ? markers : m ? milestoneWork(ctx, m).filter((it) => it.status === 'todo' || it.status === 'in_progress') : [];
    const basis = f.method === 'monte_carlo' ? `P85 ${f.p85 ?? ''}` : 'baseline passed, no forecast';
    return {
      weight: m ? kindWeights[m.kind] : kindWeights.other,
      score: pts(frac, factor),
      reason: `milestone ${f.milestone} ${Math.max(0, f.slipDays)} days past baseline ${f.baseline} (${basis}; ${Math.round(frac * 100)}% of span)`,
      items: items.map(refOf),
    };
  });
  const byMilestones = weightedMean(entries);
  if (ev.spi === null) return byMilestones;
  const bySpi = pts(1 - ev.spi, factor);
  if (bySpi >= byMilestones.score) return byMilestones;
  return { score: bySpi, deductions: [deduction(100 - bySpi, `schedule performance index ${ev.spi} (earned ${ev.ev} of planned ${ev.pv})`, [])] };
}
