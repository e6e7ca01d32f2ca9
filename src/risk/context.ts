/**
 * Everything the scoring and risk rules share for one evaluation, computed once: items in a canonical order
 * (so item order in the input never changes the output), their dates as local calendar dates, lookups, the
 * next phase and the next go-live.
 */
import { DEFAULT_SCORING, type ItemRef, type Milestone, type Phase, type Program, type ScoringParams, type WorkItem } from '../model';
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
  /** `program.scoring`, or the built-in defaults for a program built without one. */
  scoring: ScoringParams;
  now: Date;
  /** `now` as a calendar date in the program's time zone. */
  today: string;
  cal: CalendarIndex;
  /** Sorted by uid. */
  items: WorkItem[];
  dates: DateTable;
  /** uid → position in `items`. */
  indexOf: Map<string, number>;
  /** `tool:key` lookups for refs that know only the key; built on first need. */
  byToolKey: Map<string, WorkItem> | null;
  phasesById: Map<string, Phase>;
  /** Sorted by order. */
  phases: Phase[];
  /** Sorted by baseline, then id. */
  milestones: Milestone[];
  /** The first phase that has not started yet. */
  nextPhase: Phase | null;
  /** The next go-live date on or after today (earliest open go-live milestone). */
  goLive: string | null;
  /** Per milestone id: its work (mapped to it or to the phase it closes) and its marker items. */
  milestoneItems: Map<string, { work: WorkItem[]; markers: WorkItem[] }>;
}

type DateField = keyof ItemDates;
const FIELDS: DateField[] = ['created', 'updated', 'completed', 'start', 'due'];

/**
 * Local dates of every item, in parallel arrays by item position: one allocation per field instead of one
 * object per item (retained allocations dominate at 100k items).
 */
export class DateTable {
  private readonly cols: Record<DateField, Array<string | null>>;

  constructor(
    items: WorkItem[],
    private readonly indexOf: Map<string, number>,
    timeZone: string,
  ) {
    const n = items.length;
    const cols = {} as Record<DateField, Array<string | null>>;
    for (const f of FIELDS) cols[f] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const s = (items[i] as WorkItem).source;
      cols.created[i] = toLocalDate(s.created, timeZone);
      cols.updated[i] = toLocalDate(s.updated, timeZone);
      cols.completed[i] = toLocalDate(s.completed, timeZone);
      cols.start[i] = toLocalDate(s.start, timeZone);
      cols.due[i] = toLocalDate(s.due, timeZone);
    }
    this.cols = cols;
  }

  /** One date of the item at position `i` of `ctx.items`. */
  at(i: number, field: DateField): string | null {
    return this.cols[field][i] ?? null;
  }

  /** One date of an item by uid (null when absent or unknown). */
  of(uid: string, field: DateField): string | null {
    const i = this.indexOf.get(uid);
    return i === undefined ? null : (this.cols[field][i] ?? null);
  }

  get(uid: string): ItemDates | undefined {
    const i = this.indexOf.get(uid);
    if (i === undefined) return undefined;
    const c = this.cols;
    return { created: c.created[i] ?? null, updated: c.updated[i] ?? null, completed: c.completed[i] ?? null, start: c.start[i] ?? null, due: c.due[i] ?? null };
  }
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

/** Resolve a blocker ref: by uid; a ref with an empty instance by tool + key. */
export function resolveRef(ctx: EvalContext, ref: ItemRef): WorkItem | undefined {
  const i = ctx.indexOf.get(`${ref.tool}:${ref.instance}:${ref.key}`);
  if (i !== undefined) return ctx.items[i];
  // Only a ref that does not know its instance needs the tool + key index.
  if (ref.instance !== '') return undefined;
  if (!ctx.byToolKey) {
    ctx.byToolKey = new Map();
    for (const it of ctx.items) {
      const tk = `${it.source.tool}:${it.source.key}`;
      if (!ctx.byToolKey.has(tk)) ctx.byToolKey.set(tk, it);
    }
  }
  return ctx.byToolKey.get(`${ref.tool}:${ref.key}`);
}

export function buildContext(program: Program, items: WorkItem[], now: Date): EvalContext {
  const tz = program.calendar.timeZone;
  const sorted = [...items].sort(byUidOrder);
  const indexOf = new Map<string, number>();
  sorted.forEach((it, i) => indexOf.set(it.uid, i));
  const dates = new DateTable(sorted, indexOf, tz);
  const today = localDate(now, tz);
  const phases = [...program.phases].sort((a, b) => a.order - b.order || cmp(a.id, b.id));
  const milestones = [...program.milestones].sort((a, b) => cmp(a.baseline, b.baseline) || cmp(a.id, b.id));
  const ctx: EvalContext = {
    program,
    scoring: program.scoring ?? DEFAULT_SCORING,
    now,
    today,
    cal: indexCalendar(program.calendar),
    items: sorted,
    dates,
    indexOf,
    byToolKey: null,
    phasesById: new Map(phases.map((p) => [p.id, p])),
    phases,
    milestones,
    nextPhase: phases.find((p) => p.start > today) ?? null,
    goLive: null,
    milestoneItems: indexMilestones(milestones, sorted),
  };
  const open = milestones.filter((m) => m.kind === 'golive' && m.baseline >= today && !milestoneDone(ctx, m));
  ctx.goLive = open[0]?.baseline ?? null;
  return ctx;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexMilestones(milestones: Milestone[], items: WorkItem[]): EvalContext['milestoneItems'] {
  const out: EvalContext['milestoneItems'] = new Map(milestones.map((m) => [m.id, { work: [], markers: [] }]));
  const byPhase = new Map<string, Milestone[]>();
  for (const m of milestones) if (m.phase !== null) byPhase.set(m.phase, [...(byPhase.get(m.phase) ?? []), m]);
  for (const it of items) {
    if (it.kind === 'milestone') {
      if (it.milestone !== null) out.get(it.milestone)?.markers.push(it);
      continue;
    }
    const direct = it.milestone !== null ? out.get(it.milestone) : undefined;
    direct?.work.push(it);
    for (const m of it.phase !== null ? (byPhase.get(it.phase) ?? []) : []) {
      if (m.id !== it.milestone) out.get(m.id)?.work.push(it);
    }
  }
  return out;
}

/** Items mapped to a milestone directly, or to the phase it closes. Milestone markers themselves excluded. */
export function milestoneWork(ctx: EvalContext, m: Milestone): WorkItem[] {
  return ctx.milestoneItems.get(m.id)?.work ?? [];
}

export function milestoneMarkers(ctx: EvalContext, m: Milestone | string): WorkItem[] {
  return ctx.milestoneItems.get(typeof m === 'string' ? m : m.id)?.markers ?? [];
}

/** Done when its marker item is done, or when it has work and none of it is open. */
export function milestoneDone(ctx: EvalContext, m: Milestone): boolean {
  const markers = milestoneMarkers(ctx, m);
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
