import type { WorkItem } from '../../model';
import { daysBetween } from '../../risk/business-calendar';
import { isOpen, pts, refOf, type EvalContext } from '../../risk/context';
import { deduction, type Part } from './part';

type Check = [reason: string | ((ctx: EvalContext) => string), test: (ctx: EvalContext, it: WorkItem, i: number) => boolean];

const CHECKS: Check[] = [
  ['not mapped to a phase', (_c, it) => it.phase === null],
  ['no assignee', (_c, it) => !it.source.assignee],
  ['gate, sign-off or milestone item with no due date', (c, it, i) =>
    (it.kind === 'compliance' || it.kind === 'signoff' || it.kind === 'milestone' || it.gate !== null || it.signoff !== null) && !c.dates.at(i, 'due')],
  [(c) => `in progress with no update for ${c.scoring.hygiene.staleDays} days`, (c, it, i) => {
    const u = c.dates.at(i, 'updated');
    return it.status === 'in_progress' && !!u && daysBetween(u, c.today) >= c.scoring.hygiene.staleDays;
  }],
  ['due before start', (c, _it, i) => {
    const due = c.dates.at(i, 'due');
    const start = c.dates.at(i, 'start');
    return !!due && !!start && due < start;
  }],
  ['milestone item with no baseline milestone', (c, it) =>
    it.kind === 'milestone' && (it.milestone === null || !c.program.milestones.some((m) => m.id === it.milestone))],
];

/** pts(share of open items with at least one data defect); deductions split by defect kind. */
export function hygieneScore(ctx: EvalContext): Part {
  const hits = CHECKS.map(() => [] as WorkItem[]);
  let defective = 0;
  let open = 0;
  for (let i = 0; i < ctx.items.length; i++) {
    const it = ctx.items[i] as WorkItem;
    if (!isOpen(it)) continue;
    open++;
    let bad = false;
    for (let c = 0; c < CHECKS.length; c++) {
      if ((CHECKS[c] as Check)[1](ctx, it, i)) {
        hits[c]?.push(it);
        bad = true;
      }
    }
    if (bad) defective++;
  }
  if (!open) return { score: 100, deductions: [] };
  const share = defective / open;
  const score = pts(share, ctx.program.thresholds.curveFactor);
  const lost = 100 - score;
  const totalHits = hits.reduce((s, h) => s + h.length, 0);
  const deductions = CHECKS.flatMap(([reason], i) => {
    const h = hits[i] ?? [];
    return h.length ? [deduction((lost * h.length) / totalHits, `${h.length} open items: ${typeof reason === 'string' ? reason : reason(ctx)}`, h.map(refOf))] : [];
  });
  return { score, deductions };
}
