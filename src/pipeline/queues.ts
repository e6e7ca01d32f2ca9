/**
 * The queues of one Vitals namespace. Queue keys live under the BullMQ prefix `{<namespace>}`, a Redis Cluster
 * hash tag, so every queue's keys share one slot with the store. One pull queue per source, because BullMQ's
 * rate limiter is per queue: a 429 from one Jira site pauses only that site.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { CATALOG, jobIdPart, parsePayload, type JobInput, type JobName } from './catalog';

export interface QueueNames {
  pull(source: string): string;
  evaluate: string;
  notify: string;
  reconcile: string;
}

export const QUEUE_NAMES: QueueNames = {
  pull: (source) => `pull-${jobIdPart(source)}`,
  evaluate: 'evaluate',
  notify: 'notify',
  reconcile: 'reconcile',
};

export function bullPrefix(namespace: string): string {
  return `{${namespace}}`;
}

export interface EnqueueOptions {
  /** Deterministic id: a second add with the same id is a no-op while the first is kept. */
  jobId?: string;
  delay?: number;
  /** BullMQ deduplication (debounce): at most one waiting job per id; a change during a run queues one more. */
  dedupId?: string;
}

/** How long finished jobs are kept: enough for `vitals status` and for ids to dedupe repeats. */
const KEEP = { removeOnComplete: { age: 24 * 3600, count: 2000 }, removeOnFail: { age: 7 * 24 * 3600, count: 5000 } };

export class Queues {
  private readonly byName = new Map<string, Queue>();

  constructor(
    readonly connection: Redis,
    readonly namespace: string,
    readonly sources: string[],
  ) {}

  get prefix(): string {
    return bullPrefix(this.namespace);
  }

  queueName(name: JobName, payload: { source?: string }): string {
    const def = CATALOG[name];
    if (def.queue === 'pull') return QUEUE_NAMES.pull(payload.source ?? '');
    return QUEUE_NAMES[def.queue];
  }

  /** Every queue this namespace uses, for workers and `vitals status`. */
  allQueueNames(): string[] {
    return [...this.sources.map((s) => QUEUE_NAMES.pull(s)), QUEUE_NAMES.evaluate, QUEUE_NAMES.notify, QUEUE_NAMES.reconcile];
  }

  queue(queueName: string): Queue {
    let q = this.byName.get(queueName);
    if (!q) {
      q = new Queue(queueName, { connection: this.connection, prefix: this.prefix, defaultJobOptions: KEEP });
      // Errors surface through the job that failed; an unhandled 'error' event would crash the process.
      q.on('error', () => undefined);
      this.byName.set(queueName, q);
    }
    return q;
  }

  /** Validates the payload against the catalog (throws BadJobPayloadError) and adds the job. */
  async enqueue<N extends JobName>(name: N, payload: JobInput<N>, opts: EnqueueOptions = {}): Promise<string | undefined> {
    const data = parsePayload(name, payload);
    const def = CATALOG[name];
    const jobOpts: JobsOptions = {
      attempts: def.retry.attempts,
      backoff: def.retry.backoff,
      ...(opts.jobId ? { jobId: jobIdPart(opts.jobId) } : {}),
      ...(opts.delay ? { delay: opts.delay } : {}),
      ...(opts.dedupId ? { deduplication: { id: jobIdPart(opts.dedupId), keepLastIfActive: true } } : {}),
    };
    const job = await this.queue(this.queueName(name, data as { source?: string })).add(name, data, jobOpts);
    return job.id;
  }

  /** Adds a raw job without validation: only for tests that prove the worker rejects bad payloads. */
  async enqueueUnchecked(queueName: string, name: string, data: unknown): Promise<string | undefined> {
    const job = await this.queue(queueName).add(name, data, { attempts: 5, backoff: { type: 'fixed', delay: 100 } });
    return job.id;
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((q) => q.close()));
    this.byName.clear();
  }
}
