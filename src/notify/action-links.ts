/**
 * Signed, expiring acknowledge / snooze links carried by every alert. The API honours them (`verifyActionLink`)
 * without a login: the HMAC-SHA256 over the canonical fields is the authority, the expiry bounds a leaked link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ActionKind = 'ack' | 'snooze';

export interface ActionLinkClaims {
  action: ActionKind;
  programId: string;
  /** The escalation or risk fingerprint the action applies to. */
  fingerprint: string;
  /** The ladder level (or risk level) the alert was sent for. */
  level: string;
  /** When the link stops working. */
  expires: Date;
}

export type ActionLinkVerdict =
  | { ok: true; claims: ActionLinkClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'expired' };

/** Query parameter names; short so links stay readable in mail clients. */
const P = { action: 'a', program: 'p', fingerprint: 'f', level: 'l', expires: 'e', signature: 's' } as const;

function canonical(c: { action: string; programId: string; fingerprint: string; level: string; expiresSec: number }): string {
  // Newline-separated with a version tag: no field can contain a newline (ids), so fields cannot be shifted.
  return ['v1', c.action, c.programId, c.fingerprint, c.level, String(c.expiresSec)].join('\n');
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

function assertField(name: string, value: string): void {
  if (value.length === 0 || /[\r\n]/.test(value)) throw new TypeError(`action link ${name} must be a non-empty single line`);
}

/** A URL on `baseUrl` (e.g. `https://vitals.example.org/api/actions`) that performs `claims.action` until it expires. */
export function signActionLink(claims: ActionLinkClaims, secret: string, baseUrl: string): string {
  if (secret.length === 0) throw new TypeError('action link secret is empty');
  assertField('programId', claims.programId);
  assertField('fingerprint', claims.fingerprint);
  assertField('level', claims.level);
  const expiresSec = Math.floor(claims.expires.getTime() / 1000);
  if (!Number.isFinite(expiresSec)) throw new TypeError('action link expiry is not a valid date');
  const fields = { action: claims.action, programId: claims.programId, fingerprint: claims.fingerprint, level: claims.level, expiresSec };
  const url = new URL(baseUrl);
  url.searchParams.set(P.action, claims.action);
  url.searchParams.set(P.program, claims.programId);
  url.searchParams.set(P.fingerprint, claims.fingerprint);
  url.searchParams.set(P.level, claims.level);
  url.searchParams.set(P.expires, String(expiresSec));
  url.searchParams.set(P.signature, sign(secret, canonical(fields)));
  return url.toString();
}

type Query = URLSearchParams | Record<string, string | string[] | undefined>;

function param(query: Query, name: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  const v = query[name];
  return Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
}

/** Checks an incoming link's query (express `req.query` or `URLSearchParams`) at `now`. Constant-time comparison. */
export function verifyActionLink(query: Query, secret: string, now: Date): ActionLinkVerdict {
  const action = param(query, P.action);
  const programId = param(query, P.program);
  const fingerprint = param(query, P.fingerprint);
  const level = param(query, P.level);
  const expires = param(query, P.expires);
  const signature = param(query, P.signature);
  if (!action || !programId || !fingerprint || !level || !expires || !signature) return { ok: false, reason: 'missing' };
  if ((action !== 'ack' && action !== 'snooze') || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresSec = Number(expires);
  const expected = Buffer.from(sign(secret, canonical({ action, programId, fingerprint, level, expiresSec })), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature so an attacker learns nothing about expiry from forged links.
  if (now.getTime() >= expiresSec * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { action, programId, fingerprint, level, expires: new Date(expiresSec * 1000) } };
}
