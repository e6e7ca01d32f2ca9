import { daysBetween } from '../../risk/business-calendar';
import type { EvalContext } from '../../risk/context';
import type { GateFacts } from '../../risk/gate-state';
import { weightedMean, type Part } from './part';

/**
 * Sign-offs required for the next phase, plus any overdue one: signed 100; pending beyond the horizon 100;
 * pending within it pendingBase + pendingDoneWeight·(linked items done); overdue or rejected their own scores
 * (defaults 50 + 50·done, 0 and 0).
 */
export function clinicalScore(ctx: EvalContext, signoffs: GateFacts[]): Part {
  const horizon = ctx.program.thresholds.signoffHorizonDays;
  const p = ctx.scoring.clinical;
  const next = ctx.nextPhase?.id ?? null;
  const relevant = signoffs.filter((f) => f.state.blocksPhase === next || f.state.state === 'overdue');
  return weightedMean(
    relevant.map((f) => {
      const st = f.state.state;
      const left = daysBetween(ctx.today, f.state.due);
      let score: number;
      let reason: string;
      if (st === 'done') [score, reason] = [100, ''];
      else if (f.rejected) [score, reason] = [p.rejected, `sign-off ${f.state.id} rejected or sent back for changes`];
      else if (st === 'overdue') [score, reason] = [p.overdue, `sign-off ${f.state.id} overdue ${f.state.daysOverdue} days (due ${f.state.due})`];
      else if (left > horizon) [score, reason] = [100, ''];
      else {
        score = p.pendingBase + p.pendingDoneWeight * f.doneFraction;
        reason = `sign-off ${f.state.id} pending, due in ${left} days, ${Math.round(f.doneFraction * 100)}% of its items done`;
      }
      return { weight: 1, score, reason, items: f.state.items };
    }),
  );
}
