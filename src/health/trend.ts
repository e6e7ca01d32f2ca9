/** The score's direction over the trend window, from the scores the store keeps (`ProgramHistory.scores`). */
import type { ProgramHistory, Trend } from '../model';

const DAY_MS = 86_400_000;

/**
 * Compare `score` with the latest history score at least `windowDays` before `now` (with a shorter history, the
 * oldest one): a change of at least `points` either way is 'up' or 'down', anything less 'flat'. Scores stamped
 * after `now` are ignored so a replay gives the same answer. Null when there is no earlier score at all.
 */
export function trendOf(history: ProgramHistory, score: number, now: Date, windowDays: number, points: number): Trend | null {
  const nowMs = now.getTime();
  const cutoff = nowMs - windowDays * DAY_MS;
  let reference: { ms: number; score: number } | null = null;
  let oldest: { ms: number; score: number } | null = null;
  for (const s of history.scores) {
    const ms = Date.parse(s.at);
    if (!Number.isFinite(ms) || ms > nowMs) continue;
    if (!oldest || ms < oldest.ms) oldest = { ms, score: s.score };
    if (ms <= cutoff && (!reference || ms >= reference.ms)) reference = { ms, score: s.score };
  }
  const base = reference ?? oldest;
  if (!base) return null;
  // Round like the score itself so float noise never flips a borderline change.
  const delta = Math.round((score - base.score) * 10) / 10;
  return delta >= points ? 'up' : delta <= -points ? 'down' : 'flat';
}
