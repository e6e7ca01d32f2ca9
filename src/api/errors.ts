/**
 * JSON errors: every failure answers `{ error: { code, message, details } }` with a 4xx/5xx status. Messages
 * name what was wrong and how to fix it; they never echo secrets or payloads.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'webhook_rejected'
  | 'payload_too_large'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} was not found (or this API key may not see it)`);
}

/** Turns zod issues into `details`: one `{ path, message }` per problem. */
export function validationError(where: string, error: z.ZodError): ApiError {
  const details = error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  const first = details[0];
  return new ApiError(400, 'validation_failed', `invalid ${where}: ${first ? `${first.path}: ${first.message}` : 'see details'}`, details);
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown };
}

export function errorBody(code: ErrorCode, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

/** Unknown routes under /api answer JSON too. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `no route ${req.method} ${req.path}`));
};

/** The last middleware: ApiError as is, body-parser errors as 400/413, anything else a 500 without internals. */
export function errorHandler(onUnexpected: (err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError) {
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
    const type = typeof err === 'object' && err !== null && 'type' in err ? String((err as { type: unknown }).type) : '';
    if (status === 413) {
      res.status(413).json(errorBody('payload_too_large', 'the request body is too large'));
      return;
    }
    if (status === 400 && type === 'entity.parse.failed') {
      res.status(400).json(errorBody('bad_request', 'the request body is not valid JSON'));
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json(errorBody('bad_request', 'the request could not be read'));
      return;
    }
    onUnexpected(err);
    res.status(500).json(errorBody('internal', 'internal error; the server log has the details under this time'));
  };
}
