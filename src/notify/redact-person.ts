/**
 * Person-name detection (Safe Harbor #1). Set to over-redact: honorific + name, a name after a person word
 * ("patient", "mother", "pt"), a given name from the list, a capitalised pair outside work-item vocabulary,
 * "Last, First" and "LAST, FIRST" as EHRs print them.
 */
import { GIVEN_NAMES, HONORIFICS, PERSON_CONTEXT, SURNAMES_SET, TITLE_VOCABULARY } from './redact-names';
import type { Span } from './redact-patterns';

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  shape: 'cap' | 'upper' | 'lower' | 'initial' | 'other';
}

const WORD = /[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*/g;
const HONORIFIC_SET = new Set(HONORIFICS);
const CONTEXT_SET = new Set(PERSON_CONTEXT);

function shapeOf(text: string): Word['shape'] {
  if (/^[A-Z]$/.test(text)) return 'initial';
  if (/^[A-Z][a-z'’]*(?:[A-Z][a-z'’]+)?(?:-[A-Z][a-z'’]+)*$/.test(text) && /[a-z]/.test(text)) return 'cap';
  if (/^[A-Z'’-]{2,}$/.test(text)) return 'upper';
  if (/^[a-z]/.test(text)) return 'lower';
  return 'other';
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = m[0];
    out.push({ text: t, lower: t.toLowerCase().replace(/['’]s$/, ''), start: m.index, end: m.index + t.length, shape: shapeOf(t) });
  }
  return out;
}

function inVocab(w: Word): boolean {
  if (TITLE_VOCABULARY.has(w.lower)) return true;
  // A hyphenated word is ordinary when one of its parts is ("Go-Live", "Re-Test"); "Smith-Jones" is not.
  return w.lower.includes('-') && w.lower.split('-').some((p) => TITLE_VOCABULARY.has(p));
}
const isGiven = (w: Word): boolean => GIVEN_NAMES.has(w.lower);
const isSurname = (w: Word): boolean => SURNAMES_SET.has(w.lower.replace(/['’]/g, ''));
/** "O'Connor", "D'Angelo": an apostrophe after the first capital is a surname shape, not a word. */
const isElided = (w: Word): boolean => /^[A-Z]['’][A-Z][a-z]/.test(w.text);
/** A lone word that is still a name: a listed given name or surname outside the vocabulary, or an elided surname. */
const loneName = (w: Word): boolean => (w.shape === 'cap' && !inVocab(w) && (isGiven(w) || isSurname(w))) || isElided(w);
const isNameish = (w: Word | undefined): w is Word => !!w && (w.shape === 'cap' || w.shape === 'upper') && !inVocab(w);

/** The text between two words, used to decide whether they form one name ("John Smith", "Smith, John", "J. Smith"). */
function gap(text: string, a: Word, b: Word): string {
  return text.slice(a.end, b.start);
}

function pairIsName(a: Word, b: Word): boolean {
  if (a.shape === 'cap' && b.shape === 'cap') {
    if (isGiven(a) && (!inVocab(b) || isSurname(b))) return true;
    if (isSurname(b) && (isGiven(a) || !inVocab(a))) return true;
    return !inVocab(a) && !inVocab(b);
  }
  if (a.shape === 'upper' && b.shape === 'upper') return isGiven(a) && isSurname(b);
  return false;
}

/** Spans of likely person names in `text`. */
export function findPersonNames(text: string): Span[] {
  const ws = words(text);
  const spans: Span[] = [];
  const add = (from: Word, to: Word): void => {
    spans.push({ start: from.start, end: to.end, kind: 'name' });
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    const g = next ? gap(text, w, next) : '';
    // Honorific or person word, then a name: "Dr. Okafor", "patient Garcia", "mother: Ruth Ellis".
    if (next && /^\.?\s*[:#]?\s*$/.test(g) && (HONORIFIC_SET.has(w.text.replace(/\.$/, '')) || CONTEXT_SET.has(w.lower))) {
      const honorific = HONORIFIC_SET.has(w.text);
      if (next.shape === 'cap' || next.shape === 'upper' || next.shape === 'initial') {
        if (honorific || isNameish(next) || isGiven(next)) {
          let j = i + 1;
          // Keep going while names follow: "Baby Boy Castillo", "Ruth Ann Ellis".
          while (ws[j + 1] && /^\.?\s$/.test(gap(text, ws[j]!, ws[j + 1]!)) && isNameish(ws[j + 1]) && ws[j + 1]!.shape === next.shape) j++;
          add(honorific ? w : next, ws[j]!);
          i = j;
          continue;
        }
      }
    }
    if (!next) {
      if (loneName(w)) add(w, w);
      continue;
    }
    // "J. Smith", "John Q. Smith"
    if (w.shape === 'initial' && /^\.\s?$/.test(g) && isNameish(next) && next.shape === 'cap') {
      add(w, next);
      i++;
      continue;
    }
    if (/^ $/.test(g) && pairIsName(w, next)) {
      let last = next;
      let j = i + 1;
      // Three-part names and middle initials: "Mary Ann Smith", "John Q. Smith".
      while (ws[j + 1] && /^\.?\s$/.test(gap(text, ws[j]!, ws[j + 1]!)) && ((isNameish(ws[j + 1]) && ws[j + 1]!.shape === w.shape) || ws[j]!.shape === 'initial')) {
        j++;
        last = ws[j]!;
      }
      add(w, last);
      i = j;
      continue;
    }
    // "Smith, John" and "SMITH, JOHN" as EHR registers print names.
    if (/^, ?$/.test(g) && isNameish(w) && (next.shape === w.shape || next.shape === 'cap') && (isGiven(next) || isSurname(w))) {
      add(w, next);
      i++;
      continue;
    }
    if (loneName(w)) add(w, w);
  }
  return spans;
}
