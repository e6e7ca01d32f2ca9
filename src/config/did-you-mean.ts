/** Levenshtein distance, small and allocation-light: config keys are short. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The closest candidate to `word`, or null when nothing is close enough to be a plausible typo
 * (at most a third of the longer word, and never more than 3 edits), or a candidate containing it.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)));
  if (bestDistance <= limit) return best;
  // `schedule` for `pollSchedule`, `token` for `apiToken`: a word inside a longer key is a likely slip too.
  if (lower.length < 4) return null;
  for (const c of candidates) if (c.toLowerCase().includes(lower)) return c;
  return null;
}
