/**
 * One complete pass (`vitals sync --once`, the demo, the benchmark): pull every source, then wait until the
 * evaluations and write-backs that follow have drained. Workers do the work; this only enqueues and watches.
 */
import type { Queues } from './queues';

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export async function queueCounts(queues: Queues): Promise<QueueCounts[]> {
  return Promise.all(
    queues.allQueueNames().map(async (name) => {
      const c = await queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed');
      return {
        queue: name,
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        completed: c.completed ?? 0,
      };
    }),
  );
}

export interface RunOnceOptions {
  /** `poll` continues from the cursors; `full` walks everything. */
  mode?: 'poll' | 'full';
  timeoutMs?: number;
  pollMs?: number;
  /** Called on every check with the current counts. */
  onTick?: (counts: QueueCounts[]) => void;
}

/** Resolves when no job is waiting, delayed or active in any queue of the namespace. */
export async function waitForIdle(queues: Queues, options: Pick<RunOnceOptions, 'timeoutMs' | 'pollMs' | 'onTick'> = {}): Promise<QueueCounts[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let quietTicks = 0;
  for (;;) {
    const counts = await queueCounts(queues);
    options.onTick?.(counts);
    const busy = counts.some((c) => c.waiting + c.active + c.delayed > 0);
    // Two quiet checks in a row: a job that finishes may enqueue the next one a moment later.
    quietTicks = busy ? 0 : quietTicks + 1;
    if (quietTicks >= 2) return counts;
    if (Date.now() > deadline) throw new Error(`queues still busy after ${options.timeoutMs ?? 120_000} ms: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
  }
}

export async function runOnce(queues: Queues, sources: string[], options: RunOnceOptions = {}): Promise<QueueCounts[]> {
  const stamp = Date.now();
  for (const source of sources) {
    await queues.enqueue('pull.source', { source, mode: options.mode ?? 'poll' }, { jobId: `once.${source}.${stamp}` });
  }
  return waitForIdle(queues, options);
}
