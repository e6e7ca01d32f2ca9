import type { WorkItem } from '../../model';
import { addDays, daysBetween } from '../business-calendar';
import { refOf } from '../context';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/** In progress with no update for `staleDays`; a new update opens a new window (new fingerprint). */
export const staleItem: RiskRule = (ctx) => {
  const limit = ctx.program.thresholds.staleDays;
  const r = ctx.scoring.risk;
  const p = r.staleItem;
  const out = [];
  for (let i = 0; i < ctx.items.length; i++) {
    const it = ctx.items[i] as WorkItem;
    if (it.status !== 'in_progress') continue;
    const updated = ctx.dates.at(i, 'updated');
    if (!updated) continue;
    const idle = daysBetween(updated, ctx.today);
    if (idle < limit) continue;
    const important = it.kind === 'compliance' || it.kind === 'signoff' || it.kind === 'milestone';
    out.push(
      makeRisk({
        type: 'stale_item',
        subject: it.uid,
        window: updated,
        probability: idle >= p.longIdleFactor * limit ? p.probabilityLongIdle : p.probability,
        impact: important ? p.impactImportant : p.impactOther,
        items: [refOf(it)],
        message: `${it.source.tool} item ${it.source.key} has been in progress with no update for ${idle} days.`,
        action: 'Ask the assignee for a status update, or move it back to the backlog.',
        since: addDays(updated, limit),
      }, r.levels),
    );
  }
  return out;
};
