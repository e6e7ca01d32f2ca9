/**
 * Hard caps: conditions that hold the score down whatever the weighted mean says (compliance cannot be
 * averaged away). Each applied cap names its cause by gate, sign-off or item key, never by title.
 */
import type { AppliedCap } from '../model';
import { daysBetween } from '../risk/business-calendar';
import { isOpen, type EvalContext } from '../risk/context';
import type { GateFacts } from '../risk/gate-state';

function ids(fs: GateFacts[]): string {
  return fs.map((f) => f.state.id).join(', ');
}

export function applicableCaps(ctx: EvalContext, gates: GateFacts[], signoffs: GateFacts[]): AppliedCap[] {
  const c = ctx.program.caps;
  const out: AppliedCap[] = [];
  const daysToGoLive = ctx.goLive === null ? null : daysBetween(ctx.today, ctx.goLive);
  const within = (n: number) => daysToGoLive !== null && daysToGoLive >= 0 && daysToGoLive <= n;

  // An overdue gate whose phase has not ended is blocking the next phase (or the one trying to run).
  const blocking = gates.filter((f) => {
    if (f.state.state !== 'overdue') return false;
    const p = ctx.phasesById.get(f.state.blocksPhase);
    return !p || p.end >= ctx.today;
  });
  if (blocking.length) {
    const phases = [...new Set(blocking.map((f) => f.state.blocksPhase))].join(', ');
    out.push({ id: 'overdueGateBlockingNext', value: c.overdueGateBlockingNext, reason: `overdue gate ${ids(blocking)} blocks phase ${phases}` });
  }
  const statutory = gates.filter((f) => f.gate?.class === 'statutory' && f.state.state !== 'done');
  if (statutory.length && within(c.statutoryGateNearGoLiveDays)) {
    out.push({
      id: 'statutoryGateNearGoLive', value: c.statutoryGateNearGoLive,
      reason: `statutory gate ${ids(statutory)} not done with go-live ${ctx.goLive ?? ''} in ${daysToGoLive ?? ''} days`,
    });
  }
  const goNoGo = signoffs.filter((f) => f.signoff?.goNoGo && f.state.state !== 'done');
  if (goNoGo.length && within(c.goNoGoSignoffMissingDays)) {
    out.push({
      id: 'goNoGoSignoffMissing', value: c.goNoGoSignoffMissing,
      reason: `go/no-go sign-off ${ids(goNoGo)} missing with go-live ${ctx.goLive ?? ''} in ${daysToGoLive ?? ''} days`,
    });
  }
  const late = gates.filter((f) => f.state.state === 'overdue' && f.state.daysOverdue > c.anyGateOverdueDays);
  if (late.length) {
    out.push({ id: 'anyGateOverdue', value: c.anyGateOverdue, reason: `gate ${ids(late)} overdue more than ${c.anyGateOverdueDays} days` });
  }
  const sev1 = ctx.items.filter((it) => isOpen(it) && it.kind === 'defect' && it.severity === 'sev1' && it.goLiveBlocking);
  if (sev1.length && within(c.sev1NearGoLiveDays)) {
    out.push({
      id: 'sev1NearGoLive', value: c.sev1NearGoLive,
      reason: `open go-live-blocking sev1 defect ${sev1.map((it) => it.source.key).join(', ')} with go-live ${ctx.goLive ?? ''} in ${daysToGoLive ?? ''} days`,
    });
  }
  return out.sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : 1));
}
