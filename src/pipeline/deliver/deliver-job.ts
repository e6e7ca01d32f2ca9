/**
 * The notify job for one alert on one channel. Exactly-once in effect: the effect ledger is claimed by the
 * delivery key (fingerprint | level | channel) before sending and completed after, so retries, restarts and a
 * second worker never deliver twice (a crash between send and complete re-sends after the lease; webhook
 * receivers can drop that repeat by `X-Vitals-Delivery`). A retryable failure (429, 5xx, timeout) throws a
 * TransientError and BullMQ retries with backoff; anything else fails at once. Each outcome is recorded on the
 * channel's status and in the audit stream; other channels have their own jobs and never wait on this one.
 */
import { TransientError, UnrecoverableError, type UnrecoverableReason } from '../../../connectors/errors';
import { metrics } from '../../metrics';
import type { Alert } from '../../notify/alert';
import type { DeliveryResult } from '../../notify/channel';
import { ChannelStatusStore } from '../../store/channel-status';
import type { JobPayload } from '../catalog';
import type { JobContext } from '../context';
import { channelsOf } from './channels';
import { noteEscalationDelivered } from './escalation-notice';
import type { AlertOrigin } from './render-alerts';

export interface DeliverOutcome {
  status: 'delivered' | 'duplicate' | 'empty';
  channel: string;
  deliveryKey: string;
}

export interface DeliverRequest {
  channel: string;
  deliveryKey: string;
  alert: Alert;
  recipients: string[];
  origin: AlertOrigin;
}

export function channelStatusOf(ctx: Pick<JobContext, 'deps' | 'queues'>): ChannelStatusStore {
  return new ChannelStatusStore(ctx.queues.connection, ctx.deps.store.keys);
}

function reasonOf(status: number | null): UnrecoverableReason {
  if (status === 401) return 'bad_credentials';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return 'bad_config';
}

async function send(ctx: JobContext, req: DeliverRequest): Promise<DeliveryResult> {
  const cfg = ctx.deps.settings.channels;
  const channel = cfg ? channelsOf(cfg, ctx.deps.clock).get(req.channel) : undefined;
  if (!channel) return { ok: false, status: null, retryable: false, detail: `channel ${req.channel} is not configured` };
  try {
    return await channel.send(req.alert, { recipients: req.recipients });
  } catch (err) {
    // Channels answer with a result; a throw is a bug or a broken socket: worth another attempt.
    return { ok: false, status: null, retryable: true, detail: err instanceof Error ? err.name : 'error' };
  }
}

export async function deliverOnce(ctx: JobContext, req: DeliverRequest): Promise<DeliverOutcome> {
  const { store, clock } = ctx.deps;
  const { alert } = req;
  const base = { program: alert.programId, item: req.origin.item, version: req.origin.version, rule: req.origin.rule };
  const claim = await store.ledger.claim(req.deliveryKey, ctx.owner);
  if (claim.state === 'done') {
    metrics.deliveries.inc({ channel: req.channel, outcome: 'duplicate' });
    ctx.log.info({ channel: req.channel, fingerprint: alert.fingerprint, level: alert.level }, 'alert already delivered');
    // A retry after the notice failed (or a crash before it) gets here: the notice is still owed.
    if (alert.kind === 'escalation') await noteEscalationDelivered(ctx, alert, req.channel);
    return { status: 'duplicate', channel: req.channel, deliveryKey: req.deliveryKey };
  }
  if (claim.state === 'busy') throw new TransientError(`alert ${req.deliveryKey} is being delivered by another worker`);

  const res = await send(ctx, req);
  const at = clock().toISOString();
  const status = channelStatusOf(ctx);
  const idPart = `channel=${req.channel} level=${alert.level} kind=${alert.kind} status=${res.status ?? '-'}`;
  if (res.ok) {
    metrics.deliveries.inc({ channel: req.channel, outcome: 'sent' });
    await store.ledger.complete(req.deliveryKey, `${req.channel}:${res.status ?? '-'}`);
    await status.recordDelivered(req.channel, at);
    await store.audit.append({ ...base, actor: 'vitals', action: 'delivered', at, detail: `${idPart} key=${req.deliveryKey}` });
    ctx.log.info({ channel: req.channel, fingerprint: alert.fingerprint, level: alert.level, status: res.status }, 'alert delivered');
    // The last channel of an escalation level posts the tracker notice (its marker is the last word after a flush).
    if (alert.kind === 'escalation') await noteEscalationDelivered(ctx, alert, req.channel);
    return { status: 'delivered', channel: req.channel, deliveryKey: req.deliveryKey };
  }

  metrics.deliveries.inc({ channel: req.channel, outcome: 'failed' });
  await store.ledger.release(req.deliveryKey, ctx.owner);
  const attempt = (ctx.attempt?.made ?? 0) + 1;
  const max = ctx.attempt?.max ?? 1;
  const final = !res.retryable || attempt >= max;
  const why = `${res.status ?? 'no answer'}: ${res.detail}`;
  await status.recordFailure(req.channel, at, `attempt ${attempt}/${max} ${why}`, final);
  await store.audit.append({
    ...base,
    actor: 'vitals',
    action: 'delivery_failed',
    at,
    detail: `${idPart} attempt=${attempt}/${max} retry=${final ? 'no' : 'yes'} key=${req.deliveryKey} reason=${res.detail.replace(/\s+/g, '_').slice(0, 120)}`,
  });
  ctx.log.warn({ channel: req.channel, fingerprint: alert.fingerprint, level: alert.level, status: res.status, attempt, final }, 'alert delivery failed');
  if (!res.retryable) throw new UnrecoverableError(reasonOf(res.status), `channel ${req.channel} refused the alert (${why})`);
  throw new TransientError(`channel ${req.channel} failed (${why})`, res.status);
}

export async function runAlertDeliver(ctx: JobContext, p: JobPayload<'alert.deliver'>): Promise<DeliverOutcome> {
  return deliverOnce(ctx, {
    channel: p.channel,
    deliveryKey: p.deliveryKey,
    alert: p.alert,
    recipients: p.recipients,
    origin: { item: p.item, version: p.version, rule: p.rule },
  });
}
