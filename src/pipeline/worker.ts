/**
 * Workers: one BullMQ Worker per queue of the namespace, each job dispatched through the catalog. Several worker
 * processes on one Redis share the work; nothing they must agree on lives in process memory.
 */
import { randomUUID } from 'node:crypto';
import { UnrecoverableError as BullUnrecoverable, Worker, type Job } from 'bullmq';
import { CATALOG, isJobName, parsePayload, type JobName } from './catalog';
import type { JobContext } from './context';
import { runEvaluate } from './evaluate';
import { runPull, runReconcile } from './pull';
import { QUEUE_NAMES, type Queues } from './queues';
import { steer, withTimeout } from './steer';
import type { PipelineDeps } from './types';
import { runEscalate, runWriteback } from './writeback';
import { closeChannels } from './deliver/channels';
import { runAlertDeliver } from './deliver/deliver-job';
import { runDigest } from './deliver/digest';
import { deliverEscalation } from './deliver/fan-out';

export interface WorkerOptions {
  concurrency?: { pull?: number; evaluate?: number; notify?: number; reconcile?: number };
  /** Lock on an active job; a worker that dies loses it after this long and another worker takes the job. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface WorkerSet {
  id: string;
  workers: Worker[];
  /** Stops taking jobs, lets the current ones finish (or hands them back), then closes the connections. */
  close(): Promise<void>;
}

async function dispatch(ctx: JobContext, name: JobName, data: unknown): Promise<unknown> {
  switch (name) {
    case 'pull.source':
      return runPull(ctx, parsePayload(name, data));
    case 'reconcile.source':
      return runReconcile(ctx, parsePayload(name, data));
    case 'evaluate.program':
      return runEvaluate(ctx, parsePayload(name, data));
    case 'writeback.comment':
      return runWriteback(ctx, parsePayload(name, data));
    case 'escalate.level':
      return runEscalate(ctx, parsePayload(name, data));
    case 'alert.deliver':
      return runAlertDeliver(ctx, parsePayload(name, data));
    case 'alert.digest':
      return runDigest(ctx, parsePayload(name, data));
  }
}

export function startWorkers(given: PipelineDeps, queues: Queues, options: WorkerOptions = {}): WorkerSet {
  // With channels configured, a fired ladder level fans out to one notify job per channel (deliver/fan-out.ts).
  const deps: PipelineDeps =
    given.deliverAlert || !given.settings.channels
      ? given
      : { ...given, deliverAlert: (req) => deliverEscalation({ deps, queues, log: given.logger }, req) };
  const id = `w-${process.pid}-${randomUUID().slice(0, 8)}`;
  const log = deps.logger.child({ worker: id });
  const conc = { pull: 1, evaluate: 2, notify: 4, reconcile: 1, ...options.concurrency };

  const processorFor = (queueName: string) => async (job: Job): Promise<unknown> => {
    const source = typeof job.data === 'object' && job.data && 'source' in job.data ? String((job.data as { source: unknown }).source) : null;
    if (!isJobName(job.name)) throw new BullUnrecoverable(`unknown job name ${job.name} on queue ${queueName}`);
    const ctx: JobContext = {
      deps,
      queues,
      log: log.child({ queue: queueName, jobId: job.id, job: job.name }),
      owner: `${id}/${job.id ?? ''}`,
      reportProgress: (value) => job.updateProgress(value),
      attempt: { made: job.attemptsMade, max: job.opts.attempts ?? 1 },
    };
    try {
      return await withTimeout(CATALOG[job.name].timeoutMs, job.name, dispatch(ctx, job.name, job.data));
    } catch (err) {
      return steer({ err, job, queueName, source, queues, store: deps.store, log: ctx.log, now: deps.clock() });
    }
  };

  const concurrencyOf = (q: string): number => {
    if (q === QUEUE_NAMES.evaluate) return conc.evaluate;
    if (q === QUEUE_NAMES.notify) return conc.notify;
    if (q === QUEUE_NAMES.reconcile) return conc.reconcile;
    return conc.pull;
  };

  const workers = queues.allQueueNames().map((q) => {
    const w = new Worker(q, processorFor(q), {
      connection: queues.connection,
      prefix: queues.prefix,
      concurrency: concurrencyOf(q),
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    });
    w.on('error', (err) => log.warn({ queue: q, err: err.message }, 'worker connection error'));
    return w;
  });
  log.info({ queues: queues.allQueueNames() }, 'workers started');
  return {
    id,
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await closeChannels(deps.settings.channels);
      log.info('workers stopped');
    },
  };
}
