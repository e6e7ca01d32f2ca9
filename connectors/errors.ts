/**
 * Errors that steer the queue. Each has a stable `code`; the pipeline reads the class, never the message.
 * - RateLimitedError: pause this source's queue for `retryAfterMs`, then retry.
 * - TransientError: retry with backoff.
 * - UnrecoverableError: stop retrying, mark the source failed, say why.
 * - WebhookRejectedError: answer the HTTP delivery with `status` and enqueue nothing.
 */
export abstract class ConnectorError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class RateLimitedError extends ConnectorError {
  readonly code = 'vitals:rateLimited';
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited by the vendor; retry after ${Math.ceil(retryAfterMs / 1000)} s`,
  ) {
    super(message);
  }
}

export class TransientError extends ConnectorError {
  readonly code = 'vitals:transient';
  constructor(message: string, readonly status: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type UnrecoverableReason =
  | 'bad_credentials'
  | 'forbidden'
  | 'not_found'
  | 'bad_query'
  | 'invalid_response'
  | 'bad_config';

export class UnrecoverableError extends ConnectorError {
  readonly code = 'vitals:unrecoverable';
  constructor(readonly reason: UnrecoverableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class WebhookRejectedError extends ConnectorError {
  readonly code = 'vitals:webhookRejected';
  constructor(readonly status: 400 | 401 | 403 | 413 | 415, message: string) {
    super(message);
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}
