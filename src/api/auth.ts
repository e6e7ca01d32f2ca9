/**
 * Authentication and authorisation. A key comes in `Authorization: Bearer <key>`, `X-API-Key`, or (the dashboard)
 * the `vitals_key` cookie set by the login form. Cookie-authenticated writes must carry `X-Vitals-Request: 1`:
 * a cross-site form cannot set that header, and without CORS a cross-site script may not send it.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from './errors';
import { canSeeProgram, roleAtLeast, type ApiKeyStore, type Principal, type Role } from './api-keys';

export const COOKIE = 'vitals_key';

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function presentedKey(req: Request): { key: string; via: 'header' | 'cookie' } | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { key: auth.slice(7).trim(), via: 'header' };
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x) return { key: x.trim(), via: 'header' };
  const c = readCookie(req, COOKIE);
  return c ? { key: c, via: 'cookie' } : null;
}

export function principalOf(res: Response): Principal {
  const p = (res.locals as { principal?: Principal }).principal;
  if (!p) throw new ApiError(401, 'unauthenticated', 'an API key is required');
  return p;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the caller; answers 401 when there is no valid key. */
export function authenticate(keys: ApiKeyStore, nowMs: () => number): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const presented = presentedKey(req);
    if (!presented) throw new ApiError(401, 'unauthenticated', 'send an API key in "Authorization: Bearer <key>" or "X-API-Key"');
    const principal = await keys.verify(presented.key, nowMs());
    if (!principal) throw new ApiError(401, 'unauthenticated', 'the API key is unknown, revoked or malformed');
    if (presented.via === 'cookie' && !SAFE.has(req.method) && req.headers['x-vitals-request'] !== '1') {
      throw new ApiError(403, 'forbidden', 'a dashboard write must carry the X-Vitals-Request: 1 header');
    }
    (res.locals as { principal?: Principal }).principal = principal;
    next();
  };
}

export function requireRole(role: Role): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (!roleAtLeast(p.role, role)) throw new ApiError(403, 'forbidden', `this action needs the ${role} role; the key has ${p.role}`);
    next();
  };
}

/** Out-of-scope programs answer 404, like unknown ones, so a key cannot probe which programs exist. */
export function assertProgramVisible(p: Principal, program: string, exists: boolean): void {
  if (!exists || !canSeeProgram(p, program)) throw new ApiError(404, 'not_found', `program ${program} was not found (or this API key may not see it)`);
}
