/**
 * An adaptive pacer: spaces request starts evenly at a learned rate, so a client that shares a rate-limit window
 * stops overshooting it instead of bursting into 429s and then idling while every request sits out its Retry-After.
 *
 * AIMD on the send rate: unpaced until the first limit signal; then the rate starts at what the server accepted in
 * the last second, grows per success by `growth` × (1 + seconds since the last signal, at most 10×) and is cut by
 * `decrease` on a limit signal, at most once per `quietMs` (the rejections of one overshoot arrive together).
 * A bare 429 that is not a signal gives its slot back: the server did not count it against the window.
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
  /** Give a bare 429's slot back (the server did not count it against the window). */
  refund: boolean;
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
  /** Times of successes, sends and 429s in the last second: the first rate is what the server took in. */
  private readonly accepted: number[] = [];
  private readonly sent: number[] = [];
  private readonly rejected: number[] = [];
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
    if (this.rate === null) {
      this.sent.push(now);
      return;
    }
    const interval = 1000 / this.rate;
    // A timer that fires a little late may take the slot it missed, never more: no burst after an idle spell.
    const slot = Math.max(now - interval / 2, this.nextAt);
    this.nextAt = slot + interval;
    this.sent.push(slot);
    if (slot > now) await sleep(slot - now);
  }

  success(): void {
    const now = this.now();
    this.run = 0;
    this.accepted.push(now);
    this.trim(now);
    if (this.rate === null) return;
    // Probing speeds up the longer the server has not pushed back (a low first estimate recovers in seconds) and
    // stays gentle right after a cut, where the limit is known to be near.
    const quietSeconds = Math.min(MAX_BOOST, Math.max(0, now - this.lastSignal) / 1000);
    this.rate = Math.min(this.tuning.maxRate, this.rate + this.tuning.growth * (1 + quietSeconds));
  }

  /** A 429: counts toward a limit signal; returns true when this one cut the rate. */
  limited(hint: LimitHint): boolean {
    const now = this.now();
    this.run += 1;
    this.rejected.push(now);
    this.trim(now);
    if (!hint.window && this.run < this.tuning.streak) {
      // Not the window: the server did not count this request, so its slot goes back to the others.
      if (this.tuning.refund && this.rate !== null) this.nextAt = Math.max(now, this.nextAt - 1000 / this.rate);
      return false;
    }
    this.lastSignal = now;
    if (now - this.lastCut < this.tuning.quietMs) return false;
    this.trim(now);
    if (this.rate === null) {
      // What the server took in during the last second: sent and not turned away (some of it still in flight, as
      // 429s come back faster than the 200s of the same burst). No success yet: no evidence, wait for more.
      if (this.accepted.length === 0) return false;
      this.rate = Math.max(this.tuning.minRate, this.accepted.length, this.sent.length - this.rejected.length);
      this.nextAt = now;
    } else {
      // A big overshoot (a first estimate that counted requests still in flight) comes down to what the server
      // accepted at once; a small one by `decrease`; a false alarm that reads low costs at most half.
      const taken = this.accepted.length * ACCEPTED_SLACK;
      this.rate = Math.max(this.tuning.minRate, this.rate / 2, Math.min(this.rate * this.tuning.decrease, taken));
    }
    this.lastCut = now;
    this.cuts += 1;
    return true;
  }

  private trim(now: number): void {
    for (const times of [this.accepted, this.sent, this.rejected]) {
      while (times.length > 0 && (times[0] ?? now) <= now - HISTORY_MS) times.shift();
    }
  }
}

/** How far back successes are kept: the window's worth is what the server accepted in the last second. */
const HISTORY_MS = 1000;
/** Successes are counted when their response is in, a little after the server counted them. */
const ACCEPTED_SLACK = 1.1;
/** Growth per success is at most (1 + MAX_BOOST) × `growth`. */
const MAX_BOOST = 9;

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
