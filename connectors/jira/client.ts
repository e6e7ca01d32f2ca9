/**
 * The one door to Jira: every call goes through the real jira.js Version3Client, one limiter slot per attempt,
 * bounded retries (Retry-After on 429/503, jittered exponential backoff on 5xx and network errors), a request
 * counter, and a zod check of the response so a changed payload fails loudly instead of half-writing.
 */
import { Version3Client } from 'jira.js';
import type { z } from 'zod';
import { RateLimitedError, TransientError, UnrecoverableError } from '../errors';
import { classify, namesWindow } from './http-errors';
import { siteLimiter, type Limiter } from './limiter';
import { sitePacer, type AdaptivePacer } from '../http-kit/pacer';
import { DEFAULT_RETRY, type JiraConnectorOptions, type RetryOptions } from './options';

/** Which failures a call may retry: reads retry everything; a non-idempotent POST retries only what Jira refused outright. */
export type RetryMode = 'all' | 'rate_limits_only';

export interface CallOptions {
  retry?: RetryMode;
  /** Return null on 404 instead of throwing (issue gone, property unset). */
  nullOn404?: boolean;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class JiraHttp {
  readonly client: Version3Client;
  private readonly limiter: Limiter;
  private readonly pacer: AdaptivePacer;
  private readonly retry: RetryOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private requests = 0;

  constructor(options: JiraConnectorOptions) {
    const host = options.baseUrl.replace(/\/+$/, '');
    // Credentials are config, not code: basic = email + API token; bearer = an OAuth 2.0 (3LO) access token.
    this.client =
      options.auth.kind === 'basic'
        ? new Version3Client({ host, authentication: { basic: { email: options.auth.email, apiToken: options.auth.apiToken } } })
        : new Version3Client({ host, authentication: { oauth2: { accessToken: options.auth.token } } });
    this.limiter = siteLimiter(host, options.maxConcurrency);
    this.pacer = options.pacer ?? sitePacer(host);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  requestCount(): number {
    return this.requests;
  }

  async call<S extends z.ZodType>(
    op: string,
    send: (client: Version3Client) => Promise<unknown>,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.infer<S> | null> {
    const mode = options.retry ?? 'all';
    let backoff = this.retry.baseDelayMs;
    for (let attempt = 1; ; attempt += 1) {
      const release = await this.limiter.acquire();
      let body: unknown;
      let failure: unknown = null;
      try {
        // Spaced at the learned rate once the site has pushed back; the slot is held while waiting for it.
        await this.pacer.take(this.sleep);
        this.requests += 1;
        body = await send(this.client);
      } catch (err) {
        failure = err;
      } finally {
        // The slot is freed before any wait, so one throttled request does not stall the others.
        release();
      }
      if (failure === null) {
        this.pacer.success();
        return this.check(op, schema, body);
      }

      const verdict = classify(failure, op, Date.now());
      if (verdict.kind === 'rate_limited' && verdict.status === 429) this.pacer.limited({ window: namesWindow(failure) });
      const last = attempt >= this.retry.maxAttempts;
      if (verdict.kind === 'not_found') {
        if (options.nullOn404) return null;
        throw new UnrecoverableError('not_found', `${op}: Jira answered 404`);
      }
      if (verdict.kind === 'fatal') throw verdict.error;
      if (verdict.kind === 'rate_limited') {
        const wait = verdict.retryAfterMs === null ? this.jittered(backoff) : this.atLeast(verdict.retryAfterMs);
        backoff = Math.min(this.retry.maxDelayMs, backoff * 2);
        // Only this request waits out its Retry-After; the others keep their pacer slots.
        // A long wait is the queue's business: it pauses the whole source instead of pinning this worker.
        if (wait > this.retry.maxDelayMs || last) throw new RateLimitedError(Math.ceil(wait));
        await this.sleep(wait);
        continue;
      }
      if (mode === 'rate_limits_only' || last) {
        throw new TransientError(`${verdict.message} (after ${attempt} attempt${attempt > 1 ? 's' : ''})`, verdict.status, { cause: failure });
      }
      await this.sleep(this.jittered(backoff));
      backoff = Math.min(this.retry.maxDelayMs, backoff * 2);
    }
  }

  /** Like `call` but the caller knows 404 cannot be "absent" (or has asked for null). */
  async must<S extends z.ZodType>(op: string, send: (client: Version3Client) => Promise<unknown>, schema: S, options: CallOptions = {}): Promise<z.infer<S>> {
    const out = await this.call(op, send, schema, { ...options, nullOn404: false });
    if (out === null) throw new UnrecoverableError('not_found', `${op}: Jira answered 404`);
    return out;
  }

  private check<S extends z.ZodType>(op: string, schema: S, body: unknown): z.infer<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    // Paths and expectations only: the values may be issue content.
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new UnrecoverableError('invalid_response', `${op}: Jira's response does not match the expected shape (${where})`);
  }

  /** Exponential backoff with ±30 % jitter, as in Atlassian's reference retry loop. */
  private jittered(ms: number): number {
    return Math.min(this.retry.maxDelayMs, ms) * (0.7 + 0.6 * this.random());
  }

  /**
   * Never earlier than the server asked (retrying sooner earns another 429); up to 50 ms later spreads the herd
   * without wasting much of the next window. Retry-After: 0 (seen on Data Center) gets a 100 ms floor.
   */
  private atLeast(ms: number): number {
    return Math.max(ms, 100) + 50 * this.random();
  }
}
