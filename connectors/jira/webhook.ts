/**
 * Jira webhook deliveries: verify `X-Hub-Signature: sha256=<hex>` (HMAC-SHA256 of the raw body, constant-time
 * compare), then read only which issue it is about. The payload's copy of the issue is never trusted: deliveries
 * are duplicated, late and out of order, so a delivery is a hint to re-fetch.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { WebhookDelivery, WebhookParse } from '../contract';
import { WebhookRejectedError } from '../errors';

const PayloadSchema = z
  .object({
    webhookEvent: z.string(),
    issue: z.object({ id: z.string().optional(), key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/) }).loose().optional(),
  })
  .loose();

const CHANGED = new Set(['jira:issue_created', 'jira:issue_updated']);
const DELETED = 'jira:issue_deleted';

function header(delivery: WebhookDelivery, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(delivery.headers)) {
    if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

export function signBody(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function verifySignature(delivery: WebhookDelivery, secret: string | null): void {
  if (!secret) throw new WebhookRejectedError(401, 'no webhook secret is configured for this Jira source; unsigned deliveries are refused');
  const given = header(delivery, 'x-hub-signature');
  if (!given) throw new WebhookRejectedError(401, 'missing X-Hub-Signature header');
  const expected = Buffer.from(signBody(delivery.rawBody, secret));
  const actual = Buffer.from(given.trim());
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new WebhookRejectedError(401, 'X-Hub-Signature does not match the body');
  }
}

export function parseJiraWebhook(delivery: WebhookDelivery, secret: string | null): WebhookParse {
  verifySignature(delivery, secret);
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejectedError(400, 'webhook body is not valid JSON');
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) throw new WebhookRejectedError(400, 'webhook body is not a Jira event (webhookEvent/issue.key)');
  const { webhookEvent, issue } = parsed.data;
  const isChange = CHANGED.has(webhookEvent);
  if (!isChange && webhookEvent !== DELETED) return { kind: 'ignored', reason: `event ${webhookEvent} does not change tracked fields` };
  if (!issue) throw new WebhookRejectedError(400, `${webhookEvent} delivery carries no issue key`);
  return isChange ? { kind: 'changed', keys: [issue.key], deletedKeys: [] } : { kind: 'changed', keys: [], deletedKeys: [issue.key] };
}
