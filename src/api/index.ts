/**
 * The PMO API's public surface. `apiDepsFromRuntime` wires the ports over a running pipeline runtime;
 * `startApiServer` listens and returns the dashboard's address (what `vitals start` and the demo print).
 */
import type { Server } from 'node:http';
import type { Runtime } from '../pipeline/runtime';
import { ApiKeyStore, type Role } from './api-keys';
import type { ApiDeps } from './context';
import { BullQueueProbe, catalogFromSettings, ConnectorWebhookIntake, QueueSyncTrigger } from './pipeline-adapters';
import { RedisPortfolioStore } from './redis-adapter';
import { createApiServer, listen } from './server';

export { ApiKeyStore, ROLES, canSeeProgram, roleAtLeast, type Principal, type Role } from './api-keys';
export type { ApiDeps } from './context';
export { metrics, registry, setStateSource } from '../metrics';
export { openApiDocument } from './openapi';
export type * from './ports';
export { catalogFromSettings } from './pipeline-adapters';
export { RedisPortfolioStore } from './redis-adapter';
export { createApiServer, listen } from './server';

/** `{<namespace>}:api:`: API keys, RAG overrides and webhook handshake secrets live here. */
export function apiPrefix(namespace: string): string {
  return `{${namespace}}:api:`;
}

export interface ApiFromRuntimeOptions {
  /** `channels.actionLinks.secret` of the config; null disables signed links. */
  actionLinkSecret?: string | null;
  /** Configured webhook secrets per source id (`sources[].webhookSecret`). */
  webhookSecrets?: Record<string, string | undefined>;
  rateLimit?: { windowMs: number; limit: number };
}

export function apiDepsFromRuntime(rt: Runtime, options: ApiFromRuntimeOptions = {}): ApiDeps {
  const prefix = apiPrefix(rt.namespace);
  const catalog = catalogFromSettings(rt.deps.settings);
  const secrets = options.webhookSecrets ?? {};
  return {
    store: new RedisPortfolioStore(rt.redis, rt.deps.store, catalog, prefix),
    catalog,
    keys: new ApiKeyStore(rt.redis, prefix),
    clock: rt.deps.clock,
    sync: new QueueSyncTrigger(rt.queues, catalog, () => rt.deps.clock().getTime()),
    webhooks: new ConnectorWebhookIntake(rt.deps.connectors, { configured: (s) => secrets[s] ?? null }, rt.redis, prefix, rt.queues),
    queues: new BullQueueProbe(rt.queues),
    redisPing: async () => (await rt.redis.ping()) === 'PONG',
    actionLinkSecret: options.actionLinkSecret ?? null,
    publicUrl: rt.deps.settings.publicUrl,
    log: rt.deps.logger,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  };
}

/** Starts the API and dashboard on `port` (0: ephemeral). */
export async function startApiServer(deps: ApiDeps, port: number, host = '127.0.0.1'): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const { server, url } = await listen(createApiServer(deps), port, host);
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For the demo and `vitals start`: serves the API and dashboard over a runtime and, when asked, creates a
 * viewer-or-higher key so the printed address can be opened at once. The key is returned, never logged.
 */
export async function startDashboard(
  rt: Runtime,
  options: ApiFromRuntimeOptions & { port: number; host?: string; createKey?: { role: Role; label: string } },
): Promise<{ url: string; key: string | null; close(): Promise<void> }> {
  const deps = apiDepsFromRuntime(rt, options);
  const started = await startApiServer(deps, options.port, options.host);
  const key = options.createKey ? (await deps.keys.create({ role: options.createKey.role, programs: '*', label: options.createKey.label, now: deps.clock() })).key : null;
  return { url: started.url, key, close: started.close };
}
