/**
 * Schedule-only earned value from tracker data. Each milestone is an equal share of scope. PV: the share planned
 * by `today`, linear over the time from the previous milestone's baseline (or the program start) to its own.
 * Milestones with no tracked work are left out. EV: done milestones count whole, open ones by the done fraction of their work. With a budget, both are in the
 * budget currency (× BAC) and CPI = EV / actual cost; without one they are fractions of scope (0..1).
 */
import type { EarnedValue } from '../model';
import { daysBetween } from '../risk/business-calendar';
import { clamp, milestoneDone, milestoneMarkers, milestoneWork, round, type EvalContext } from '../risk/context';

export function earnedValue(ctx: EvalContext): EarnedValue {
  const ms = ctx.milestones;
  if (ms.length === 0) return { ev: 0, pv: 0, spi: null, cpi: null };
  let prev = ctx.program.start;
  let pv = 0;
  let ev = 0;
  let counted = 0;
  for (const m of ms) {
    const isDone = milestoneDone(ctx, m);
    const work = milestoneWork(ctx, m).filter((it) => it.status !== 'cancelled');
    const hasMarker = milestoneMarkers(ctx, m).length > 0;
    // A milestone the trackers say nothing about gives no evidence either way: leave it out of EV and PV.
    if (!isDone && work.length === 0 && !hasMarker) {
      if (m.baseline > prev) prev = m.baseline;
      continue;
    }
    counted++;
    const span = daysBetween(prev, m.baseline);
    pv += span <= 0 ? (ctx.today >= m.baseline ? 1 : 0) : clamp(daysBetween(prev, ctx.today) / span, 0, 1);
    if (m.baseline > prev) prev = m.baseline;
    if (isDone) {
      ev += 1;
      continue;
    }
    if (work.length) ev += work.filter((it) => it.status === 'done').length / work.length;
  }
  const budget = ctx.program.budget;
  const unit = budget ? budget.bac : 1;
  const n = Math.max(1, counted);
  const evAbs = (ev / n) * unit;
  const pvAbs = (pv / n) * unit;
  const spi = pvAbs > 0 ? round(evAbs / pvAbs, 3) : null;
  const cpi = budget && budget.actualCost !== null && budget.actualCost > 0 ? round(evAbs / budget.actualCost, 3) : null;
  const d = budget ? 2 : 4;
  return { ev: round(evAbs, d), pv: round(pvAbs, d), spi, cpi };
}
