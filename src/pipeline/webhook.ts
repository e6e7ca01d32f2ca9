/**
 * Inbound tracker webhooks, for the API to mount: verify and parse with the source's connector, then only
 * enqueue a targeted pull (the worker re-fetches; the payload's copy is never trusted).
 */
import type { WebhookDelivery } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import type { Queues } from './queues';
import type { PipelineDeps } from './types';

export type WebhookOutcome =
  | { status: 200; kind: 'changed'; jobId: string | undefined; keys: number }
  | { status: 200; kind: 'handshake'; secret: string }
  | { status: 200; kind: 'ignored'; reason: string }
  | { status: 400 | 401 | 403 | 404 | 413 | 415; kind: 'rejected'; message: string };

export async function handleWebhook(
  deps: Pick<PipelineDeps, 'connectors' | 'clock'>,
  queues: Queues,
  source: string,
  delivery: WebhookDelivery,
  secret: string | null,
): Promise<WebhookOutcome> {
  const connector = deps.connectors.get(source);
  if (!connector) return { status: 404, kind: 'rejected', message: `no source ${source}` };
  let parsed;
  try {
    parsed = connector.parseWebhook(delivery, secret);
  } catch (err) {
    if (err instanceof WebhookRejectedError) return { status: err.status, kind: 'rejected', message: err.message };
    throw err;
  }
  if (parsed.kind !== 'changed') return { status: 200, ...parsed };
  const receivedAt = deps.clock().getTime();
  const jobId = await queues.enqueue('pull.source', {
    source,
    mode: 'keys',
    keys: parsed.keys.slice(0, 1000),
    deletedKeys: parsed.deletedKeys.slice(0, 1000),
    receivedAt,
  });
  return { status: 200, kind: 'changed', jobId, keys: parsed.keys.length + parsed.deletedKeys.length };
}
