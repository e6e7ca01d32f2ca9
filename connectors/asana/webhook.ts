/**
 * Asana webhooks: the X-Hook-Secret handshake, then X-Hook-Signature = hex HMAC-SHA256 of the raw body.
 * Deliveries are hints (compact events); the pipeline re-fetches the named tasks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery, WebhookParse } from '../contract';
import { WebhookRejectedError } from '../errors';
import { deliverySchema } from './schemas';

const ASANA_GID = /^\d{1,40}$/;

function header(delivery: WebhookDelivery, name: string): string | null {
  const entry = Object.entries(delivery.headers).find(([k]) => k.toLowerCase() === name);
  const value = entry?.[1];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

export function signBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function parseAsanaWebhook(delivery: WebhookDelivery, secret: string | null): WebhookParse {
  const handshake = header(delivery, 'x-hook-secret');
  if (handshake) return { kind: 'handshake', secret: handshake };
  const signature = header(delivery, 'x-hook-signature');
  if (!signature) throw new WebhookRejectedError(401, 'Asana webhook: missing X-Hook-Signature');
  if (!secret) throw new WebhookRejectedError(401, 'Asana webhook: no secret stored for this hook (handshake missing)');
  const expected = Buffer.from(signBody(delivery.rawBody, secret), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on a length mismatch, so compare lengths first.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookRejectedError(401, 'Asana webhook: bad signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejectedError(400, 'Asana webhook: body is not JSON');
  }
  const parsed = deliverySchema.safeParse(json);
  if (!parsed.success) throw new WebhookRejectedError(400, 'Asana webhook: body is not {events:[...]}');
  if (parsed.data.events.length === 0) return { kind: 'ignored', reason: 'heartbeat' };
  const keys = new Set<string>();
  const deleted = new Set<string>();
  for (const e of parsed.data.events) {
    if (e.resource?.resource_type === 'task') {
      if (e.action === 'deleted') deleted.add(e.resource.gid);
      else keys.add(e.resource.gid);
    } else if (e.resource?.resource_type === 'story' && e.parent?.resource_type === 'task') {
      keys.add(e.parent.gid);
    }
  }
  // A gid becomes a key we fetch and store: only Asana's numeric ids may pass.
  if ([...keys, ...deleted].some((gid) => !ASANA_GID.test(gid))) {
    throw new WebhookRejectedError(400, 'Asana webhook: a task gid is not an Asana id (digits only)');
  }
  for (const k of deleted) keys.delete(k);
  if (keys.size === 0 && deleted.size === 0) return { kind: 'ignored', reason: 'no task events' };
  return { kind: 'changed', keys: [...keys].sort(), deletedKeys: [...deleted].sort() };
}
