import type { WorkItem } from '../../model';
import { daysBetween } from '../../risk/business-calendar';
import { isOpen, pts, refOf, type EvalContext } from '../../risk/context';
import { deduction, type Part } from './part';

/** In-progress items with no update for this many days are a data defect (the domain default). */
const HYGIENE_STALE_DAYS = 30;

type Check = [reason: string, test: (ctx: EvalContext, it: WorkItem) => boolean];

const CHECKS: Check[] = [
  ['not mapped to a phase', (_c, it) => it.phase === null],
  ['no assignee', (_c, it) => !it.source.assignee],
  ['gate, sign-off or milestone item with no due date', (c, it) =>
    (it.kind === 'compliance' || it.kind === 'signoff' || it.kind === 'milestone' || it.gate !== null || it.signoff !== null) && !c.dates.of(it.uid, 'due')],
  [`in progress with no update for ${HYGIENE_STALE_DAYS} days`, (c, it) => {
    const u = c.dates.of(it.uid, 'updated');
    return it.status === 'in_progress' && !!u && daysBetween(u, c.today) >= HYGIENE_STALE_DAYS;
  }],
  ['due before start', (c, it) => {
    const d = c.dates.get(it.uid);
    return !!d?.due && !!d.start && d.due < d.start;
  }],
  ['milestone item with no baseline milestone', (c, it) =>
    it.kind === 'milestone' && (it.milestone === null || !c.program.milestones.some((m) => m.id === it.milestone))],
];

/** pts(share of open items with at least one data defect); deductions split by defect kind. */
export function hygieneScore(ctx: EvalContext): Part {
  const open = ctx.items.filter(isOpen);
  if (!open.length) return { score: 100, deductions: [] };
  const hits = CHECKS.map(() => [] as WorkItem[]);
  let defective = 0;
  for (const it of open) {
    let bad = false;
    CHECKS.forEach(([, test], i) => {
      if (test(ctx, it)) {
        hits[i]?.push(it);
        bad = true;
      }
    });
    if (bad) defective++;
  }
  const share = defective / open.length;
  const score = pts(share, ctx.program.thresholds.curveFactor);
  const lost = 100 - score;
  const totalHits = hits.reduce((s, h) => s + h.length, 0);
  const deductions = CHECKS.flatMap(([reason], i) => {
    const h = hits[i] ?? [];
    return h.length ? [deduction((lost * h.length) / totalHits, `${h.length} open items: ${reason}`, h.map(refOf))] : [];
  });
  return { score, deductions };
}
