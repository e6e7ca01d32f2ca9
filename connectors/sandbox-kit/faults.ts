/**
 * Fault knobs shared by the sandboxes: what a vendor does to a client on a bad day.
 * Deterministic (seeded RNG, injected clock) so a benchmark or a test replays the same storm.
 */
import type { NextFunction, Request, Response } from 'express';

export interface FaultSettings {
  /** Share of requests answered 429 (0..1). */
  rate429: number;
  /** Retry-After, in seconds, sent with every 429. */
  retryAfterSec: number;
  /** A rate limit: more than `requests` within `windowMs` answers 429 with the time left in the window. */
  limit: { requests: number; windowMs: number } | null;
  /** Share of requests answered 500/503 (0..1). */
  rate5xx: number;
  /** The next N requests answer 503. */
  failNext: number;
  /** Every request answers 503 while true: the vendor is down. */
  down: boolean;
  /** Added latency per request. */
  delayMs: number;
}

export const NO_FAULTS: FaultSettings = {
  rate429: 0,
  retryAfterSec: 1,
  limit: null,
  rate5xx: 0,
  failNext: 0,
  down: false,
  delayMs: 0,
};

/** mulberry32: tiny, fast, good enough to pick which request fails. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultStats {
  requests: number;
  served: number;
  rateLimited: number;
  serverErrors: number;
}

export class FaultInjector {
  settings: FaultSettings = { ...NO_FAULTS };
  /**
   * Extra headers a vendor sends with a 429 from the rate-limit window (not with the injected random ones).
   * None by default (Asana sends Retry-After only); the Jira sandbox adds `X-RateLimit-*` as Jira Cloud does.
   */
  limitHeaders: ((window: { limit: number; resetAtMs: number }) => Record<string, string>) | null = null;
  readonly stats: FaultStats = { requests: 0, served: 0, rateLimited: 0, serverErrors: 0 };
  private windowStart = 0;
  private windowCount = 0;
  private readonly random: () => number;

  constructor(private readonly now: () => number, seed = 42) {
    this.random = seededRandom(seed);
  }

  set(settings: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
  }

  /** Decides the fate of one request: null to serve it, or the error status and headers to answer with. */
  decide(): { status: number; headers: Record<string, string> } | null {
    this.stats.requests += 1;
    const s = this.settings;
    if (s.down) return this.serverError(503);
    if (s.failNext > 0) {
      s.failNext -= 1;
      return this.serverError(503);
    }
    // Injected faults answer before the limiter counts the request: a vendor does not bill a request it refused.
    if (s.rate429 > 0 && this.random() < s.rate429) return this.rateLimited(s.retryAfterSec);
    if (s.rate5xx > 0 && this.random() < s.rate5xx) return this.serverError(this.random() < 0.5 ? 500 : 503);
    if (s.limit) {
      const t = this.now();
      if (t - this.windowStart >= s.limit.windowMs) {
        this.windowStart = t;
        this.windowCount = 0;
      }
      this.windowCount += 1;
      if (this.windowCount > s.limit.requests) {
        const waitSec = Math.max(1, Math.ceil((this.windowStart + s.limit.windowMs - t) / 1000));
        const extra = this.limitHeaders?.({ limit: s.limit.requests, resetAtMs: this.windowStart + s.limit.windowMs }) ?? {};
        return this.rateLimited(waitSec, extra);
      }
    }
    this.stats.served += 1;
    return null;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const verdict = this.decide();
      const go = (): void => {
        if (!verdict) return next();
        res.status(verdict.status).set(verdict.headers).json({
          errorMessages: [verdict.status === 429 ? 'Rate limit exceeded.' : 'Service unavailable.'],
          errors: [{ message: verdict.status === 429 ? 'Rate limit exceeded.' : 'Service unavailable.' }],
        });
      };
      if (this.settings.delayMs > 0) setTimeout(go, this.settings.delayMs);
      else go();
    };
  }

  private rateLimited(retryAfterSec: number, extra: Record<string, string> = {}) {
    this.stats.rateLimited += 1;
    return { status: 429, headers: { ...extra, 'Retry-After': String(retryAfterSec) } };
  }

  private serverError(status: number) {
    this.stats.serverErrors += 1;
    return { status, headers: {} };
  }
}
