/** Bad input gets a typed error with a clear message and changes nothing. */
import { UnrecoverableError, WebhookRejectedError } from '../../connectors/errors';
import { createJiraConnector, signBody } from '../../connectors/jira';
import { startWorld, type World } from './helpers';

let w: World;
beforeEach(async () => {
  w = await startWorld('EHR');
  w.sandbox.addIssue({ project: 'EHR', summary: 'one' });
});
afterEach(() => w.sandbox.close());

async function failure(p: Promise<unknown>): Promise<UnrecoverableError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(UnrecoverableError);
  return err as UnrecoverableError;
}

describe('Jira connector errors', () => {
  it('wrong credentials → bad_credentials, without echoing the token', async () => {
    const c = w.connect({ auth: { kind: 'basic', email: w.sandbox.credentials.email, apiToken: 'wrong-token-123' } });
    const err = await failure(c.pull(null, { now: w.clock() }));
    expect(err.reason).toBe('bad_credentials');
    expect(err.message).not.toContain('wrong-token-123');
    expect((await failure(c.fetchItem('EHR-1'))).reason).toBe('bad_credentials');
  });

  it('a JQL the site rejects → bad_query with Jira’s message', async () => {
    const err = await failure(w.connect({ jql: 'project = = EHR' }).pull(null, { now: w.clock() }));
    expect(err.reason).toBe('bad_query');
    expect(err.message).toMatch(/Error in the JQL Query/);
    expect((await failure(w.connect({ jql: 'colour = red' }).listIds())).reason).toBe('bad_query');
  });

  it('a deleted project → not_found', async () => {
    const c = w.connect();
    const first = await c.pull(null, { now: w.clock() });
    w.sandbox.deleteProject('EHR');
    const err = await failure(c.pull(first.cursor, { now: w.clock() }));
    expect(err.reason).toBe('not_found');
    expect((await failure(c.listIds())).reason).toBe('not_found');
  });

  it('a response that does not match the schema → invalid_response, nothing returned', async () => {
    w.sandbox.tamper = (path, body) => (path.endsWith('/search/jql') ? { issues: [{ id: 1, key: null }] } : body);
    const err = await failure(w.connect().pull(null, { now: w.clock() }));
    expect(err.reason).toBe('invalid_response');
    expect(err.message).toMatch(/issues\.0/);
  });

  it('unusable options → bad_config at construction', () => {
    expect(() => createJiraConnector(w.options({ pageSize: 500 }))).toThrow(UnrecoverableError);
    expect(() => createJiraConnector(w.options({ jql: 'ORDER BY key' }))).toThrow(/bounded/);
    expect(() => createJiraConnector(w.options({ baseUrl: 'acme.atlassian.net' }))).toThrow(/baseUrl/);
  });
});

describe('Jira webhooks', () => {
  const secret = 'hook-secret';
  const delivery = (body: string, sig: string | null = signBody(body, secret)) => ({
    headers: sig === null ? {} : { 'X-Hub-Signature': sig },
    rawBody: Buffer.from(body),
  });

  it('issue created/updated → keys; deleted → deletedKeys; others ignored', () => {
    const c = w.connect();
    expect(c.parseWebhook(w.sandbox.signedDelivery('jira:issue_created', 'EHR-1', secret), secret)).toEqual({ kind: 'changed', keys: ['EHR-1'], deletedKeys: [] });
    expect(c.parseWebhook(w.sandbox.signedDelivery('jira:issue_deleted', 'EHR-1', secret), secret)).toEqual({ kind: 'changed', keys: [], deletedKeys: ['EHR-1'] });
    expect(c.parseWebhook(delivery(JSON.stringify({ webhookEvent: 'comment_created', issue: { key: 'EHR-1' } })), secret).kind).toBe('ignored');
    expect(c.parseWebhook(delivery(JSON.stringify({ webhookEvent: 'project_updated' })), secret).kind).toBe('ignored');
  });

  it('bad or missing signature → 401; malformed body → 400; no secret configured → 401', () => {
    const c = w.connect();
    const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'EHR-1' } });
    const status = (fn: () => unknown): number => {
      try {
        fn();
      } catch (e) {
        if (e instanceof WebhookRejectedError) return e.status;
        throw e;
      }
      return 200;
    };
    expect(status(() => c.parseWebhook(delivery(body, 'sha256=00'), secret))).toBe(401);
    expect(status(() => c.parseWebhook(delivery(body, signBody(body, 'other')), secret))).toBe(401);
    expect(status(() => c.parseWebhook(delivery(body, null), secret))).toBe(401);
    expect(status(() => c.parseWebhook(delivery(body), null))).toBe(401);
    expect(status(() => c.parseWebhook(delivery('{"webhookEvent": '), secret))).toBe(400);
    expect(status(() => c.parseWebhook(delivery(JSON.stringify({ webhookEvent: 'jira:issue_updated' })), secret))).toBe(400);
    expect(status(() => c.parseWebhook(delivery(JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'not a key' } })), secret))).toBe(400);
    expect(status(() => c.parseWebhook(delivery(body), secret))).toBe(200);
  });
});
