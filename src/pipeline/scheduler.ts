/**
 * The scheduler: node-cron fires the polls and reconciles from the config's schedules. Each firing becomes a job
 * whose id is derived from the slot time, so several scheduler processes produce one job per slot, not one each.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log';
import type { Queues } from './queues';
import type { PipelineSettings } from './types';

export interface SchedulerHandle {
  tasks: ScheduledTask[];
  stop(): Promise<void>;
}

/** The slot a firing belongs to: its scheduled time, floored to the minute (cron's resolution). */
export function slotOf(date: Date): string {
  return String(Math.floor(date.getTime() / 60_000) * 60_000);
}

export async function enqueuePoll(queues: Queues, source: string, slot: Date): Promise<string | undefined> {
  return queues.enqueue('pull.source', { source, mode: 'poll' }, { jobId: `poll.${source}.${slotOf(slot)}` });
}

export async function enqueueReconcile(queues: Queues, source: string, slot: Date): Promise<string | undefined> {
  return queues.enqueue('reconcile.source', { source, requestedAt: slot.toISOString() }, { jobId: `reconcile.${source}.${slotOf(slot)}` });
}

export function startScheduler(settings: PipelineSettings, queues: Queues, log: Logger): SchedulerHandle {
  const tasks: ScheduledTask[] = [];
  for (const source of settings.sources) {
    const poll = source.pollSchedule ?? settings.schedules.poll;
    tasks.push(
      cron.schedule(poll, async (c) => {
        const id = await enqueuePoll(queues, source.id, c.date).catch((err: unknown) => log.warn({ source: source.id, err: String(err) }, 'poll not enqueued'));
        log.debug({ source: source.id, jobId: id }, 'poll scheduled');
      }, { name: `poll-${source.id}` }),
    );
    tasks.push(
      cron.schedule(settings.schedules.reconcile, async (c) => {
        await enqueueReconcile(queues, source.id, c.date).catch((err: unknown) => log.warn({ source: source.id, err: String(err) }, 'reconcile not enqueued'));
      }, { name: `reconcile-${source.id}` }),
    );
  }
  log.info({ sources: settings.sources.map((s) => s.id), poll: settings.schedules.poll, reconcile: settings.schedules.reconcile }, 'scheduler started');
  return {
    tasks,
    stop: async () => {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
