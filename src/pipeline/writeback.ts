/**
 * Write-back: one tracker comment per new, changed or resolved risk, exactly-once in effect. The effect ledger
 * stops repeats among our workers; the connector's tracker-side marker (the comment fingerprint) stops them even
 * when Redis lost everything. A severity change gets its own fingerprint, so it posts an update.
 */
import type { CommentRequest } from '../../connectors/contract';
import { TransientError } from '../../connectors/errors';
import type { Risk } from '../model/evaluation';
import { metrics } from '../metrics';
import type { JobPayload } from './catalog';
import type { JobContext } from './context';
import { findProgram } from './evaluate';
import { connectorFor } from './pull';
import { TRACKER_DUPLICATE } from './deliver/fan-out';
import { programUrl } from './types';

export interface WritebackResult {
  status: 'posted' | 'duplicate' | 'dry_run';
  deliveryKey: string;
  commentId: string | null;
}

/** The marker stored on the tracker side: the risk fingerprint plus its severity (or `resolved`). */
export function commentFingerprint(risk: Pick<Risk, 'fingerprint' | 'severity'>, change: 'new' | 'changed' | 'resolved'): string {
  return change === 'resolved' ? `${risk.fingerprint}.resolved` : `${risk.fingerprint}.s${risk.severity}`;
}

export function commentDeliveryKey(target: { instance: string; key: string }, fingerprint: string): string {
  return `comment|${target.instance}|${target.key}|${fingerprint}`;
}

export function resolvedComment(risk: Risk, url: string, fingerprint: string): CommentRequest {
  return { fingerprint, heading: 'Vitals: risk resolved', lines: [risk.message], link: { text: 'Program page', url } };
}

export async function runWriteback(ctx: JobContext, p: JobPayload<'writeback.comment'>): Promise<WritebackResult> {
  const { store, settings, clock } = ctx.deps;
  const fingerprint = commentFingerprint(p.risk, p.change);
  const deliveryKey = commentDeliveryKey(p.target, fingerprint);
  const url = programUrl(settings, p.program);
  const risk = p.risk as Risk;
  const program = findProgram(ctx, p.program);
  const context = program ? { program, evaluation: await store.state.getSnapshot(p.program) } : undefined;
  const comment: CommentRequest =
    p.change === 'resolved' ? resolvedComment(risk, url, fingerprint) : { ...ctx.deps.renderComment(risk, url, context), fingerprint };
  const itemUid = `${p.target.tool}:${p.target.instance}:${p.target.key}`;
  const item = await store.items.getItem(p.target.instance, p.target.key);
  const audit = {
    actor: 'vitals',
    program: p.program,
    item: itemUid,
    version: item?.version ?? '',
    rule: risk.type,
    at: clock().toISOString(),
  };

  if (settings.writeback.dryRun) {
    ctx.log.info({ program: p.program, item: itemUid, fingerprint, change: p.change }, 'dry run: would post a comment');
    await store.audit.append({ ...audit, action: 'dry_run', detail: fingerprint });
    return { status: 'dry_run', deliveryKey, commentId: null };
  }

  const claim = await store.ledger.claim(deliveryKey, ctx.owner);
  const channel = `tracker:${p.target.instance}`;
  if (claim.state === 'done') {
    metrics.deliveries.inc({ channel, outcome: 'duplicate' });
    await store.audit.append({ ...audit, action: 'skipped_duplicate', detail: `${fingerprint} ledger ${claim.result}` });
    return { status: 'duplicate', deliveryKey, commentId: claim.result };
  }
  if (claim.state === 'busy') throw new TransientError(`comment ${fingerprint} is being posted by another worker`);

  const connector = connectorFor(ctx, p.target.instance);
  let res;
  try {
    res = await connector.postComment(p.target.key, comment);
  } catch (err) {
    metrics.deliveries.inc({ channel, outcome: 'failed' });
    await store.ledger.release(deliveryKey, ctx.owner);
    throw err;
  }
  // `duplicate`: the tracker-side marker showed the comment was already there.
  metrics.deliveries.inc({ channel, outcome: res.status === 'posted' ? 'sent' : 'duplicate' });
  await store.ledger.complete(deliveryKey, res.commentId);
  await store.audit.append({
    ...audit,
    action: res.status === 'posted' ? 'posted' : 'skipped_duplicate',
    detail: `${fingerprint} comment ${res.commentId}`,
  });
  ctx.log.info({ program: p.program, item: itemUid, fingerprint, status: res.status, commentId: res.commentId }, 'comment');
  return { status: res.status, deliveryKey, commentId: res.commentId };
}

/** One escalation level: delivered once (ledger), recorded on the escalation state, audited. */
export async function runEscalate(ctx: JobContext, p: JobPayload<'escalate.level'>): Promise<{ status: string; receipt: string }> {
  const { store, clock } = ctx.deps;
  const deliveryKey = `escalate|${p.program}|${p.fingerprint}`;
  const claim = await store.ledger.claim(deliveryKey, ctx.owner);
  if (claim.state === 'busy') throw new TransientError(`escalation ${p.fingerprint} is being delivered by another worker`);
  let receipt = claim.state === 'done' ? claim.result : '';
  if (claim.state === 'claimed') {
    try {
      receipt = ctx.deps.deliverAlert
        ? await ctx.deps.deliverAlert({ program: p.program, subject: p.subject, level: p.level, audiences: p.audiences, fingerprint: p.fingerprint, due: p.due, anchors: p.anchors })
        : 'recorded';
    } catch (err) {
      await store.ledger.release(deliveryKey, ctx.owner);
      throw err;
    }
    await store.ledger.complete(deliveryKey, receipt);
    // The tracker's notice marker showed this level went out before Redis lost its state: recorded, not re-sent.
    const onTracker = receipt.startsWith(TRACKER_DUPLICATE);
    await store.audit.append({
      actor: 'vitals',
      action: onTracker ? 'skipped_duplicate' : 'escalated',
      program: p.program,
      item: p.subject,
      version: p.due,
      rule: p.level,
      at: clock().toISOString(),
      detail: `${p.fingerprint} to ${p.audiences.join(',')} ${receipt}`,
    });
  }
  // Recording the level is idempotent, so it also runs after a crash between delivery and record.
  await store.state.markEscalationFired(p.program, p.subject, p.level, p.due);
  return { status: claim.state === 'done' || receipt.startsWith(TRACKER_DUPLICATE) ? 'duplicate' : 'delivered', receipt };
}
