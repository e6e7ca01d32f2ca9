import { isOpen, refOf, resolveRef, type LinkedRef } from '../context';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/**
 * An open item blocked by an item in another tool that is not done. A blocker we cannot see (another program,
 * an unsynced instance) counts as not done: nobody has shown us it is finished.
 */
export const crossToolBlock: RiskRule = (ctx) => {
  const r = ctx.scoring.risk;
  const p = r.crossToolBlock;
  const out = [];
  for (const it of ctx.items) {
    if (!isOpen(it)) continue;
    for (const ref of it.source.blockedBy) {
      if (ref.tool === it.source.tool) continue;
      const blocker = resolveRef(ctx, ref);
      if (blocker && (blocker.status === 'done' || blocker.status === 'cancelled')) continue;
      const blockerRef: LinkedRef = blocker ? refOf(blocker) : { ...ref, url: '' };
      const critical = it.kind === 'compliance' || it.kind === 'signoff' || it.kind === 'milestone' || it.goLiveBlocking;
      const blockerKey = `${ref.tool}:${ref.instance}:${ref.key}`;
      out.push(
        makeRisk({
          type: 'cross_tool_block',
          subject: it.uid,
          window: blockerKey,
          probability: p.probability,
          impact: critical ? p.impactCritical : p.impactOther,
          items: [refOf(it), blockerRef],
          message: `${it.source.tool} item ${it.source.key} is blocked by ${ref.tool} item ${ref.key}, which is ${blocker ? blocker.status.replace('_', ' ') : 'not visible to Vitals'}.`,
          action: `Agree a date with the ${ref.tool} team that owns ${ref.key}, or remove the dependency.`,
          since: ctx.dates.of(it.uid, 'updated') ?? ctx.today,
        }, r.levels),
      );
    }
  }
  return out;
};
