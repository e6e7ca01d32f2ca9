/**
 * The PHI redactor every outgoing text passes (alerts, tracker comments). HIPAA Safe Harbor identifiers that can
 * appear in a work-item title are replaced by a bracketed kind (`[NAME]`, `[MRN]`...). It over-redacts on purpose:
 * it cannot tell a patient from a clinician, and every person name is PHI.
 */
import { findPersonNames } from './redact-person';
import { NOT_A_PROJECT_KEY, PATTERN_DETECTORS, TRACKER_KEY, type PhiKind, type Span } from './redact-patterns';

export type { PhiKind } from './redact-patterns';

export interface RedactOptions {
  /** The item's own keys (an Asana gid is a long digit run): kept verbatim. */
  allowKeys?: string[];
  /** The program's own structured dates (`YYYY-MM-DD`: phase starts, gate due dates): not about a patient, kept. */
  allowDates?: string[];
  /** The program's own names from config (program, gate, milestone names): kept verbatim wherever they appear. */
  allowTerms?: string[];
}

export interface RedactResult {
  text: string;
  /** One entry per redacted identifier; kinds only, never the value. */
  found: Array<{ kind: PhiKind }>;
}

/** How a title may appear in an outgoing text: `omit` never quotes it, `redact` quotes it through the redactor. */
export type TitleMode = 'omit' | 'redact';

const PLACEHOLDER: Record<PhiKind, string> = {
  name: '[NAME]',
  record_number: '[ID]',
  digits: '[NUMBER]',
  ssn: '[SSN]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  url: '[URL]',
  ip: '[IP]',
  date: '[DATE]',
  dob: '[DATE]',
  zip: '[ZIP]',
  address: '[ADDRESS]',
  vin: '[VIN]',
  age: '[AGE]',
};

function isoOf(value: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function trackerKeySpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(TRACKER_KEY)) {
    if (!NOT_A_PROJECT_KEY.has(m[1]!)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function ownKeySpans(text: string, keys: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const key of keys) {
    if (key.length === 0) continue;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) out.push([at, at + key.length]);
  }
  return out;
}

function collectSpans(text: string, options: RedactOptions): Span[] {
  const allowDates = new Set(options.allowDates ?? []);
  const spans: Span[] = [];
  for (const d of PATTERN_DETECTORS) {
    for (const m of text.matchAll(d.re)) {
      const value = d.group === undefined ? m[0] : m[d.group];
      if (value === undefined || value.length === 0) continue;
      if (d.accept && !d.accept(value)) continue;
      const start = d.group === undefined ? m.index : m.index + m[0].lastIndexOf(value);
      // A structured date of the program itself is not about a patient; a date next to "DOB" always is.
      if (d.kind === 'date' && (allowDates.has(value) || allowDates.has(isoOf(value) ?? ''))) continue;
      spans.push({ start, end: start + value.length, kind: d.kind });
    }
  }
  spans.push(...findPersonNames(text));
  const own = ownKeySpans(text, [...(options.allowKeys ?? []), ...(options.allowTerms ?? [])]);
  const keep = [...own, ...trackerKeySpans(text)];
  // A labelled record number ("policy# HMO-4412093") is a record even when it looks like a tracker key.
  return spans.filter((s) => {
    const zone = s.kind === 'record_number' ? own : keep;
    return !zone.some(([a, b]) => s.start >= a && s.end <= b);
  });
}

/** Longest first at each position; a span that overlaps one already taken is dropped. */
function resolve(spans: Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  const taken: Span[] = [];
  for (const s of sorted) {
    const clash = taken.find((t) => s.start < t.end && t.start < s.end);
    if (!clash) {
      taken.push(s);
    } else if (s.end > clash.end) {
      // Overlapping tails are PHI too: widen the taken span rather than leak the remainder.
      clash.end = s.end;
    }
  }
  return taken.sort((x, y) => x.start - y.start);
}

/**
 * Longer input is cut before redaction: alerts quote titles, not documents, and some patterns cost more than
 * linear time on very long runs. Cutting can only remove text, never reveal it.
 */
export const MAX_REDACT_INPUT = 2000;

/** Replaces Safe Harbor identifiers in `text`. Pure; the result says which kinds it found (never the values). */
export function redact(input: string, options: RedactOptions = {}): RedactResult {
  const cut = input.length > MAX_REDACT_INPUT;
  const text = cut ? input.slice(0, MAX_REDACT_INPUT) : input;
  const spans = resolve(collectSpans(text, options));
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PLACEHOLDER[s.kind];
    at = s.end;
  }
  out += text.slice(at) + (cut ? ' […]' : '');
  return { text: out, found: spans.map((s) => ({ kind: s.kind })) };
}

/**
 * How an item is named in an outgoing text: the key alone (`omit`), or the key and the redacted title (`redact`).
 * The key is never redacted, nor is an Asana gid when it is the item's own key.
 */
export function safeTitle(key: string, title: string, mode: TitleMode, options: RedactOptions = {}): string {
  if (mode === 'omit' || title.trim().length === 0) return key;
  const { text } = redact(title, { ...options, allowKeys: [key, ...(options.allowKeys ?? [])] });
  return `${key} "${text}"`;
}
