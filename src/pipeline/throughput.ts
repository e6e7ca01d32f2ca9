/** Weekly done counts from mapped items, by the Monday of the week they completed in the program's time zone. */
import type { WorkItem } from '../model/work-item';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
    } catch {
      formatters.set(timeZone, null);
    }
  }
  return formatters.get(timeZone) ?? null;
}

export function localDate(iso: string, timeZone: string): string {
  if (iso.length === 10) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return formatter(timeZone)?.format(d) ?? d.toISOString().slice(0, 10);
}

export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

export function weeklyThroughput(items: WorkItem[], timeZone: string): Array<{ weekStart: string; done: number }> {
  const weeks = new Map<string, number>();
  for (const w of items) {
    if (w.status !== 'done' || !w.source.completed) continue;
    const week = mondayOf(localDate(w.source.completed, timeZone));
    weeks.set(week, (weeks.get(week) ?? 0) + 1);
  }
  return [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, done]) => ({ weekStart, done }));
}
