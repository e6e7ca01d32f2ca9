/**
 * Fan-out: one rendered alert → routeAlert → one `alert.deliver` job per channel (delayed to the end of quiet
 * hours when the router says so), or into the daily digest of its audience. Job ids are deterministic, so a
 * repeated fan-out (a retried evaluation, a second worker) adds nothing; the ledger covers what the ids cannot.
 */
import { createHash } from 'node:crypto';
import type { ChannelsConfig } from '../../config/channels-schema';
import { UnrecoverableError } from '../../../connectors/errors';
import type { Risk } from '../../model';
import type { ItemRef } from '../../model/source-item';
import type { Alert } from '../../notify/alert';
import { deliveryKey, routeAlert, type RouteTarget } from '../../notify/routing';
import type { JobContext } from '../context';
import type { AlertRequest } from '../types';
import { collectForDigest } from './digest';
import { escalationMarker, lookupMarker, markerCandidates, postEscalationNotice, recordNoticeSpec, type NoticeSpec } from './escalation-notice';
import { escalationAlert, escalationFor, findLevel, itemUid, newlyHigh, riskAlert, type AlertOrigin } from './render-alerts';

export type FanOutContext = Pick<JobContext, 'deps' | 'queues' | 'log'>;

/** The BullMQ job id of one delivery: readable channel, hashed key (keys hold `|` and long fingerprints). */
export function alertJobId(key: string, channel: string): string {
  return `alert.${channel}.${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

function delayOf(target: RouteTarget, now: Date): number {
  return target.deliverAt === 'now' ? 0 : Math.max(0, Date.parse(target.deliverAt) - now.getTime());
}

/**
 * Routes `alert` and enqueues its deliveries; returns the targets (empty when no channel is configured).
 * `onRouted` runs after routing and before anything is enqueued (the escalation notice records its channels).
 */
export async function fanOut(ctx: FanOutContext, alert: Alert, origin: AlertOrigin, onRouted?: (targets: RouteTarget[]) => Promise<void>): Promise<RouteTarget[]> {
  const cfg: ChannelsConfig | undefined = ctx.deps.settings.channels;
  if (!cfg) return [];
  const now = ctx.deps.clock();
  const targets = routeAlert(cfg, alert.programId, alert, now);
  await onRouted?.(targets);
  for (const t of targets) {
    if (t.digest) {
      await collectForDigest(ctx, cfg, alert, t);
      continue;
    }
    const key = deliveryKey(alert.fingerprint, alert.level, t.channelId);
    const delay = delayOf(t, now);
    await ctx.queues.enqueue(
      'alert.deliver',
      { program: alert.programId, channel: t.channelId, deliveryKey: key, alert, recipients: t.recipients, ...origin },
      { jobId: alertJobId(key, t.channelId), ...(delay ? { delay } : {}) },
    );
  }
  ctx.log.info({ program: alert.programId, fingerprint: alert.fingerprint, level: alert.level, channels: targets.map((t) => t.channelId) }, 'alert routed');
  return targets;
}

async function versionOf(ctx: FanOutContext, ref: { instance: string; key: string } | undefined): Promise<string> {
  if (!ref) return '';
  return (await ctx.deps.store.items.getItem(ref.instance, ref.key))?.version ?? '';
}

/** Receipt prefix of a level the tracker-side marker shows as delivered already (the escalate job audits a skip). */
export const TRACKER_DUPLICATE = 'duplicate:tracker';

/**
 * The `deliverAlert` hook of the escalate job: renders the ladder level from the current snapshot and fans it
 * out. The tracker is asked first: a notice marker for this (escalation, level, due date) on the escalation's
 * items means the level went out before Redis lost its state, and nothing is sent. Otherwise the deliveries are
 * enqueued and the notice follows once they all completed (escalation-notice.ts). Returns the receipt the
 * escalation ledger records (the channels it was routed to, or where the tracker marker was found).
 */
export async function deliverEscalation(ctx: FanOutContext, req: AlertRequest): Promise<string> {
  const pp = ctx.deps.settings.programs.find((p) => p.program.id === req.program);
  if (!pp) throw new Error(`program ${req.program} is not in the config`);
  const snapshot = await ctx.deps.store.state.getSnapshot(req.program);
  const esc = escalationFor(req, snapshot?.escalations ?? null, findLevel(pp, req.level)?.index ?? 0);
  const marker = escalationMarker(req.subject, req.level, req.due);
  // No tracker item of its own (a gate nothing maps to): the anchors chosen at evaluate time carry the marker.
  const anchored = esc.items.length === 0 && (req.anchors?.length ?? 0) > 0;
  const candidates = anchored ? markerCandidates(ctx, req.anchors ?? [], false) : markerCandidates(ctx, esc.items);
  const lookup = await lookupMarker(ctx, candidates, marker);
  if (lookup.found) {
    ctx.log.info({ program: req.program, subject: req.subject, level: req.level, item: itemUid(lookup.found.item) }, 'escalation level already on the tracker');
    return `${TRACKER_DUPLICATE} ${itemUid(lookup.found.item) ?? ''} comment ${lookup.found.commentId}`;
  }
  const alert = escalationAlert(ctx.deps.settings, pp, esc, req, ctx.deps.clock());
  const first = esc.items[0];
  const version = await versionOf(ctx, first);
  const target = lookup.target;
  let spec: NoticeSpec | null = null;
  const onRouted = async (routed: RouteTarget[]): Promise<void> => {
    if (!target) return;
    spec = {
      program: req.program, subject: req.subject, level: req.level, due: req.due, audiences: req.audiences, marker, target,
      channels: routed.filter((t) => !t.digest).map((t) => t.channelId),
      ...(anchored ? { anchored: true } : {}),
    };
    await recordNoticeSpec(ctx, alert.fingerprint, spec);
  };
  const targets = await fanOut(ctx, alert, { item: itemUid(first) ?? req.subject, version: version || req.due, rule: req.level }, onRouted);
  const ready = spec as NoticeSpec | null;
  // Nothing to wait for (only digests): the notice goes now. Routed nowhere: nobody was notified, no notice.
  if (ready && ready.channels.length === 0 && targets.length > 0) await postEscalationNotice(ctx, ready);
  const routed = `routed:${targets.map((t) => `${t.channelId}${t.digest ? '(digest)' : t.deliverAt === 'now' ? '' : '(later)'}`).join(',') || 'none'}`;
  return ready ? `${routed} notice:${itemUid(ready.target) ?? ''}` : routed;
}

/**
 * True when the risk's write-back comment (marker `<fingerprint>.s<severity>`, writeback.ts commentFingerprint) is
 * already on its target: the comment and the alert are produced together for a new high risk, so the alert went
 * out before Redis lost the risk state. A tracker that refuses for good answers "not there" (at-least-once);
 * a retryable failure is thrown, and the evaluation retries.
 */
async function riskOnTracker(ctx: FanOutContext, risk: Risk, target: ItemRef | null): Promise<boolean> {
  const connector = target ? ctx.deps.connectors.get(target.instance) : undefined;
  if (!target || !connector) return false;
  try {
    return (await connector.findComment(target.key, `${risk.fingerprint}.s${risk.severity}`)) !== null;
  } catch (err) {
    if (!(err instanceof UnrecoverableError)) throw err;
    ctx.log.warn({ item: itemUid(target), reason: err.reason }, 'risk marker lookup refused; alerting');
    return false;
  }
}

/**
 * Fans out every risk of an evaluation that became high since the previous one, unless its comment marker is on
 * the tracker already (`targets`: the comment target of each risk by fingerprint, the anchor when it has no item);
 * returns how many were fanned out.
 */
export async function deliverNewHighRisks(
  ctx: FanOutContext,
  program: string,
  risks: Risk[],
  previous: Map<string, { level: string }>,
  targets: Map<string, ItemRef | null> = new Map(),
): Promise<number> {
  if (!ctx.deps.settings.channels) return 0;
  let sent = 0;
  for (const risk of newlyHigh(risks, previous)) {
    if (await riskOnTracker(ctx, risk, targets.get(risk.fingerprint) ?? null)) {
      ctx.log.info({ program, fingerprint: risk.fingerprint, severity: risk.severity }, 'high risk already on the tracker; alert not re-sent');
      continue;
    }
    const first = risk.items[0];
    await fanOut(ctx, riskAlert(ctx.deps.settings, program, risk), { item: itemUid(first) ?? risk.subject, version: await versionOf(ctx, first), rule: risk.type });
    sent += 1;
  }
  return sent;
}
