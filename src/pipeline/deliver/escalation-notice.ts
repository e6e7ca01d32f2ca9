/**
 * The tracker is the last word for escalation levels too. A fired level leaves a notice comment on the
 * escalation's target item carrying the marker `esc.<escalation fingerprint>.<level>.<due>`; before a level is
 * fanned out we look for that marker, so a Redis that lost the escalation records and the ledger cannot send it
 * again. The notice is posted only once every channel delivery of the level has completed (a per-level hash
 * counts them), so the marker never claims a delivery that did not happen: a crash between the last delivery
 * and the notice re-sends after a flush (at-least-once; webhook receivers drop it by `X-Vitals-Delivery`).
 * Escalations with no tracker item (a gate nothing maps to yet) put the notice and its marker on an anchor: an
 * item of the phase the gate blocks, chosen at evaluate time (anchor.ts).
 */
import type { ItemRef } from '../../model/source-item';
import { metrics } from '../../metrics';
import type { Alert } from '../../notify/alert';
import { fingerprint } from '../../risk/fingerprint';
import type { JobContext } from '../context';
import { programUrl } from '../types';
import { TransientError, UnrecoverableError } from '../../../connectors/errors';
import { renderEscalationNotice } from './notice-text';

type Ctx = Pick<JobContext, 'deps' | 'queues' | 'log'> & { owner?: string };

/** Items looked at for an earlier marker, in uid order (the first one that answers is the notice's target). */
export const MAX_MARKER_ITEMS = 5;
/** A level's delivery count outlives quiet-hour delays and retries by far; then it expires by itself. */
const NOTICE_TTL_SEC = 7 * 24 * 3600;

/** What the notice of one level needs once its deliveries are done (stored at fan-out). */
export interface NoticeSpec {
  program: string;
  subject: string;
  level: string;
  due: string;
  audiences: string[];
  marker: string;
  target: ItemRef;
  /** Channels whose deliveries must complete first (digest targets do not count: the digest is its own alert). */
  channels: string[];
  /** The target is an anchor of the phase's work, not an item of the escalation (the text says so). */
  anchored?: boolean;
}

/** The tracker-side marker of one (escalation, level, due-date version); Asana's marker charset only. */
export function escalationMarker(subject: string, level: string, due: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9:_.-]/g, '_');
  return `esc.${fingerprint('escalation', subject, due)}.${safe(level)}.${safe(due)}`.slice(0, 200);
}

function uid(ref: ItemRef): string {
  return `${ref.tool}:${ref.instance}:${ref.key}`;
}

/**
 * The escalation's items that have a connector in this process, in a deterministic (uid) order; `sort: false`
 * keeps the given order (anchors come ranked already).
 */
export function markerCandidates(ctx: Pick<JobContext, 'deps'>, items: ItemRef[], sort = true): ItemRef[] {
  const seen = new Set<string>();
  const usable = items
    .filter((i) => ctx.deps.connectors.has(i.instance) && !seen.has(uid(i)) && seen.add(uid(i)))
    .map((i) => ({ tool: i.tool, instance: i.instance, key: i.key }));
  return (sort ? usable.sort((a, b) => (uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0)) : usable).slice(0, MAX_MARKER_ITEMS);
}

export interface MarkerLookup {
  /** Where the marker already is: the level was delivered before (the tracker says so). */
  found: { item: ItemRef; commentId: string } | null;
  /** Where the notice goes when it is not: the first candidate the tracker answered for. */
  target: ItemRef | null;
}

/**
 * Looks for `marker` on the candidates. A candidate the tracker refuses for good (deleted, forbidden) is passed
 * over; anything retryable is thrown, so the escalate job retries rather than deliver on a guess.
 */
export async function lookupMarker(ctx: Pick<JobContext, 'deps' | 'log'>, candidates: ItemRef[], marker: string): Promise<MarkerLookup> {
  let target: ItemRef | null = null;
  for (const item of candidates) {
    const connector = ctx.deps.connectors.get(item.instance);
    if (!connector) continue;
    try {
      const commentId = await connector.findComment(item.key, marker);
      if (commentId) return { found: { item, commentId }, target: item };
      target ??= item;
    } catch (err) {
      if (!(err instanceof UnrecoverableError)) throw err;
      ctx.log.warn({ item: uid(item), reason: err.reason }, 'escalation marker lookup refused; next item');
    }
  }
  return { found: null, target };
}

function noticeKey(ctx: Pick<JobContext, 'deps'>, fp: string, level: string): string {
  return `${ctx.deps.store.keys.prefix}escnotice:${fp}|${level}`;
}

/** Stores what the notice needs before the deliveries are enqueued (a fast delivery must find it). */
export async function recordNoticeSpec(ctx: Pick<JobContext, 'deps' | 'queues'>, alertFingerprint: string, spec: NoticeSpec): Promise<void> {
  const key = noticeKey(ctx, alertFingerprint, spec.level);
  // HSET keeps the `done:` fields of a repeated fan-out (a retried escalate job): deliveries already made count.
  await ctx.queues.connection.multi().hset(key, 'spec', JSON.stringify(spec)).expire(key, NOTICE_TTL_SEC).exec();
}

/**
 * Called by every completed (or already completed) escalation delivery: counts the channel and, when the level's
 * last channel is in, posts the notice. Deliveries enqueued without a spec (no tracker item) do nothing here.
 */
export async function noteEscalationDelivered(ctx: Ctx, alert: Alert, channel: string): Promise<void> {
  const key = noticeKey(ctx, alert.fingerprint, alert.level);
  const redis = ctx.queues.connection;
  if (!(await redis.exists(key))) return;
  const res = await redis.multi().hset(key, `done:${channel}`, '1').expire(key, NOTICE_TTL_SEC).hgetall(key).exec();
  const fields = (res?.[2]?.[1] ?? {}) as Record<string, string>;
  if (!fields.spec) return;
  const spec = JSON.parse(fields.spec) as NoticeSpec;
  if (!spec.channels.every((c) => fields[`done:${c}`] === '1')) return;
  await postEscalationNotice(ctx, spec);
  await redis.del(key);
}

/**
 * Posts the notice once (ledger first, then the connector's own marker check). A tracker that refuses for good
 * is audited and given up (the deliveries stand; only the marker is missing); a retryable failure is thrown.
 */
export async function postEscalationNotice(ctx: Ctx, spec: NoticeSpec): Promise<'posted' | 'duplicate' | 'refused'> {
  const { store, clock, settings } = ctx.deps;
  const owner = ctx.owner ?? 'fan-out';
  const deliveryKey = `escnotice|${spec.target.instance}|${spec.target.key}|${spec.marker}`;
  const pp = settings.programs.find((p) => p.program.id === spec.program);
  const connector = ctx.deps.connectors.get(spec.target.instance);
  if (!pp || !connector) return 'refused';
  const claim = await store.ledger.claim(deliveryKey, owner);
  if (claim.state === 'done') return 'duplicate';
  if (claim.state === 'busy') throw new TransientError(`escalation notice ${spec.marker} is being posted by another worker`);
  const now = clock();
  const comment = renderEscalationNotice(pp, { ...spec, programUrl: programUrl(settings, spec.program) }, now);
  const channel = `tracker:${spec.target.instance}`;
  const item = await store.items.getItem(spec.target.instance, spec.target.key);
  const audit = { actor: 'vitals', program: spec.program, item: uid(spec.target), version: item?.version ?? spec.due, rule: spec.level, at: now.toISOString() };
  let res;
  try {
    res = await connector.postComment(spec.target.key, comment);
  } catch (err) {
    await store.ledger.release(deliveryKey, owner);
    metrics.deliveries.inc({ channel, outcome: 'failed' });
    if (!(err instanceof UnrecoverableError)) throw err;
    ctx.log.warn({ program: spec.program, item: audit.item, level: spec.level, reason: err.reason }, 'escalation notice refused');
    await store.audit.append({ ...audit, action: 'delivery_failed', detail: `escalation_notice level=${spec.level} marker=${spec.marker} reason=${err.reason}` });
    return 'refused';
  }
  await store.ledger.complete(deliveryKey, res.commentId);
  metrics.deliveries.inc({ channel, outcome: res.status === 'posted' ? 'sent' : 'duplicate' });
  await store.audit.append({
    ...audit,
    action: res.status === 'posted' ? 'posted' : 'skipped_duplicate',
    detail: `escalation_notice level=${spec.level} marker=${spec.marker} comment ${res.commentId}`,
  });
  ctx.log.info({ program: spec.program, item: audit.item, level: spec.level, status: res.status, commentId: res.commentId }, 'escalation notice');
  return res.status;
}
