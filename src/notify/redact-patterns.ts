/**
 * Pattern detectors of the PHI redactor (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i); rules in
 * ../shared/reference/healthcare-domain.md §6). Each detector yields spans over the original text; the redactor
 * merges them. Regexes are built once; every one is global and is reset by `matchAll`.
 */

export type PhiKind =
  | 'name'
  | 'record_number'
  | 'digits'
  | 'ssn'
  | 'phone'
  | 'email'
  | 'url'
  | 'ip'
  | 'date'
  | 'dob'
  | 'zip'
  | 'address'
  | 'vin'
  | 'age';

export interface Span {
  start: number;
  end: number;
  kind: PhiKind;
}

export interface PatternDetector {
  kind: PhiKind;
  re: RegExp;
  /** Capture group holding the identifier; the rest of the match (a label such as "MRN") stays. */
  group?: number;
  /** Extra check on the matched identifier. */
  accept?: (value: string) => boolean;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const NUM_DATE = '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})';
const ISO_DATE = '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}';
const MONTH_DAY = `${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?`;
const DAY_MONTH = `\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+\\d{4})?`;
const DMY_ABBR = `\\d{1,2}-${MONTH}-\\d{2,4}`;
const ANY_DATE = `(?:${ISO_DATE}|${NUM_DATE}|${DMY_ABBR}|${MONTH_DAY}|${DAY_MONTH}|${MONTH}\\s+\\d{4}|\\d{4})`;

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const STREET_SUFFIX =
  'St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Ter|Terrace|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Sq|Square|Trl|Trail';

const RECORD_LABEL = [
  'MRN', 'MR#', 'med(?:ical)?\\s+rec(?:ord)?(?:\\s+(?:no|number))?', 'acct', 'account', 'member(?:\\s+id)?', 'mbr',
  'policy', 'CSN', 'FIN', 'accession', 'acc', 'encounter', 'enc', 'HAR', 'claim', 'beneficiary',
  'subscriber(?:\\s+id)?', 'license', 'lic', 'certificate', 'cert', 'serial', 'S/N', 'SN', 'device\\s+id', 'UDI',
  'plate', 'NPI', 'DEA', 'SSN', 'ID', 'pt\\s+id', 'patient\\s+id', 'specimen',
].join('|');

const hasDigit = (v: string): boolean => /\d/.test(v);

/** Ordered roughly from most to least specific; overlaps are resolved by the redactor (longest, earliest wins). */
export const PATTERN_DETECTORS: PatternDetector[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  {
    kind: 'url',
    re: /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:)\]]|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|health|us|local|internal)(?::\d+)?\/[^\s<>"']*[^\s<>"'.,;:)\]]?/gi,
  },
  {
    kind: 'ip',
    re: /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?:\/\d{1,2}|:\d{1,5})?\b/g,
  },
  {
    kind: 'ip',
    re: /(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?)(?![\w:])/g,
  },
  { kind: 'ssn', re: /\b\d{3}[- ]\d{2}[- ]\d{4}\b/g },
  {
    kind: 'phone',
    re: /(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-])/g,
  },
  {
    kind: 'record_number',
    re: new RegExp(
      `\\b(?:${RECORD_LABEL})\\b\\.?\\s*(?:#|no\\.?|num(?:ber)?|id)?\\s*[:#=]?\\s*((?:[A-Z]{1,4}-?)?\\d[A-Z0-9-]{2,})`,
      'gi',
    ),
    group: 1,
    accept: hasDigit,
  },
  {
    kind: 'vin',
    re: /\b[A-HJ-NPR-Z0-9]{17}\b/g,
    accept: (v) => /\d/.test(v) && /[A-Z]/.test(v),
  },
  {
    kind: 'dob',
    re: new RegExp(
      `\\b(?:DOB|D\\.O\\.B\\.?|date of birth|birth\\s?date|born|b\\.|DOD|date of death|died|deceased|admitted|admit date|discharged|discharge date)\\s*[:=-]?\\s*(?:on\\s+|in\\s+)?(${ANY_DATE})`,
      'gi',
    ),
    group: 1,
  },
  { kind: 'date', re: new RegExp(`\\b(?:${ISO_DATE}|${NUM_DATE}|${DMY_ABBR}|${MONTH_DAY}|${DAY_MONTH})\\b`, 'g') },
  {
    kind: 'age',
    re: /\b(?:age[d]?\s*:?\s*(?:9\d|1[0-4]\d)|(?:9\d|1[0-4]\d)\s*-?\s*(?:y\/?o|yo|yrs?|years?(?:[- ]old)?|year-old)|(?:9\d|1[0-4]\d)[MF])\b/gi,
  },
  {
    kind: 'address',
    re: new RegExp(
      `\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z0-9]*\\.?\\s+){1,3}(?:${STREET_SUFFIX})\\b\\.?(?:,?\\s*(?:Apt|Unit|Suite|Ste|#)\\s*[\\w-]+)?`,
      'g',
    ),
  },
  { kind: 'address', re: /\b(?:P\.?\s?O\.?\s?Box|Apt\.?|Unit|Suite)\s*#?\s*\d+[A-Z]?\b/gi },
  { kind: 'address', re: new RegExp(`\\b[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?,\\s?(?:${STATES})\\b`, 'g') },
  { kind: 'zip', re: /\b\d{5}(?:-\d{4})?\b/g },
  { kind: 'digits', re: /\d{6,}/g },
  // Grouped identifiers ("8812-0091-33"): Safe Harbor #18, any other unique number.
  {
    kind: 'digits',
    re: /\b\d+(?:-\d+){2,}\b/g,
    accept: (v) => v.replace(/\D/g, '').length >= 6 && !/^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4})$/.test(v),
  },
];

/** Tracker keys (`EHR-123`) are ours, not a patient's; labels that look like keys but carry record numbers are not. */
export const TRACKER_KEY = /\b([A-Z][A-Z0-9]{1,9})-\d+\b/g;
export const NOT_A_PROJECT_KEY = new Set(['MRN', 'ACCT', 'CSN', 'FIN', 'SSN', 'ACC', 'HAR', 'ENC', 'MBR', 'DOB', 'NPI', 'DEA', 'ID', 'PT', 'SN', 'UDI', 'VIN', 'ZIP', 'PH', 'TEL', 'FAX']);
