import { daysBetween } from '../business-calendar';
import { isOpen, refOf } from '../context';
import { makeRisk } from '../make-risk';
import type { RiskRule } from '../rule';

/** An open Sev1/Sev2 defect within `defectWindowDays` of the next go-live. */
export const defectNearGoLive: RiskRule = (ctx) => {
  const goLive = ctx.goLive;
  if (goLive === null) return [];
  const left = daysBetween(ctx.today, goLive);
  if (left > ctx.program.thresholds.defectWindowDays) return [];
  const r = ctx.scoring.risk;
  const p = r.defectNearGoLive;
  return ctx.items
    .filter((it) => isOpen(it) && it.kind === 'defect' && (it.severity === 'sev1' || it.severity === 'sev2'))
    .map((it) =>
      makeRisk({
        type: 'defect_near_golive',
        subject: it.uid,
        window: goLive,
        probability: it.severity === 'sev1' ? p.probabilitySev1 : p.probabilitySev2,
        impact: it.goLiveBlocking ? p.impactGoLiveBlocking : p.impactOther,
        items: [refOf(it)],
        message: `Open ${it.severity} defect ${it.source.key}${it.goLiveBlocking ? ' (go-live blocking)' : ''} with go-live on ${goLive}, ${left} days away.`,
        action: 'Fix and retest before go/no-go, or record a workaround and an owner for the go/no-go panel.',
        since: ctx.dates.of(it.uid, 'created') ?? ctx.today,
      }, r.levels),
    );
};
