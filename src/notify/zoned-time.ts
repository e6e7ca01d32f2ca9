/** Wall-clock arithmetic in an IANA time zone with Intl only (pure: `now` is always passed in). */

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: Date, timeZone: string): LocalParts & { second: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year ?? 0, month: p.month ?? 1, day: p.day ?? 1, minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0), second: p.second ?? 0 };
}

function offsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minutes / 60), p.minutes % 60, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens; across a DST gap it lands just after the gap. */
function localToUtc(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const first = offsetMs(new Date(guess), timeZone);
  const t = guess - first;
  const second = offsetMs(new Date(t), timeZone);
  return new Date(second === first ? t : guess - second);
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function localMinutes(at: Date, timeZone: string): number {
  return parts(at, timeZone).minutes;
}

/** The first instant strictly after `now` whose local time is `hhmm`. */
export function nextLocalTime(now: Date, hhmm: string, timeZone: string): Date {
  const p = parts(now, timeZone);
  const target = toMinutes(hhmm);
  for (let addDays = 0; addDays < 3; addDays++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + addDays));
    const at = localToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), target, timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error(`no next ${hhmm} in ${timeZone}`);
}

/** Whether `at` falls inside the daily window [start, end) local time; a window may wrap midnight. */
export function inDailyWindow(at: Date, start: string, end: string, timeZone: string): boolean {
  const m = localMinutes(at, timeZone);
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (s === e) return false;
  return s < e ? m >= s && m < e : m >= s || m < e;
}
