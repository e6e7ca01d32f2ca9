import type { WorkItem } from '../../model';
import { daysBetween } from '../../risk/business-calendar';
import { isOpen, refOf, resolveRef, type EvalContext } from '../../risk/context';
import { deduction, type Part } from './part';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Blocked: an open item with a blocker that is not done (an invisible blocker counts as not done). */
export function isBlocked(ctx: EvalContext, it: WorkItem): boolean {
  return it.source.blockedBy.some((ref) => {
    const b = resolveRef(ctx, ref);
    return !b || (b.status !== 'done' && b.status !== 'cancelled');
  });
}

/**
 * throughputPoints·min(1, mean throughput of the last recentWeeks / median of the baselineWeeks before)
 * + agePoints·(1 − share of WIP older than the agePercentile cycle time) + blockedPoints·(1 − blocked share of
 * open items); defaults 40/30/30, 4 vs 8 weeks, P85. `samples` are complete weeks, oldest first. A part without
 * data scores full marks.
 */
export function flowScore(ctx: EvalContext, samples: number[]): Part {
  const p = ctx.scoring.flow;
  const deductions = [];
  let tpPart = p.throughputPoints;
  const last = samples.slice(-p.recentWeeks);
  const prev = samples.slice(-(p.recentWeeks + p.baselineWeeks), -p.recentWeeks);
  // Needs a full recent window and at least one week before it to compare with.
  if (last.length === p.recentWeeks && prev.length > 0) {
    const avg = last.reduce((a, b) => a + b, 0) / last.length;
    const base = median(prev);
    if (base > 0) tpPart = p.throughputPoints * Math.min(1, avg / base);
    if (tpPart < p.throughputPoints) {
      deductions.push(deduction(p.throughputPoints - tpPart, `throughput of the last ${p.recentWeeks} weeks ${avg.toFixed(1)}/week vs median ${base}/week before`, []));
    }
  }
  const cycles: number[] = [];
  const wip: Array<{ it: WorkItem; age: number }> = [];
  const n = ctx.items.length;
  for (let i = 0; i < n; i++) {
    const it = ctx.items[i] as WorkItem;
    if (it.status !== 'done' && it.status !== 'in_progress') continue;
    const began = ctx.dates.at(i, 'start') ?? ctx.dates.at(i, 'created');
    if (!began) continue;
    const completed = ctx.dates.at(i, 'completed');
    if (it.status === 'done' && completed) cycles.push(Math.max(0, daysBetween(began, completed)));
    else if (it.status === 'in_progress') wip.push({ it, age: daysBetween(began, ctx.today) });
  }
  let agePart = p.agePoints;
  if (cycles.length && wip.length) {
    const sorted = Float64Array.from(cycles).sort();
    const limit = sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p.agePercentile * sorted.length) - 1))] ?? 0;
    const old = wip.filter((w) => w.age > limit);
    agePart = p.agePoints * (1 - old.length / wip.length);
    if (old.length) {
      const pct = `P${Math.round(p.agePercentile * 100)}`;
      deductions.push(deduction(p.agePoints - agePart, `${old.length} of ${wip.length} items in progress are older than the ${pct} cycle time of ${limit} days`, old.map((w) => refOf(w.it))));
    }
  }
  const open = ctx.items.filter(isOpen);
  const blocked = open.filter((it) => it.source.blockedBy.length > 0 && isBlocked(ctx, it));
  const blockedPart = open.length ? p.blockedPoints * (1 - blocked.length / open.length) : p.blockedPoints;
  if (blocked.length) deductions.push(deduction(p.blockedPoints - blockedPart, `${blocked.length} of ${open.length} open items are blocked`, blocked.map(refOf)));
  return { score: tpPart + agePart + blockedPart, deductions };
}
