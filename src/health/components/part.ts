import type { Deduction } from '../../model';
import { round, type LinkedRef } from '../../risk/context';
import { MAX_LISTED_ITEMS } from '../../risk/rule';

/** A component before weighting: its 0–100 score and the deductions that explain it. */
export interface Part {
  score: number;
  deductions: Deduction[];
}

export function deduction(points: number, reason: string, items: LinkedRef[]): Deduction {
  return { points: round(points, 1), reason, items: items.slice(0, MAX_LISTED_ITEMS) };
}

/** Weighted mean of per-subject scores, with a deduction for every subject below 100. */
export function weightedMean(entries: Array<{ weight: number; score: number; reason: string; items: LinkedRef[] }>): Part {
  const total = entries.reduce((s, e) => s + e.weight, 0);
  if (total <= 0) return { score: 100, deductions: [] };
  const score = entries.reduce((s, e) => s + e.weight * e.score, 0) / total;
  const deductions = entries
    .filter((e) => e.score < 100)
    .map((e) => deduction((e.weight / total) * (100 - e.score), e.reason, e.items));
  return { score, deductions };
}
