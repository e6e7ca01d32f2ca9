/**
 * The daily digest: low-severity alerts wait in a per-(program, audience, channel, local date) hash, and one
 * delayed `alert.digest` job with a deterministic id per slot sends them together at the digest time. The digest
 * goes through the same exactly-once delivery as any alert (its fingerprint names the audience and the date).
 */
import type { ChannelsConfig } from '../../config/channels-schema';
import type { Alert } from '../../notify/alert';
import { alertSchema } from '../../notify/alert-schema';
import { renderDigest } from '../../notify/render-digest';
import { deliveryKey, type RouteTarget } from '../../notify/routing';
import type { JobPayload } from '../catalog';
import type { JobContext } from '../context';
import { programUrl } from '../types';
import { deliverOnce, type DeliverOutcome } from './deliver-job';

/** Collected alerts outlive their slot by two days, then expire by themselves. */
const KEEP_SEC = 3 * 24 * 3600;

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function slotKey(ctx: Pick<JobContext, 'deps'>, program: string, audience: string, channel: string, date: string): string {
  return `${ctx.deps.store.keys.prefix}digest:${program}:${audience}:${channel}:${date}`;
}

export function digestJobId(program: string, audience: string, channel: string, date: string): string {
  return `digest.${program}.${audience}.${channel}.${date}`;
}

/** Adds `alert` to its digest slot and makes sure the slot's delayed job exists. */
export async function collectForDigest(ctx: Pick<JobContext, 'deps' | 'queues'>, cfg: ChannelsConfig, alert: Alert, t: RouteTarget): Promise<void> {
  const at = new Date(t.deliverAt === 'now' ? ctx.deps.clock().getTime() : Date.parse(t.deliverAt));
  const date = localDate(at, cfg.digest?.timeZone ?? 'UTC');
  const key = slotKey(ctx, alert.programId, t.audience, t.channelId, date);
  const redis = ctx.queues.connection;
  await redis.multi().hset(key, `${alert.fingerprint}|${alert.level}`, JSON.stringify(alert)).expire(key, KEEP_SEC).exec();
  const delay = Math.max(0, at.getTime() - ctx.deps.clock().getTime());
  await ctx.queues.enqueue(
    'alert.digest',
    { program: alert.programId, audience: t.audience, channel: t.channelId, date, recipients: t.recipients },
    { jobId: digestJobId(alert.programId, t.audience, t.channelId, date), ...(delay ? { delay } : {}) },
  );
}

/** The digest job: renders what the slot collected and delivers it once. */
export async function runDigest(ctx: JobContext, p: JobPayload<'alert.digest'>): Promise<DeliverOutcome> {
  const raw = await ctx.queues.connection.hgetall(slotKey(ctx, p.program, p.audience, p.channel, p.date));
  const alerts: Alert[] = [];
  for (const json of Object.values(raw)) {
    const parsed = alertSchema.safeParse(JSON.parse(json));
    if (parsed.success) alerts.push(parsed.data);
  }
  if (!alerts.length) return { status: 'empty', channel: p.channel, deliveryKey: '' };
  const digest = renderDigest(p.program, p.audience, p.date, alerts, programUrl(ctx.deps.settings, p.program));
  const key = deliveryKey(digest.fingerprint, digest.level, p.channel);
  return deliverOnce(ctx, {
    channel: p.channel,
    deliveryKey: key,
    alert: digest,
    recipients: p.recipients,
    origin: { item: `digest:${p.audience}`, version: p.date, rule: 'digest' },
  });
}
