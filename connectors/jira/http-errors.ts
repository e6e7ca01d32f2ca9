/**
 * Turns what jira.js 5.4 throws into a verdict: retry after a wait, back off, or stop with a typed error.
 * jira.js wraps HTTP failures in `HttpException` (Jira's body in `response.data`, headers only on `cause`,
 * the AxiosError) and rethrows network failures as the raw AxiosError; we duck-type both.
 */
import { UnrecoverableError } from '../errors';

export type Verdict =
  | { kind: 'rate_limited'; status: number; retryAfterMs: number | null }
  | { kind: 'transient'; status: number | null; message: string }
  | { kind: 'fatal'; error: UnrecoverableError }
  | { kind: 'not_found'; status: 404 };

interface HttpShape {
  status?: unknown;
  response?: { data?: unknown; status?: unknown };
  cause?: { response?: { headers?: Record<string, unknown> } };
  code?: unknown;
  isAxiosError?: unknown;
}

function shape(err: unknown): HttpShape {
  return typeof err === 'object' && err !== null ? (err as HttpShape) : {};
}

export function statusOf(err: unknown): number | null {
  const s = shape(err);
  if (typeof s.status === 'number') return s.status;
  if (typeof s.response?.status === 'number') return s.response.status;
  return null;
}

/** Jira's `errorMessages` plus `errors` values; these are about the request (JQL, fields), never item content. */
export function jiraMessages(err: unknown): string[] {
  const data = shape(err).response?.data;
  if (typeof data !== 'object' || data === null) return [];
  const out: string[] = [];
  const { errorMessages, errors } = data as { errorMessages?: unknown; errors?: unknown };
  if (Array.isArray(errorMessages)) out.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    out.push(...Object.values(errors).filter((m): m is string => typeof m === 'string'));
  }
  return out;
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(err: unknown, nowMs: number): number | null {
  const headers = shape(err).cause?.response?.headers;
  const raw = headers?.['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(String(raw));
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/**
 * Whether a 429 names its rate-limit window: Jira sends `X-RateLimit-Reset` (and `X-RateLimit-Remaining`) with a
 * burst-limit 429. A bare 429 (Retry-After only) may be another limiter, so the pacer does not take it as one.
 */
export function namesWindow(err: unknown): boolean {
  const headers = shape(err).cause?.response?.headers;
  if (!headers) return false;
  return headers['x-ratelimit-reset'] !== undefined || String(headers['x-ratelimit-remaining'] ?? '') === '0';
}

const PROJECT_GONE = /does not exist for the field 'project'|project .* (does not exist|was not found)/i;

export function classify(err: unknown, op: string, nowMs: number): Verdict {
  const status = statusOf(err);
  if (status === null) {
    // No HTTP response at all: connection refused/reset, timeout, DNS. Worth another try.
    const code = typeof shape(err).code === 'string' ? String(shape(err).code) : 'network error';
    return { kind: 'transient', status: null, message: `${op}: ${code}` };
  }
  const wait = retryAfterMs(err, nowMs);
  // 503 with Retry-After is Jira's resource limit, handled like a 429; a bare 503 is an ordinary outage.
  if (status === 429 || (status === 503 && wait !== null)) return { kind: 'rate_limited', status, retryAfterMs: wait };
  if (status >= 500 || status === 408 || status === 409 || status === 425) {
    return { kind: 'transient', status, message: `${op}: Jira answered ${status}` };
  }
  const messages = jiraMessages(err).join(' ').slice(0, 500);
  const detail = messages ? `: ${messages}` : '';
  if (status === 401) {
    return { kind: 'fatal', error: new UnrecoverableError('bad_credentials', `${op}: Jira rejected the credentials (401); check the email and API token`) };
  }
  if (status === 403) return { kind: 'fatal', error: new UnrecoverableError('forbidden', `${op}: the Jira user lacks permission (403)${detail}`) };
  if (status === 404) return { kind: 'not_found', status };
  if (status === 400 && PROJECT_GONE.test(messages)) {
    return { kind: 'fatal', error: new UnrecoverableError('not_found', `${op}: the configured project no longer exists or is not visible${detail}`) };
  }
  if (status === 400) return { kind: 'fatal', error: new UnrecoverableError('bad_query', `${op}: Jira rejected the request (400)${detail}`) };
  if (status === 410) return { kind: 'fatal', error: new UnrecoverableError('bad_config', `${op}: Jira removed this API (410)${detail}`) };
  return { kind: 'fatal', error: new UnrecoverableError('bad_config', `${op}: Jira answered ${status}${detail}`) };
}
