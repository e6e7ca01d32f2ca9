import { DEFAULT_SCORING, type ScoringParams } from '../../model';
import type { GateFacts } from '../../risk/gate-state';
import { weightedMean, type Part } from './part';

type Params = ScoringParams['compliance'];

/**
 * Score of one gate: done or not due 100 (`notStartedInWindow` once the window opened unstarted); overdue: the
 * first `overdueBands` entry whose `maxDays` covers the days overdue, past the last one `overdueBeyond`.
 */
export function gateScore(f: GateFacts, p: Params = DEFAULT_SCORING.compliance): number {
  const st = f.state.state;
  if (st === 'done') return 100;
  if (st === 'overdue') {
    const d = f.state.daysOverdue;
    return p.overdueBands.find((b) => d <= b.maxDays)?.score ?? p.overdueBeyond;
  }
  return f.windowUsed > 0 && !f.started ? p.notStartedInWindow : 100;
}

export function complianceScore(gates: GateFacts[], p: Params = DEFAULT_SCORING.compliance): Part {
  return weightedMean(
    gates.map((f) => ({
      weight: p.classWeights[f.gate?.class ?? 'advisory'],
      score: gateScore(f, p),
      reason:
        f.state.state === 'overdue'
          ? `gate ${f.state.id} overdue ${f.state.daysOverdue} days (due ${f.state.due})`
          : `gate ${f.state.id} not started with its lead window open (due ${f.state.due})`,
      items: f.state.items,
    })),
  );
}
