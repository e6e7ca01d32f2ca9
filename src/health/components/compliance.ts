import type { GateClass } from '../../model';
import type { GateFacts } from '../../risk/gate-state';
import { weightedMean, type Part } from './part';

const CLASS_WEIGHT: Record<GateClass, number> = { statutory: 3, contractual: 2, advisory: 1 };

/** Score of one gate: done or not due 100 (80 once the window opened unstarted); overdue 1–3 d 60, 4–7 d 30, more 0. */
export function gateScore(f: GateFacts): number {
  const st = f.state.state;
  if (st === 'done') return 100;
  if (st === 'overdue') {
    const d = f.state.daysOverdue;
    return d <= 3 ? 60 : d <= 7 ? 30 : 0;
  }
  return f.windowUsed > 0 && !f.started ? 80 : 100;
}

export function complianceScore(gates: GateFacts[]): Part {
  return weightedMean(
    gates.map((f) => ({
      weight: CLASS_WEIGHT[f.gate?.class ?? 'advisory'],
      score: gateScore(f),
      reason:
        f.state.state === 'overdue'
          ? `gate ${f.state.id} overdue ${f.state.daysOverdue} days (due ${f.state.due})`
          : `gate ${f.state.id} not started with its lead window open (due ${f.state.due})`,
      items: f.state.items,
    })),
  );
}
