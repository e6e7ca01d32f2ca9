/**
 * The one place that talks HTTP: the real `asana` v3 client (own ApiClient, never the singleton), wrapped with
 * a concurrency limiter, our own retry (v3 has none) and the mapping of failures onto the typed errors.
 */
import { ApiClient } from 'asana';
import type { z } from 'zod';
import { RateLimitedError, TransientError, UnrecoverableError } from '../errors';
import { AdaptivePacer } from '../http-kit/pacer';
import { Limiter } from './limiter';
import { DEFAULT_RETRY, type AsanaConnectorOptions, type AsanaRetryOptions } from './options';

/** What superagent rejects with: `status` and `response` are absent on network errors and timeouts. */
interface SdkError {
  status?: number;
  code?: string;
  response?: { headers?: Record<string, string | undefined>; body?: unknown };
}

/** A 412 from /events: the token is missing, unknown or too old; carries the fresh token. */
export class SyncTokenExpired extends Error {
  constructor(readonly freshSync: string) {
    super('sync token invalid or too old');
  }
}

export interface CallSpec<S extends z.ZodType> {
  /** For messages only: ids, never titles. */
  what: string;
  write?: boolean;
  schema: S;
  /** A 404 here means this (configured) thing is missing. */
  notFound?: string;
  call: () => Promise<unknown>;
}

export class AsanaGateway {
  readonly client: ApiClient;
  private readonly reads: Limiter;
  private readonly writes: Limiter;
  /** One per connector (= per token): Asana's per-minute quota covers reads and writes alike. */
  private readonly pacer: AdaptivePacer;
  private readonly retry: AsanaRetryOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private requests = 0;

  constructor(options: AsanaConnectorOptions) {
    this.client = new ApiClient();
    this.client.basePath = options.baseUrl.replace(/\/+$/, '');
    this.client.authentications['token'] = { type: 'personalAccessToken', accessToken: options.token };
    // Raw bodies ({data, next_page, sync}) instead of Collections, whose paging hides next_page and mutates opts.
    this.client.RETURN_COLLECTION = false;
    this.client.timeout = 30_000;
    const cap = Math.max(1, options.maxConcurrency);
    this.reads = new Limiter(Math.min(cap, 50));
    this.writes = new Limiter(Math.min(cap, 15));
    this.pacer = options.pacer ?? new AdaptivePacer();
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  requestCount(): number {
    return this.requests;
  }

  /** One logical call: limited, retried on 429/5xx/network, validated, errors typed. */
  async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.infer<S>> {
    const limiter = spec.write ? this.writes : this.reads;
    for (let attempt = 1; ; attempt++) {
      let body: unknown;
      try {
        body = await limiter.run(async () => {
          // Spaced at the learned rate once Asana has pushed back; the in-flight slot is held while waiting.
          await this.pacer.take(this.sleep);
          this.requests += 1;
          return spec.call();
        });
        this.pacer.success();
      } catch (err) {
        // Asana's 429 carries Retry-After only, so one bare 429 is not taken as the window: a streak is (pacer.ts).
        if ((err as SdkError).status === 429) this.pacer.limited({ window: false });
        // Only this request waits out its Retry-After; the others keep their pacer slots.
        const waitMs = this.failure(err as SdkError, spec, attempt);
        await this.sleep(waitMs);
        continue;
      }
      const parsed = spec.schema.safeParse(body);
      if (!parsed.success) {
        throw new UnrecoverableError('invalid_response', `Asana ${spec.what}: unexpected response shape (${parsed.error.issues[0]?.path.join('.') ?? '?'})`);
      }
      return parsed.data;
    }
  }

  /** Throws the typed error, or returns how long to wait before the next attempt. */
  private failure(err: SdkError, spec: CallSpec<z.ZodType>, attempt: number): number {
    const status = typeof err.status === 'number' ? err.status : null;
    const last = attempt >= this.retry.maxAttempts;
    if (status === 412) {
      const body = err.response?.body as { sync?: unknown } | undefined;
      if (typeof body?.sync === 'string') throw new SyncTokenExpired(body.sync);
      throw new UnrecoverableError('invalid_response', `Asana ${spec.what}: 412 without a fresh sync token`);
    }
    if (status === 429) {
      const header = Number(err.response?.headers?.['retry-after']);
      const retryAfterMs = Number.isFinite(header) && header >= 0 ? header * 1000 : this.retry.baseDelayMs;
      if (retryAfterMs > this.retry.maxDelayMs || last) throw new RateLimitedError(Math.max(retryAfterMs, 1000));
      // A little jitter so parallel requests told the same Retry-After do not return in lockstep.
      return retryAfterMs + Math.floor(this.random() * 100);
    }
    if (status === null || status >= 500) {
      if (last) {
        throw new TransientError(`Asana ${spec.what}: ${status ?? err.code ?? 'network error'} after ${attempt} attempts`, status, { cause: err });
      }
      const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      return Math.floor(cap / 2 + this.random() * (cap / 2));
    }
    if (status === 401) throw new UnrecoverableError('bad_credentials', `Asana ${spec.what}: the token was rejected (401)`);
    if (status === 403) throw new UnrecoverableError('forbidden', `Asana ${spec.what}: the token may not read this (403)`);
    if (status === 404) {
      throw new UnrecoverableError('not_found', spec.notFound ? `Asana: ${spec.notFound} was not found (404)` : `Asana ${spec.what}: not found (404)`);
    }
    throw new UnrecoverableError('bad_query', `Asana ${spec.what}: rejected with ${status}`);
  }
}
