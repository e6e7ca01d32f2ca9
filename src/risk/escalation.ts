/**
 * The escalation clock: one state machine per open gate (and per compliance item not tied to a gate), counted
 * in business days of the program calendar (calendar days for `calendarDays` gates). Its state is derived from
 * the due date and what people did (`EscalationRecord`), never from a stored timer, so re-opened work resumes
 * the original clock and a changed due date re-arms the ladder (`fired` is keyed by due date).
 * The engine only decides which levels to fire; the notifier delivers them exactly once by fingerprint.
 */
import type { Escalation, EscalationLevel, EscalationRecord, EscalationStatus, EscalationTrigger } from '../model';
import { addBusinessDays, addDays, businessDaysBetween, daysBetween, toLocalDate, type CalendarIndex } from './business-calendar';
import { isOpen, refOf, type EvalContext, type LinkedRef } from './context';
import { fingerprint } from './fingerprint';
import type { GateFacts } from './gate-state';

interface Subject {
  id: string;
  due: string;
  windowStart: string | null;
  clock: CalendarIndex;
  done: boolean;
  items: LinkedRef[];
}

/** The calendar date a trigger fires on, and whether it is a pre-due reminder. */
export function triggerDate(t: EscalationTrigger, s: Pick<Subject, 'due' | 'windowStart' | 'clock'>): { date: string; preDue: boolean } | null {
  switch (t.kind) {
    case 'window_used': {
      if (s.windowStart === null) return null;
      const len = businessDaysBetween(s.windowStart, s.due, s.clock);
      return { date: addBusinessDays(s.windowStart, Math.ceil(t.fraction * Math.max(0, len)), s.clock), preDue: true };
    }
    case 'before_due':
      return { date: addBusinessDays(s.due, -t.businessDays, s.clock), preDue: true };
    case 'after_due':
      // Day 0 is the first day after the due date; day n is the n-th business day after it.
      return { date: t.businessDays <= 0 ? addDays(s.due, 1) : addBusinessDays(s.due, t.businessDays, s.clock), preDue: false };
  }
}

/** The earliest of a level's triggers; a level is pre-due only when all its triggers are. */
export function levelDate(level: EscalationLevel, s: Pick<Subject, 'due' | 'windowStart' | 'clock'>): { date: string; preDue: boolean } | null {
  let best: { date: string; preDue: boolean } | null = null;
  let preDue = true;
  for (const t of level.triggers) {
    const d = triggerDate(t, s);
    if (!d) continue;
    preDue &&= d.preDue;
    if (!best || d.date < best.date) best = d;
  }
  return best ? { date: best.date, preDue } : null;
}

function subjects(ctx: EvalContext, gates: GateFacts[]): Subject[] {
  const out: Subject[] = gates.map((g) => ({
    id: g.state.id,
    due: g.state.due,
    windowStart: g.state.windowStart,
    clock: g.clock,
    done: g.state.state === 'done',
    items: g.state.items,
  }));
  for (const it of ctx.items) {
    if (it.kind !== 'compliance' || it.gate !== null) continue;
    const d = ctx.dates.get(it.uid);
    if (!d?.due) continue;
    out.push({ id: it.uid, due: d.due, windowStart: d.start, clock: ctx.cal, done: !isOpen(it), items: [refOf(it)] });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function snoozedNow(ctx: EvalContext, rec: EscalationRecord | undefined): boolean {
  if (!rec?.snoozed) return false;
  const until = rec.snoozed.until;
  if (until.length === 10) return ctx.today < until;
  const ms = Date.parse(until);
  return Number.isFinite(ms) && ctx.now.getTime() < ms;
}

export function evaluateEscalations(ctx: EvalContext, gates: GateFacts[], records: EscalationRecord[]): Escalation[] {
  const ladder = ctx.program.escalation;
  const bySubject = new Map(records.map((r) => [r.subject, r]));
  const out: Escalation[] = [];
  for (const s of subjects(ctx, gates)) {
    const rec = bySubject.get(s.id);
    // A documented exception freezes the clock at its start, for at most maxPauseDays; after that the clock
    // runs again, shifted by the pause it was allowed.
    let clockToday = ctx.today;
    let paused = false;
    const pauseSince = rec?.paused ? toLocalDate(rec.paused.since, ctx.cal.timeZone) : null;
    if (pauseSince && pauseSince <= ctx.today) {
      if (daysBetween(pauseSince, ctx.today) <= ladder.maxPauseDays) {
        clockToday = pauseSince;
        paused = true;
      } else clockToday = addDays(ctx.today, -ladder.maxPauseDays);
    }
    const overdue = clockToday > s.due;
    const reached: Array<{ index: number; level: EscalationLevel; preDue: boolean }> = [];
    ladder.levels.forEach((level, index) => {
      const d = levelDate(level, s);
      if (d && d.date <= clockToday) reached.push({ index, level, preDue: d.preDue });
    });
    if (!rec && (s.done || reached.length === 0)) continue;
    const top = reached[reached.length - 1] ?? null;
    const ackIndex = rec?.acknowledged ? ladder.levels.findIndex((l) => l.id === rec.acknowledged?.level) : -1;
    let status: EscalationStatus = 'active';
    if (s.done) status = 'closed';
    else if (paused) status = 'paused';
    else if (snoozedNow(ctx, rec)) status = 'snoozed';
    else if (ackIndex >= 0 && (top?.index ?? -1) <= ackIndex) status = 'acknowledged';
    const fired = new Set((rec?.fired ?? []).filter((f) => f.due === s.due).map((f) => f.level));
    const fire =
      status === 'active' || status === 'acknowledged'
        ? reached
            // Pre-due reminders that were never sent are stale once the item is overdue.
            .filter((r) => !(overdue && r.preDue) && r.index > ackIndex && !fired.has(r.level.id))
            .map((r) => ({
              level: r.level.id,
              audiences: [...r.level.audiences],
              fingerprint: fingerprint('escalation', s.id, `${s.due}#${r.level.id}`),
            }))
        : [];
    out.push({
      subject: s.id,
      fingerprint: fingerprint('escalation', s.id, s.due),
      level: top?.level.id ?? null,
      levelIndex: top?.index ?? -1,
      audiences: top ? [...top.level.audiences] : [],
      due: s.due,
      businessDaysOverdue: overdue ? businessDaysBetween(s.due, clockToday, s.clock) : 0,
      status,
      fire,
      items: s.items,
    });
  }
  return out;
}
