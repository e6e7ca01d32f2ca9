/** `/healthz` (the process answers), `/readyz` (Redis and the queues answer) and `/metrics` (Prometheus text). */
import { Router } from 'express';
import type { ApiContext } from './context';
import { registry, setStateSource } from '../metrics';

async function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([p.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps, service } = ctx;

  setStateSource(async () => {
    const [jobs, rows] = await Promise.all([deps.queues.counts(), service.rowsFor(service.programs(() => true))]);
    return { jobs, programs: rows.map((r) => ({ program: r.value.id, items: r.value.items, risks: r.value.risks })) };
  });

  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  r.get('/readyz', async (_req, res) => {
    const [redis, queues] = await Promise.all([within(deps.redisPing(), 1000, false), within(deps.queues.ping(), 1000, false)]);
    res.status(redis && queues ? 200 : 503).json({ ok: redis && queues, checks: { redis, queues } });
  });

  r.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  return r;
}
