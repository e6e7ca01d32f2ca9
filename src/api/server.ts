/**
 * `createApiServer(deps)`: the express app of the PMO API, the dashboard, inbound webhooks, health and metrics.
 * Nothing is loaded from a CDN: the CSP allows only this origin.
 */
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { dashboardRoutes } from '../web/routes';
import { authenticate, principalOf } from './auth';
import type { ApiContext, ApiDeps } from './context';
import { errorBody, errorHandler, notFoundHandler } from './errors';
import { metrics } from '../metrics';
import { openApiDocument } from './openapi';
import { PortfolioService } from './portfolio-service';
import { actionRoutes } from './routes-actions';
import { healthRoutes } from './routes-health';
import { readRoutes } from './routes-read';
import { webhookRoutes } from './routes-webhooks';
import { writeRoutes } from './routes-write';

export type { ApiDeps } from './context';

export function createApiServer(deps: ApiDeps): Express {
  const app = express();
  const ctx: ApiContext = { deps, service: new PortfolioService(deps.store, deps.catalog, deps.clock) };
  const onUnexpected = (err: unknown) => deps.log?.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'api error');

  app.disable('x-powered-by');
  // Bodies are rendered per snapshot version; hashing 100 KB per response for an ETag costs more than it saves.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'other');
      metrics.httpDuration.observe({ route: `${req.baseUrl}${typeof route === 'string' ? route : ''}`, method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` }, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  });

  app.use(healthRoutes(ctx));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.publicUrl));
  });
  app.use('/webhooks', webhookRoutes(ctx));
  app.use('/api', express.urlencoded({ extended: false, limit: '10kb' }), actionRoutes(ctx));

  const limiter = rateLimit({
    windowMs: deps.rateLimit?.windowMs ?? 60_000,
    limit: deps.rateLimit?.limit ?? 600,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    validate: false,
    keyGenerator: (_req, res) => principalOf(res).keyId,
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'too many requests for this API key; wait for the RateLimit-Reset seconds and retry'));
    },
  });
  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(authenticate(deps.keys, () => deps.clock().getTime()));
  api.use(limiter);
  api.use(readRoutes(ctx));
  api.use(writeRoutes(ctx));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (deps.dashboard !== false) app.use(dashboardRoutes(ctx, limiter));
  app.use(notFoundHandler);
  app.use(errorHandler(onUnexpected));
  return app;
}

/** Listens on `port` (0: ephemeral) on `host`; resolves with the server and its base URL. */
export function listen(app: Express, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (err) return reject(err);
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolve({ server, url: `http://${host}:${p}` });
    });
    server.keepAliveTimeout = 65_000;
  });
}
