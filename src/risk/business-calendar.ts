/**
 * Calendar-date arithmetic for a program's business calendar. Dates are `YYYY-MM-DD` strings in the program's
 * time zone; arithmetic happens on day numbers (days since 1970-01-01 of the *calendar* date), never by adding
 * 24 h to an instant, so a daylight-saving change cannot move a date. Instants become local dates only through
 * `Intl.DateTimeFormat` in the program's IANA zone.
 */
import type { BusinessCalendar } from '../model';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayNumbers = new Map<string, number>();

/** Day number of a `YYYY-MM-DD` calendar date (UTC arithmetic on the date itself, not an instant). */
export function dayNumber(date: string): number {
  const hit = dayNumbers.get(date);
  if (hit !== undefined) return hit;
  const m = DATE_RE.exec(date.slice(0, 10));
  if (!m) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  if (dayNumbers.size > 100_000) dayNumbers.clear();
  dayNumbers.set(date, day);
  return day;
}

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch ms of an ISO 8601 timestamp. The common shapes trackers send (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)`)
 * are read by hand, several times faster than Date.parse on a 100k-item portfolio; anything else goes to Date.parse.
 */
export function parseInstant(s: string): number {
  if (s.length >= 20 && s.charCodeAt(10) === 84 /* T */) {
    const base = Date.UTC(digits(s, 0, 4), digits(s, 5, 2) - 1, digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2));
    let i = 19;
    let frac = 0;
    if (s[i] === '.') {
      let scale = 100;
      for (i++; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++, scale /= 10) frac += (s.charCodeAt(i) - 48) * scale;
    }
    const rest = s.slice(i);
    if (rest === 'Z') return base + Math.floor(frac);
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(rest);
    if (m && Number.isFinite(base)) {
      const off = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
      return base + Math.floor(frac) - (m[1] === '+' ? off : -off);
    }
  }
  return Date.parse(s);
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
/** Per zone: UTC day number → the zone's offset (ms) for that whole UTC day, or null when it changes that day. */
const dayOffsets = new Map<string, Map<number, number | null>>();
const dayStrings = new Map<number, string>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

/** The zone's UTC offset at an instant, in ms, read from Intl (wall-clock fields minus the instant). */
function offsetAt(ms: number, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') f[p.type] = Number(p.value);
  const wall = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function dayString(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = fromDayNumber(day);
    if (dayStrings.size > 100_000) dayStrings.clear();
    dayStrings.set(day, s);
  }
  return s;
}

/**
 * The calendar date of an instant in an IANA time zone. Intl gives the zone's offset; it is asked twice per
 * UTC day (start and end) and reused for the whole day when both agree, else asked for the exact instant,
 * so DST days are exact and a portfolio of timestamps costs a few Intl calls per day, not one per item.
 */
export function localDate(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  let byDay = dayOffsets.get(timeZone);
  if (!byDay) {
    byDay = new Map();
    dayOffsets.set(timeZone, byDay);
  }
  const utcDay = Math.floor(ms / DAY_MS);
  let off = byDay.get(utcDay);
  if (off === undefined) {
    const a = offsetAt(utcDay * DAY_MS, timeZone);
    const b = offsetAt(utcDay * DAY_MS + DAY_MS - 1000, timeZone);
    off = a === b ? a : null;
    if (byDay.size > 100_000) byDay.clear();
    byDay.set(utcDay, off);
  }
  const exact = off ?? offsetAt(ms, timeZone);
  return dayString(Math.floor((ms + exact) / DAY_MS));
}

/**
 * A tracker date field as a local calendar date: date-only values are already calendar dates;
 * timestamps are converted in the zone. Returns null for null or unparseable input.
 */
export function toLocalDate(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  if (value.length === 10 && DATE_RE.test(value)) return value;
  const ms = parseInstant(value);
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
