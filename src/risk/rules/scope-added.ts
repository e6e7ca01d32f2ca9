import type { WorkItem } from '../../model';
import { refOf } from '../context';
import { bandImpact, makeRisk } from '../make-risk';
import { MAX_LISTED_ITEMS, type RiskRule } from '../rule';

/**
 * Items created after the baseline date, one risk per phase (a per-item alert would flood the PMO).
 * Impact grows with the share of the phase's items that were added.
 */
export const scopeAdded: RiskRule = (ctx) => {
  const baseline = ctx.program.baselineDate;
  if (!baseline) return [];
  const r = ctx.scoring.risk;
  const p = r.scopeAdded;
  const added = new Map<string, WorkItem[]>();
  const total = new Map<string, number>();
  for (let i = 0; i < ctx.items.length; i++) {
    const it = ctx.items[i] as WorkItem;
    if (it.status === 'cancelled') continue;
    const phase = it.phase ?? 'unphased';
    total.set(phase, (total.get(phase) ?? 0) + 1);
    const created = ctx.dates.at(i, 'created');
    if (created && created > baseline) {
      const list = added.get(phase);
      if (list) list.push(it);
      else added.set(phase, [it]);
    }
  }
  return [...added.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([phase, list]) => {
      const share = list.length / Math.max(1, total.get(phase) ?? 0);
      let firstCreated = ctx.today;
      for (const it of list) {
        const c = ctx.dates.of(it.uid, 'created');
        if (c && c < firstCreated) firstCreated = c;
      }
      return makeRisk({
        type: 'scope_added',
        subject: `phase:${phase}`,
        window: baseline,
        probability: p.probability,
        impact: bandImpact(share, r.impactBands) + (share >= p.largeShare ? p.largeShareImpactBonus : 0),
        items: list.slice(0, MAX_LISTED_ITEMS).map(refOf),
        message: `${list.length} items (${Math.round(share * 100)}% of phase ${phase}) were created after the baseline of ${baseline}.`,
        action: 'Take the added items through change control, or re-baseline the phase.',
        since: firstCreated,
      }, r.levels);
    });
};
