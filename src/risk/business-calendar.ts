/**
 * Calendar-date arithmetic for a program's business calendar. Dates are `YYYY-MM-DD` strings in the program's
 * time zone; arithmetic happens on day numbers (days since 1970-01-01 of the *calendar* date), never by adding
 * 24 h to an instant, so a daylight-saving change cannot move a date. Instants become local dates only through
 * `Intl.DateTimeFormat` in the program's IANA zone.
 */
import type { BusinessCalendar } from '../model';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` calendar date (UTC arithmetic on the date itself, not an instant). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date.slice(0, 10));
  if (!m) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOf(dayNumber(date));
}

function isoWeekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  const d = dayNumber(date);
  return fromDayNumber(d - (isoWeekdayOf(d) - 1));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const localCache = new Map<string, Map<number, string>>();
// Zone offsets change only on quarter-hour boundaries, so one lookup per 15-minute bucket is exact.
const BUCKET_MS = 900_000;

/** The calendar date of an instant in an IANA time zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  let cache = localCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    localCache.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  let y = '';
  let mo = '';
  let d = '';
  for (const p of fmt.formatToParts(ms)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') mo = p.value;
    else if (p.type === 'day') d = p.value;
  }
  const out = `${y}-${mo}-${d}`;
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, out);
  return out;
}

/**
 * A tracker date field as a local calendar date: date-only values are already calendar dates;
 * timestamps are converted in the zone. Returns null for null or unparseable input.
 */
export function toLocalDate(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  if (value.length === 10 && DATE_RE.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? localDate(ms, timeZone) : null;
}

/** A prepared business calendar: O(1) working-day test. */
export interface CalendarIndex {
  timeZone: string;
  isBusinessDay(day: number): boolean;
}

const ALL_DAYS: BusinessCalendar = { timeZone: 'UTC', workDays: [1, 2, 3, 4, 5, 6, 7], holidays: [], freezeWindows: [] };

export function indexCalendar(cal: BusinessCalendar): CalendarIndex {
  const work = new Set(cal.workDays);
  const off = new Set<number>();
  for (const h of cal.holidays) off.add(dayNumber(h));
  // A change freeze (cutover weekend) stops the clock: nobody can be chased for work they may not do.
  for (const f of cal.freezeWindows) {
    for (let d = dayNumber(f.start), end = dayNumber(f.end); d <= end; d++) off.add(d);
  }
  return { timeZone: cal.timeZone, isBusinessDay: (day) => work.has(isoWeekdayOf(day)) && !off.has(day) };
}

/** Every day counts: for breach tasks and other legal clocks that run in calendar days. */
export function calendarDaysIndex(timeZone: string): CalendarIndex {
  return { ...indexCalendar(ALL_DAYS), timeZone };
}

/**
 * Business days elapsed from `from` to `to`: the working days in (from, to]; negative, counting the working
 * days in (to, from], when `to` is earlier. Same day → 0.
 */
export function businessDaysBetween(from: string, to: string, cal: CalendarIndex): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  let n = 0;
  if (b >= a) {
    for (let d = a + 1; d <= b; d++) if (cal.isBusinessDay(d)) n++;
    return n;
  }
  for (let d = b + 1; d <= a; d++) if (cal.isBusinessDay(d)) n--;
  return n;
}

/**
 * The date `n` business days after `date` (before it when `n` < 0): the n-th working day strictly after
 * (before) it. n = 0 returns `date` itself.
 */
export function addBusinessDays(date: string, n: number, cal: CalendarIndex): string {
  let d = dayNumber(date);
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  // Guard against a calendar with no working days at all.
  let guard = 0;
  while (left > 0 && guard < 366 * 20) {
    d += step;
    guard++;
    if (cal.isBusinessDay(d)) left--;
  }
  return fromDayNumber(d);
}
