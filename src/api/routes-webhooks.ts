/**
 * Inbound tracker webhooks: `/webhooks/jira/:source` and `/webhooks/asana/:source`. The raw body is verified by
 * the source's connector (`parseWebhook`); a bad delivery answers 4xx and enqueues nothing; a good one only
 * enqueues a targeted pull (the pipeline re-fetches the items, it never trusts the payload).
 */
import express, { Router } from 'express';
import { WebhookRejectedError } from '../../connectors/errors';
import type { ApiContext } from './context';
import { ApiError } from './errors';
import { metrics } from '../metrics';
import { id } from './schemas';
import { parse } from './validate';
import { z } from 'zod';

const params = z.object({ tool: z.enum(['jira', 'asana']), source: id });

export function webhookRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.post('/:tool/:source', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const { tool, source } = parse(params, req.params, 'path');
    if (ctx.deps.catalog.sourceKind(source) !== tool) throw new ApiError(404, 'not_found', `no ${tool} source ${source} is configured`);
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let result;
    try {
      result = await ctx.deps.webhooks.parse(source, { headers: req.headers, rawBody });
      if (result.kind === 'handshake') await ctx.deps.webhooks.storeHandshake(source, result.secret);
    } catch (err) {
      if (err instanceof WebhookRejectedError) {
        metrics.webhooks.inc({ tool, outcome: 'rejected' });
        throw new ApiError(err.status, 'webhook_rejected', err.message);
      }
      throw err;
    }
    if (result.kind === 'handshake') {
      metrics.webhooks.inc({ tool, outcome: 'handshake' });
      res.set('X-Hook-Secret', result.secret).status(200).end();
      return;
    }
    if (result.kind === 'ignored') {
      metrics.webhooks.inc({ tool, outcome: 'ignored' });
      res.status(200).json({ ok: true, ignored: result.reason });
      return;
    }
    await ctx.deps.webhooks.enqueue(source, result.keys, result.deletedKeys, Date.now());
    metrics.webhooks.inc({ tool, outcome: 'enqueued' });
    res.status(202).json({ ok: true, keys: result.keys.length, deleted: result.deletedKeys.length });
  });
  return r;
}
