/** Defect severity from a rule: a fixed value, the item's priority, or a custom field. */
import type { DefectSeverity, SourceItem } from '../model';
import type { SeverityAssign } from '../config';

/** Priority names as Jira ships them, plus common synonyms. */
const BY_NAME: Record<string, DefectSeverity> = {
  highest: 'sev1',
  blocker: 'sev1',
  critical: 'sev1',
  urgent: 'sev1',
  high: 'sev2',
  major: 'sev2',
  medium: 'sev3',
  normal: 'sev3',
  moderate: 'sev3',
  low: 'sev4',
  lowest: 'sev4',
  minor: 'sev4',
  trivial: 'sev4',
};

const NUMBERED = /^(?:sev(?:erity)?|s|p)?\s*[-_ ]?\s*([1-4])\b/i;

/** `Sev1`, `S2`, `P3`, `Severity 4`, `1`, or a priority name; null when it cannot tell. */
export function parseSeverity(value: unknown): DefectSeverity | null {
  if (typeof value === 'number') return value >= 1 && value <= 4 ? (`sev${Math.trunc(value)}` as DefectSeverity) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const n = NUMBERED.exec(text)?.[1];
  if (n) return `sev${n}` as DefectSeverity;
  return BY_NAME[text.toLowerCase()] ?? null;
}

export type SeverityFn = (item: SourceItem) => DefectSeverity | null;

export function compileSeverity(assign: SeverityAssign | undefined): SeverityFn {
  if (assign === undefined) return () => null;
  if (typeof assign === 'string') return () => assign;
  const map = new Map(Object.entries(assign.map ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const read =
    assign.from === 'priority'
      ? (item: SourceItem): unknown => item.priority
      : (item: SourceItem): unknown => item.customFields[assign.field ?? ''];
  // Values repeat (Sev1..Sev4, priority names): remember each answer.
  const memo = new Map<unknown, DefectSeverity | null>();
  return (item) => {
    const value = read(item);
    if (value === null || value === undefined) return null;
    let sev = memo.get(value);
    if (sev === undefined) {
      sev = map.get(String(value).toLowerCase()) ?? parseSeverity(value);
      if (memo.size < 10_000) memo.set(value, sev);
    }
    return sev;
  };
}
