/**
 * Fan-out: one rendered alert → routeAlert → one `alert.deliver` job per channel (delayed to the end of quiet
 * hours when the router says so), or into the daily digest of its audience. Job ids are deterministic, so a
 * repeated fan-out (a retried evaluation, a second worker) adds nothing; the ledger covers what the ids cannot.
 */
import { createHash } from 'node:crypto';
import type { ChannelsConfig } from '../../config/channels-schema';
import type { Risk } from '../../model';
import type { Alert } from '../../notify/alert';
import { deliveryKey, routeAlert, type RouteTarget } from '../../notify/routing';
import type { JobContext } from '../context';
import type { AlertRequest } from '../types';
import { collectForDigest } from './digest';
import { escalationAlert, escalationFor, findLevel, itemUid, newlyHigh, riskAlert, type AlertOrigin } from './render-alerts';

export type FanOutContext = Pick<JobContext, 'deps' | 'queues' | 'log'>;

/** The BullMQ job id of one delivery: readable channel, hashed key (keys hold `|` and long fingerprints). */
export function alertJobId(key: string, channel: string): string {
  return `alert.${channel}.${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

function delayOf(target: RouteTarget, now: Date): number {
  return target.deliverAt === 'now' ? 0 : Math.max(0, Date.parse(target.deliverAt) - now.getTime());
}

/** Routes `alert` and enqueues its deliveries; returns the targets (empty when no channel is configured). */
export async function fanOut(ctx: FanOutContext, alert: Alert, origin: AlertOrigin): Promise<RouteTarget[]> {
  const cfg: ChannelsConfig | undefined = ctx.deps.settings.channels;
  if (!cfg) return [];
  const now = ctx.deps.clock();
  const targets = routeAlert(cfg, alert.programId, alert, now);
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

/**
 * The `deliverAlert` hook of the escalate job: renders the ladder level from the current snapshot and fans it
 * out. Returns the receipt the escalation ledger records (the channels it was routed to).
 */
export async function deliverEscalation(ctx: FanOutContext, req: AlertRequest): Promise<string> {
  const pp = ctx.deps.settings.programs.find((p) => p.program.id === req.program);
  if (!pp) throw new Error(`program ${req.program} is not in the config`);
  const snapshot = await ctx.deps.store.state.getSnapshot(req.program);
  const esc = escalationFor(req, snapshot?.escalations ?? null, findLevel(pp, req.level)?.index ?? 0);
  const alert = escalationAlert(ctx.deps.settings, pp, esc, req, ctx.deps.clock());
  const first = esc.items[0];
  const version = await versionOf(ctx, first);
  const targets = await fanOut(ctx, alert, { item: itemUid(first) ?? req.subject, version: version || req.due, rule: req.level });
  return `routed:${targets.map((t) => `${t.channelId}${t.digest ? '(digest)' : t.deliverAt === 'now' ? '' : '(later)'}`).join(',') || 'none'}`;
}

/** Fans out every risk of an evaluation that became high since the previous one; returns how many. */
export async function deliverNewHighRisks(ctx: FanOutContext, program: string, risks: Risk[], previous: Map<string, { level: string }>): Promise<number> {
  if (!ctx.deps.settings.channels) return 0;
  const fresh = newlyHigh(risks, previous);
  for (const risk of fresh) {
    const first = risk.items[0];
    await fanOut(ctx, riskAlert(ctx.deps.settings, program, risk), { item: itemUid(first) ?? risk.subject, version: await versionOf(ctx, first), rule: risk.type });
  }
  return fresh.length;
}
