/**
 * Errors that steer the queue (connectors/errors.ts): a 429 pauses the source's queue for Retry-After and puts
 * the job back without spending an attempt; transient errors retry with backoff; unrecoverable ones fail the job
 * at once and mark the source failed with a clear message, while other sources go on.
 */
import { UnrecoverableError as BullUnrecoverable, Worker, type Job } from 'bullmq';
import { RateLimitedError, TransientError, UnrecoverableError as ConnectorUnrecoverable } from '../../connectors/errors';
import { metrics } from '../metrics';
import type { Logger } from '../log';
import type { Store } from '../store';
import { BadJobPayloadError } from './catalog';
import type { Queues } from './queues';

export interface SteerInput {
  err: unknown;
  job: Job;
  queueName: string;
  /** The source the job pulls from, for pull and reconcile jobs. */
  source: string | null;
  queues: Queues;
  store: Store;
  log: Logger;
  now: Date;
}

/** The tracker a notify job talks to (`target.instance` of a write-back), for the 429 counter's label. */
function targetInstance(data: unknown): string | null {
  const target = typeof data === 'object' && data !== null ? (data as { target?: unknown }).target : undefined;
  const instance = typeof target === 'object' && target !== null ? (target as { instance?: unknown }).instance : undefined;
  return typeof instance === 'string' && instance ? instance : null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Always throws: the error BullMQ should see. */
export async function steer(s: SteerInput): Promise<never> {
  const { err, job, source } = s;
  const at = s.now.toISOString();
  if (err instanceof RateLimitedError) {
    metrics.vendor429.inc({ source: source ?? targetInstance(job.data) ?? s.queueName });
    s.log.warn({ queue: s.queueName, jobId: job.id, retryAfterMs: err.retryAfterMs }, 'rate limited: pausing the queue');
    // https://docs.bullmq.io/guide/rate-limiting#manual-rate-limit
    await s.queues.queue(s.queueName).rateLimit(err.retryAfterMs);
    if (source) await s.store.state.setSourceState(source, { status: 'rate_limited', lastError: err.message, lastErrorAt: at });
    throw Worker.RateLimitError();
  }
  if (err instanceof BadJobPayloadError) {
    s.log.error({ queue: s.queueName, jobId: job.id, job: job.name, issues: err.issues }, 'bad job payload: failed without retry');
    throw new BullUnrecoverable(err.message);
  }
  if (err instanceof ConnectorUnrecoverable) {
    const message = source ? `source ${source} failed (${err.reason}): ${err.message}` : `${job.name} failed (${err.reason}): ${err.message}`;
    s.log.error({ queue: s.queueName, jobId: job.id, source, reason: err.reason }, 'unrecoverable: not retried');
    if (source) await s.store.state.setSourceState(source, { status: 'failed', lastError: message, lastErrorAt: at });
    throw new BullUnrecoverable(message);
  }
  const attempts = job.opts.attempts ?? 1;
  const last = job.attemptsMade + 1 >= attempts;
  const message = messageOf(err);
  s.log.warn(
    { queue: s.queueName, jobId: job.id, attempt: job.attemptsMade + 1, attempts, transient: err instanceof TransientError },
    last ? 'job failed after its last attempt' : 'job failed: will retry with backoff',
  );
  if (source) {
    await s.store.state.setSourceState(source, {
      ...(last ? { status: 'failed' as const } : {}),
      lastError: last ? `source ${source} failed after ${attempts} attempts: ${message}` : message,
      lastErrorAt: at,
    });
  }
  throw err instanceof Error ? err : new Error(message);
}

/** Rejects with a TransientError after `ms`; the job is retried (BullMQ has no built-in job timeout). */
export async function withTimeout<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransientError(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
