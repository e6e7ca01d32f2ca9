/**
 * An adaptive pacer: spaces request starts evenly at a learned rate, so a client that shares a rate-limit window
 * stops overshooting it instead of bursting into 429s and then idling while every request sits out its Retry-After.
 *
 * AIMD on the send rate: unpaced until the first limit signal; then the rate starts at what the server accepted in
 * the last second, grows by `growth` per success (≈ `growth`·100 % per second at full pace) and is cut by
 * `decrease` on a limit signal, at most once per `quietMs` (the rejections of one overshoot arrive together).
 *
 * Which 429s are limit signals: a 429 that says so (the vendor names the window, e.g. Jira's `X-RateLimit-Reset`),
 * or `streak` 429s in a row with no success between them. A lone bare 429 (a cost or concurrency limiter, a
 * vendor hiccup) is the rejected request's own business: it waits its Retry-After and the others keep flowing.
 * After `idleResetMs` without a signal the pacer lets go (back to unpaced), so a false alarm on a light client
 * does not pin it at a low rate.
 *
 * The pacer never shortens a Retry-After: the request that got one still sleeps it out before its next attempt.
 */

export interface PacerTuning {
  /** Multiplicative decrease on a limit signal (0..1). */
  decrease: number;
  /** Added to the rate (requests/s) per success while paced. */
  growth: number;
  /** Bare 429s in a row (no success between) that count as a limit signal. */
  streak: number;
  /** After a cut, further signals within this long belong to the same overshoot. */
  quietMs: number;
  /** Without a signal for this long, stop pacing. */
  idleResetMs: number;
  minRate: number;
  maxRate: number;
  refund: boolean;
  cutToAccepted: boolean;
}

export const DEFAULT_PACER: PacerTuning = {
  decrease: 0.93,
  growth: 0.03,
  streak: 3,
  quietMs: 1000,
  idleResetMs: 10_000,
  minRate: 0.2,
  maxRate: 1000,
  refund: true,
  cutToAccepted: true,
};

/** What a 429 told us. */
export interface LimitHint {
  /** The response names the rate-limit window (e.g. `X-RateLimit-Reset` / `X-RateLimit-Remaining: 0`). */
  window: boolean;
}

export interface PacerSnapshot {
  /** Requests per second, or null while unpaced. */
  rate: number | null;
  cuts: number;
}

export class AdaptivePacer {
  private rate: number | null = null;
  private nextAt = 0;
  private run = 0;
  private lastCut = -Infinity;
  private lastSignal = -Infinity;
  private cuts = 0;
  /** Times of successes in the last second: the first rate is what the server accepted. */
  private readonly accepted: number[] = [];
  private readonly tuning: PacerTuning;

  constructor(
    private readonly now: () => number = () => performance.now(),
    tuning: Partial<PacerTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_PACER, ...tuning };
  }

  snapshot(): PacerSnapshot {
    return { rate: this.rate, cuts: this.cuts };
  }

  /** Reserves the next start slot and waits for it (no wait while unpaced). */
  async take(sleep: (ms: number) => Promise<void>): Promise<void> {
    const now = this.now();
    if (this.rate !== null && now - this.lastSignal > this.tuning.idleResetMs) this.rate = null;
    if (this.rate === null) return;
    const slot = Math.max(now, this.nextAt);
    this.nextAt = slot + 1000 / this.rate;
    if (slot > now) await sleep(slot - now);
  }

  success(): void {
    const now = this.now();
    this.run = 0;
    this.accepted.push(now);
    this.trim(now);
    if (this.rate !== null) this.rate = Math.min(this.tuning.maxRate, this.rate + this.tuning.growth);
  }

  /** A 429: counts toward a limit signal; returns true when this one cut the rate. */
  limited(hint: LimitHint): boolean {
    const now = this.now();
    this.run += 1;
    if (!hint.window && this.run < this.tuning.streak) {
      // Not the window: the server did not count this request, so its slot goes back to the others.
      if (this.tuning.refund && this.rate !== null) this.nextAt = Math.max(now, this.nextAt - 1000 / this.rate);
      return false;
    }
    this.lastSignal = now;
    if (now - this.lastCut < this.tuning.quietMs) return false;
    this.lastCut = now;
    this.cuts += 1;
    this.trim(now);
    const best = Math.max(1, this.bestSecond());
    const next = this.rate === null ? best : this.tuning.cutToAccepted ? Math.min(this.rate, best) * this.tuning.decrease : this.rate * this.tuning.decrease;
    this.rate = Math.max(this.tuning.minRate, next);
    // The slots already handed out keep their times; the new spacing applies from the latest of them.
    return true;
  }

  private trim(now: number): void {
    while (this.accepted.length > 0 && (this.accepted[0] ?? now) <= now - HISTORY_MS) this.accepted.shift();
  }

  /**
   * The most successes in any one-second span of the recent history: what the server has shown it accepts. The
   * last second alone would read low whenever our own requests happened to be sitting out Retry-Afters.
   */
  private bestSecond(): number {
    let best = 0;
    let lo = 0;
    for (let hi = 0; hi < this.accepted.length; hi += 1) {
      const end = this.accepted[hi] ?? 0;
      while ((this.accepted[lo] ?? end) <= end - 1000) lo += 1;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }
}

/** How far back the successes are kept for `bestSecond`. */
const HISTORY_MS = 5000;

const bySite = new Map<string, AdaptivePacer>();

/** One pacer per Jira site in this process: the burst limit is per site and user, like the limiter. */
export function sitePacer(baseUrl: string): AdaptivePacer {
  const key = baseUrl.replace(/\/+$/, '').toLowerCase();
  let found = bySite.get(key);
  if (!found) {
    found = new AdaptivePacer();
    bySite.set(key, found);
  }
  return found;
}
