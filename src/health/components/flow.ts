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
 * 40·min(1, throughput of the last 4 weeks / median of the 8 before) + 30·(1 − share of WIP older than the P85
 * cycle time) + 30·(1 − blocked share of open items). A part without data scores full marks.
 */
export function flowScore(ctx: EvalContext, samples: number[]): Part {
  const deductions = [];
  let tpPart = 40;
  if (samples.length >= 5) {
    const last = samples.slice(-4);
    const prev = samples.slice(-12, -4);
    const avg = last.reduce((a, b) => a + b, 0) / last.length;
    const base = median(prev);
    if (base > 0) tpPart = 40 * Math.min(1, avg / base);
    if (tpPart < 40) deductions.push(deduction(40 - tpPart, `throughput of the last 4 weeks ${avg.toFixed(1)}/week vs median ${base}/week before`, []));
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
  let agePart = 30;
  if (cycles.length && wip.length) {
    const sorted = Float64Array.from(cycles).sort();
    const p85 = sorted[Math.min(sorted.length - 1, Math.ceil(0.85 * sorted.length) - 1)] ?? 0;
    const old = wip.filter((w) => w.age > p85);
    agePart = 30 * (1 - old.length / wip.length);
    if (old.length) deductions.push(deduction(30 - agePart, `${old.length} of ${wip.length} items in progress are older than the P85 cycle time of ${p85} days`, old.map((w) => refOf(w.it))));
  }
  const open = ctx.items.filter(isOpen);
  const blocked = open.filter((it) => it.source.blockedBy.length > 0 && isBlocked(ctx, it));
  const blockedPart = open.length ? 30 * (1 - blocked.length / open.length) : 30;
  if (blocked.length) deductions.push(deduction(30 - blockedPart, `${blocked.length} of ${open.length} open items are blocked`, blocked.map(refOf)));
  return { score: tpPart + agePart + blockedPart, deductions };
}
