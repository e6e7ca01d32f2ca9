/**
 * `startAsanaSandbox()`: an HTTP server speaking the Asana subset Vitals uses, with bearer auth, the shared
 * fault knobs, events with sync tokens and webhooks with the X-Hook-Secret handshake and signed deliveries.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { FaultInjector } from '../../sandbox-kit/faults';
import { webhookEventJson } from './render';
import { apiRoutes, fail } from './routes';
import { SandboxState, type TaskFields, type TaskRecord } from './state';

export interface AsanaSandboxOptions {
  port?: number;
  clock?: () => Date;
  seed?: number;
  token?: string;
}

export interface SandboxWebhook {
  gid: string;
  resource: string;
  target: string;
  secret: string;
  /** Event seq already delivered. */
  delivered: number;
}

export interface AsanaSandbox {
  url: string;
  token: string;
  state: SandboxState;
  faults: FaultInjector;
  webhooks: Map<string, SandboxWebhook>;
  /** Every HTTP request received, faulted ones included. */
  requestCount(): number;
  addProject(name: string, sections?: string[]): string;
  addTask(fields: TaskFields): TaskRecord;
  updateTask(gid: string, fields: TaskFields): TaskRecord;
  deleteTask(gid: string): void;
  /** POSTs the events not yet delivered to the hook's target, signed; resolves to the target's status. */
  deliver(webhookGid: string): Promise<number>;
  /** A heartbeat: an empty, signed `{events:[]}`. */
  heartbeat(webhookGid: string): Promise<number>;
  close(): Promise<void>;
}

export function sign(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export async function startAsanaSandbox(options: AsanaSandboxOptions = {}): Promise<AsanaSandbox> {
  const clock = options.clock ?? (() => new Date());
  const token = options.token ?? 'sandbox-token';
  const state = new SandboxState(clock);
  const faults = new FaultInjector(() => clock().getTime(), options.seed ?? 42);
  const webhooks = new Map<string, SandboxWebhook>();
  const app = express();
  app.disable('x-powered-by');
  app.use(faults.middleware());
  app.use((req, res, next) => {
    if (req.headers.authorization !== `Bearer ${token}`) return fail(res, 401, 'Not Authorized');
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  const appUrl = 'https://app.asana.com';
  app.use(apiRoutes(state, appUrl));

  // https://developers.asana.com/reference/createwebhook — the handshake happens while this request is open.
  app.post('/webhooks', async (req, res) => {
    const data = (req.body as { data?: { resource?: unknown; target?: unknown } } | undefined)?.data;
    const resource = typeof data?.resource === 'string' ? data.resource : null;
    const target = typeof data?.target === 'string' ? data.target : null;
    if (!resource || !target || !/^https?:\/\//.test(target)) return fail(res, 400, 'resource and target are required');
    if (!state.projects.has(resource)) return fail(res, 404, 'resource: Unknown object');
    const secret = randomBytes(32).toString('hex');
    let echoed: string | null = null;
    try {
      const hs = await fetch(target, { method: 'POST', headers: { 'X-Hook-Secret': secret } });
      if (hs.status === 200 || hs.status === 204) echoed = hs.headers.get('x-hook-secret');
    } catch {
      echoed = null;
    }
    if (echoed !== secret) return fail(res, 400, 'The remote server did not respond with the handshake secret.');
    const hook: SandboxWebhook = { gid: state.gid(), resource, target, secret, delivered: state.currentSeq() };
    webhooks.set(hook.gid, hook);
    const now = state.now();
    res.status(201).json({
      data: {
        gid: hook.gid, resource_type: 'webhook', active: true,
        resource: { gid: resource, resource_type: 'project', name: state.projects.get(resource)?.name ?? '' },
        target, created_at: now, last_failure_content: '', last_success_at: now, delivery_retry_count: 0, filters: [],
      },
      'X-Hook-Secret': secret,
    });
  });

  const server = app.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  const post = async (hook: SandboxWebhook, events: unknown[]): Promise<number> => {
    const body = JSON.stringify({ events });
    const res = await fetch(hook.target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hook-Signature': sign(body, hook.secret) },
      body,
    });
    return res.status;
  };
  const mustHook = (gid: string): SandboxWebhook => {
    const hook = webhooks.get(gid);
    if (!hook) throw new Error(`sandbox: no webhook ${gid}`);
    return hook;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    faults,
    webhooks,
    requestCount: () => faults.stats.requests,
    addProject: (name, sections) => state.addProject(name, sections),
    addTask: (fields) => state.addTask(fields),
    updateTask: (gid, fields) => state.updateTask(gid, fields),
    deleteTask: (gid) => state.deleteTask(gid),
    async deliver(gid) {
      const hook = mustHook(gid);
      const events = state.events.filter((e) => e.seq > hook.delivered && e.project === hook.resource).map(webhookEventJson);
      hook.delivered = state.currentSeq();
      return post(hook, events);
    },
    heartbeat: (gid) => post(mustHook(gid), []),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
