/**
 * The Jira sandbox: an express app speaking the subset of Jira Cloud REST v3 the connector uses, with basic
 * (or bearer) auth, fault knobs (connectors/sandbox-kit/faults.ts), a request counter and a webhook signer.
 * Tests, benches and the demo talk to it through the real jira.js client.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { WebhookDelivery } from '../../contract';
import { FaultInjector } from '../../sandbox-kit/faults';
import { signBody } from '../webhook';
import { jiraError, type SandboxContext } from './http';
import { issueRoutes } from './routes-issue';
import { searchRoutes } from './routes-search';
import { Searcher } from './search';
import { Serializer } from './serialize';
import { JiraState, type NewIssue, type SandboxIssue, type SandboxVersion } from './state';

export interface JiraSandboxOptions {
  port?: number;
  clock?: () => Date;
  /** Seeds the fault RNG (which requests fail). */
  seed?: number;
  email?: string;
  apiToken?: string;
  /** Also accept `Authorization: Bearer <token>` (OAuth 2.0 access token). */
  bearerToken?: string;
}

export interface JiraSandbox {
  url: string;
  state: JiraState;
  faults: FaultInjector;
  /** Requests that reached /rest, faulted ones included. */
  readonly requestCount: number;
  /** Most requests ever in flight at once (checks the connector's concurrency limit). */
  readonly maxInFlight: number;
  /** Test hook: rewrite a JSON response body before it is sent (schema-mismatch tests). */
  tamper: ((path: string, body: unknown) => unknown) | null;
  /** Test hook: answer this status instead of serving the request (a fault aimed at one route), or null to serve. */
  failWhen: ((method: string, path: string) => number | null) | null;
  credentials: { email: string; apiToken: string };
  /** The account the API user (and so every comment we post) belongs to. */
  accountId: string;
  /** The sandbox's clock. */
  now(): Date;
  addIssue(fields: NewIssue): SandboxIssue;
  updateIssue(key: string, patch?: Parameters<JiraState['updateIssue']>[1]): SandboxIssue;
  deleteIssue(key: string): boolean;
  deleteProject(key: string): void;
  addVersion(projectKey: string, version: Omit<SandboxVersion, 'id' | 'projectId'>): SandboxVersion;
  /** A delivery as Jira sends it: one event about one issue, signed with `X-Hub-Signature: sha256=<hex>`. */
  signedDelivery(event: string, issueKey: string, secret: string): WebhookDelivery;
  close(): Promise<void>;
}

function authorized(req: Request, email: string, apiToken: string, bearer: string | undefined): boolean {
  const header = req.get('authorization') ?? '';
  if (bearer && header === `Bearer ${bearer}`) return true;
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${email}:${apiToken}`;
}

export async function startJiraSandbox(options: JiraSandboxOptions = {}): Promise<JiraSandbox> {
  const clock = options.clock ?? (() => new Date());
  const now = (): number => clock().getTime();
  const email = options.email ?? 'vitals-bot@example.test';
  const apiToken = options.apiToken ?? 'sandbox-token';
  const accountId = `5b10ac8d${createHash('sha1').update(email).digest('hex').slice(0, 16)}`;
  const state = new JiraState(now);
  const faults = new FaultInjector(now, options.seed ?? 42);
  // Jira Cloud's burst-limit 429 names its window (reference §5): limit, nothing remaining, and the reset as an ISO time.
  faults.limitHeaders = ({ limit, resetAtMs }) => ({
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(resetAtMs).toISOString(),
  });
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let tamper: ((path: string, body: unknown) => unknown) | null = null;
  let failWhen: ((method: string, path: string) => number | null) | null = null;

  const app = express();
  app.disable('x-powered-by');
  app.use('/rest', (req: Request, res: Response, next: NextFunction) => {
    requests += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => {
      inFlight -= 1;
    });
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(tamper ? tamper(req.originalUrl.split('?')[0] ?? '', body) : body);
    next();
  });
  app.use('/rest', faults.middleware());
  app.use('/rest', (req: Request, res: Response, next: NextFunction) => {
    const status = failWhen?.(req.method, req.originalUrl.split('?')[0] ?? '');
    if (!status) return next();
    jiraError(res, status, 'Injected failure.');
  });
  app.use('/rest', (req: Request, res: Response, next: NextFunction) => {
    if (authorized(req, email, apiToken, options.bearerToken)) return next();
    res.status(401).json({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
  });
  app.use(express.json({ limit: '5mb', strict: false }));

  const server = app.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx: SandboxContext = { state, searcher: new Searcher(state, now), serializer: new Serializer(url, state), accountId, now };
  searchRoutes(app, ctx);
  issueRoutes(app, ctx);
  app.use((_req: Request, res: Response) => jiraError(res, 404, 'Not found in the Jira sandbox.'));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    if (status === 400 || status === 413) return jiraError(res, status, 'The request body is not valid JSON.');
    jiraError(res, 500, 'Internal server error in the Jira sandbox.');
  });

  return {
    url,
    state,
    faults,
    get requestCount() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get tamper() {
      return tamper;
    },
    set tamper(fn) {
      tamper = fn;
    },
    get failWhen() {
      return failWhen;
    },
    set failWhen(fn) {
      failWhen = fn;
    },
    credentials: { email, apiToken },
    accountId,
    now: clock,
    addIssue: (fields) => state.addIssue(fields),
    updateIssue: (key, patch) => state.updateIssue(key, patch),
    deleteIssue: (key) => state.deleteIssue(key),
    deleteProject: (key) => state.deleteProject(key),
    addVersion: (projectKey, version) => state.addVersion(projectKey, version),
    signedDelivery(event, issueKey, secret) {
      const issue = state.issues.get(issueKey);
      const payload = {
        timestamp: now(),
        webhookEvent: event,
        issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
        user: { accountId },
        issue: { id: issue?.id ?? '0', key: issueKey, self: `${url}/rest/api/2/issue/${issue?.id ?? '0'}`, fields: { updated: issue?.updated ?? now() } },
      };
      const rawBody = Buffer.from(JSON.stringify(payload));
      return { headers: { 'content-type': 'application/json', 'x-hub-signature': signBody(rawBody, secret) }, rawBody };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
