/** One HTTP POST with a timeout, classified into a DeliveryResult. Shared by the HTTP channels. */
import type { DeliveryResult } from './channel';

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface PostOutcome {
  result: DeliveryResult;
  /** The response body (short), for channels that answer 200 with an error inside (Slack Web API). */
  body: string;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  return Number.isFinite(secs) && secs >= 0 ? secs * 1000 : undefined;
}

/** 4xx other than 408/429 are final; 408, 429 and 5xx may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Posts `body`. The url may hold a secret (webhook urls do): it never appears in `detail`. */
export async function postBody(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: options.headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err) {
    // DOMException (the timeout) is not always `instanceof Error` across realms: read the fields by shape.
    const e = err as { name?: string; cause?: { code?: string; name?: string } };
    const name = e.name ?? 'Error';
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const cause = e.cause?.code ?? e.cause?.name ?? name;
    return {
      result: { ok: false, status: null, retryable: true, detail: timedOut ? `timed out after ${options.timeoutMs} ms` : `no answer (${cause})` },
      body: '',
    };
  }
  const text = (await res.text().catch(() => '')).slice(0, 500);
  const ok = res.status >= 200 && res.status < 300;
  const result: DeliveryResult = {
    ok,
    status: res.status,
    retryable: !ok && isRetryableStatus(res.status),
    detail: ok ? `accepted (${res.status})` : `HTTP ${res.status}: ${text.slice(0, 200).replace(/\s+/g, ' ')}`,
  };
  const wait = retryAfterMs(res.headers.get('retry-after'));
  if (wait !== undefined) result.retryAfterMs = wait;
  return { result, body: text };
}
