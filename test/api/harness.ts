/**
 * A real PMO API over real Redis: a private namespace (store, API keys, BullMQ queues all under `{vtapi<rand>}`),
 * two seeded programs, real Jira and Asana connectors for webhook verification, and one key per role.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createAsanaConnector } from '../../connectors/asana';
import type { TrackerConnector } from '../../connectors/contract';
import { createJiraConnector } from '../../connectors/jira';
import { ApiKeyStore, type Role } from '../../src/api/api-keys';
import type { ApiDeps } from '../../src/api/context';
import { startApiServer } from '../../src/api';
import { BullQueueProbe, ConnectorWebhookIntake, QueueSyncTrigger } from '../../src/api/pipeline-adapters';
import { RedisPortfolioStore } from '../../src/api/redis-adapter';
import { fixedClock } from '../../src/clock';
import { Queues } from '../../src/pipeline/queues';
import { redisConnection } from '../../src/pipeline/redis';
import { deleteByPattern, storePrefix, type Store } from '../../src/store';
import { NOW, seedTwoPrograms } from './fixtures';

export const JIRA_SECRET = 'jira-webhook-secret-0123456789';
export const LINK_SECRET = 'action-link-secret-0123456789abcdef';

export interface Harness {
  url: string;
  apiPrefix: string;
  redis: Redis;
  store: Store;
  queues: Queues;
  deps: ApiDeps;
  clock: ReturnType<typeof fixedClock>;
  keys: Record<'viewer' | 'viewerPacs' | 'pmoEhr' | 'pmo' | 'admin', string>;
  newKey(role: Role, programs: string[] | '*'): Promise<string>;
  close(): Promise<void>;
}

function connectors(): Map<string, TrackerConnector> {
  return new Map<string, TrackerConnector>([
    ['jira-main', createJiraConnector({ instance: 'jira-main', baseUrl: 'http://127.0.0.1:9', auth: { kind: 'bearer', token: 't' }, jql: 'project = EHR', lookbackMinutes: 5, pageSize: 50, maxConcurrency: 1, fixVersionsAsMilestones: false, customFields: {} })],
    ['asana-main', createAsanaConnector({ instance: 'asana-main', baseUrl: 'http://127.0.0.1:9', token: 't', workspace: '1', projects: ['2'], includeSubtasks: false, statusUpdates: false, maxConcurrency: 1 })],
  ]);
}

export async function startHarness(opts: { rateLimit?: { windowMs: number; limit: number } } = {}): Promise<Harness> {
  const ns = `vtapi${randomBytes(4).toString('hex')}`;
  const redis = redisConnection('redis://127.0.0.1:6379');
  const seeded = await seedTwoPrograms(redis, storePrefix(ns));
  const apiPrefix = `{${ns}}:api:`;
  const queues = new Queues(redis, ns, ['jira-main', 'asana-main', 'ehr-golive-main', 'ehr-golive-asana-main', 'pacs-upgrade-main']);
  const clock = fixedClock(NOW);
  const keys = new ApiKeyStore(redis, apiPrefix, 0);
  const deps: ApiDeps = {
    store: new RedisPortfolioStore(redis, seeded.store, seeded.catalog, apiPrefix),
    catalog: seeded.catalog,
    keys,
    clock,
    sync: new QueueSyncTrigger(queues, seeded.catalog, () => clock().getTime()),
    webhooks: new ConnectorWebhookIntake(connectors(), { configured: (s) => (s === 'jira-main' ? JIRA_SECRET : null) }, redis, apiPrefix, queues),
    queues: new BullQueueProbe(queues),
    redisPing: async () => (await redis.ping()) === 'PONG',
    actionLinkSecret: LINK_SECRET,
    publicUrl: 'http://vitals.test',
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
  };
  const server = await startApiServer(deps, 0);
  const newKey = async (role: Role, programs: string[] | '*') => (await keys.create({ role, programs, label: `${role}-test`, now: clock() })).key;
  return {
    url: server.url,
    apiPrefix,
    redis,
    store: seeded.store,
    queues,
    deps,
    clock,
    keys: {
      viewer: await newKey('viewer', '*'),
      viewerPacs: await newKey('viewer', ['pacs-upgrade']),
      pmoEhr: await newKey('pmo', ['ehr-golive']),
      pmo: await newKey('pmo', '*'),
      admin: await newKey('admin', '*'),
    },
    newKey,
    close: async () => {
      await server.close();
      await queues.close();
      await deleteByPattern(redis, `{${ns}}*`);
      await redis.quit();
    },
  };
}

export async function call(h: Harness, method: string, path: string, key: string | null, body?: unknown): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}
