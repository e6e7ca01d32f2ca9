/**
 * Everything the scoring and risk rules share for one evaluation, computed once: items in a canonical order
 * (so item order in the input never changes the output), their dates as local calendar dates, lookups, the
 * next phase and the next go-live.
 */
import type { ItemRef, Milestone, Phase, Program, WorkItem } from '../model';
import { indexCalendar, localDate, toLocalDate, type CalendarIndex } from './business-calendar';

export type LinkedRef = ItemRef & { url: string };

/** Local calendar dates of an item's date fields. */
export interface ItemDates {
  created: string | null;
  updated: string | null;
  completed: string | null;
  start: string | null;
  due: string | null;
}

export interface EvalContext {
  program: Program;
  now: Date;
  /** `now` as a calendar date in the program's time zone. */
  today: string;
  cal: CalendarIndex;
  /** Sorted by uid. */
  items: WorkItem[];
  dates: Map<string, ItemDates>;
  byUid: Map<string, WorkItem>;
  /** `tool:key` lookups for refs that know only the key. */
  byToolKey: Map<string, WorkItem>;
  phasesById: Map<string, Phase>;
  /** Sorted by order. */
  phases: Phase[];
  /** Sorted by baseline, then id. */
  milestones: Milestone[];
  /** The first phase that has not started yet. */
  nextPhase: Phase | null;
  /** The next go-live date on or after today (earliest open go-live milestone). */
  goLive: string | null;
}

export function isOpen(item: WorkItem): boolean {
  return item.status === 'todo' || item.status === 'in_progress';
}

export function refOf(item: WorkItem): LinkedRef {
  return { tool: item.source.tool, instance: item.source.instance, key: item.source.key, url: item.source.url };
}

export function byUidOrder(a: WorkItem, b: WorkItem): number {
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** Resolve a blocker ref: exact uid first, then tool + key (refs that only know the key). */
export function resolveRef(ctx: EvalContext, ref: ItemRef): WorkItem | undefined {
  return ctx.byUid.get(`${ref.tool}:${ref.instance}:${ref.key}`) ?? ctx.byToolKey.get(`${ref.tool}:${ref.key}`);
}

export function buildContext(program: Program, items: WorkItem[], now: Date): EvalContext {
  const tz = program.calendar.timeZone;
  const sorted = [...items].sort(byUidOrder);
  const dates = new Map<string, ItemDates>();
  const byUid = new Map<string, WorkItem>();
  const byToolKey = new Map<string, WorkItem>();
  for (const it of sorted) {
    byUid.set(it.uid, it);
    const tk = `${it.source.tool}:${it.source.key}`;
    if (!byToolKey.has(tk)) byToolKey.set(tk, it);
    const s = it.source;
    dates.set(it.uid, {
      created: toLocalDate(s.created, tz),
      updated: toLocalDate(s.updated, tz),
      completed: toLocalDate(s.completed, tz),
      start: toLocalDate(s.start, tz),
      due: toLocalDate(s.due, tz),
    });
  }
  const today = localDate(now, tz);
  const phases = [...program.phases].sort((a, b) => a.order - b.order || cmp(a.id, b.id));
  const milestones = [...program.milestones].sort((a, b) => cmp(a.baseline, b.baseline) || cmp(a.id, b.id));
  const ctx: EvalContext = {
    program,
    now,
    today,
    cal: indexCalendar(program.calendar),
    items: sorted,
    dates,
    byUid,
    byToolKey,
    phasesById: new Map(phases.map((p) => [p.id, p])),
    phases,
    milestones,
    nextPhase: phases.find((p) => p.start > today) ?? null,
    goLive: null,
  };
  const open = milestones.filter((m) => m.kind === 'golive' && m.baseline >= today && !milestoneDone(ctx, m));
  ctx.goLive = open[0]?.baseline ?? null;
  return ctx;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Items mapped to a milestone directly, or to the phase it closes. Milestone markers themselves excluded. */
export function milestoneWork(ctx: EvalContext, m: Milestone): WorkItem[] {
  return ctx.items.filter((it) => it.kind !== 'milestone' && (it.milestone === m.id || (m.phase !== null && it.phase === m.phase)));
}

/** Done when its marker item is done, or when it has work and none of it is open. */
export function milestoneDone(ctx: EvalContext, m: Milestone): boolean {
  const markers = ctx.items.filter((it) => it.kind === 'milestone' && it.milestone === m.id);
  if (markers.length > 0) return markers.every((it) => it.status === 'done' || it.status === 'cancelled');
  const work = milestoneWork(ctx, m).filter((it) => it.status !== 'cancelled');
  return work.length > 0 && work.every((it) => it.status === 'done');
}

/** Round to `d` decimals so the JSON never carries float noise. */
export function round(n: number, d = 1): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** The one scoring curve: `pts(x) = clamp(100 − factor·x, 0, 100)` for a shortfall fraction x. */
export function pts(x: number, factor: number): number {
  return clamp(100 - factor * x, 0, 100);
}
