/** What every job handler gets: the injected dependencies, the queues, and who is running it. */
import type { Logger } from '../log';
import type { Queues } from './queues';
import type { PipelineDeps } from './types';

export interface JobContext {
  deps: PipelineDeps;
  queues: Queues;
  log: Logger;
  /** Worker id + job id: the owner of ledger claims. */
  owner: string;
  reportProgress(value: object): Promise<void>;
  /** Attempts already made on this job and its maximum (alert deliveries audit which attempt failed). */
  attempt?: { made: number; max: number };
}

/** Programs whose items come from `source`. */
export function programsOfSource(deps: PipelineDeps, source: string): string[] {
  return deps.settings.programs.filter((p) => p.sources.includes(source)).map((p) => p.program.id);
}

/** Debounced per program: one waiting evaluation per program, one more if items change while it runs. */
export async function scheduleEvaluation(ctx: Pick<JobContext, 'deps' | 'queues'>, program: string): Promise<void> {
  await ctx.queues.enqueue(
    'evaluate.program',
    { program },
    { dedupId: `eval.${program}`, delay: ctx.deps.evaluateDelayMs ?? 250 },
  );
}

/** Enqueues the evaluations a changed source needs, then clears its dirty mark (a crash in between repeats it). */
export async function evaluateDirtySource(ctx: Pick<JobContext, 'deps' | 'queues'>, source: string): Promise<number> {
  if (!(await ctx.deps.store.items.isDirty(source))) return 0;
  const programs = programsOfSource(ctx.deps, source);
  for (const p of programs) await scheduleEvaluation(ctx, p);
  await ctx.deps.store.items.clearDirty(source);
  return programs.length;
}
