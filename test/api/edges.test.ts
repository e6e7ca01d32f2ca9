/** Webhooks (4xx enqueue nothing), signed action links, rate limit per key, health, metrics, OpenAPI, headers. */
import { signBody as signJira } from '../../connectors/jira';
import { signBody as signAsana } from '../../connectors/asana';
import { signActionLink } from '../../src/notify/action-links';
import { call, JIRA_SECRET, LINK_SECRET, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { windowMs: 60_000, limit: 40 } });
});
afterAll(async () => {
  await h.close();
});

async function waiting(queue: string): Promise<number> {
  return (await h.queues.queue(queue).getJobCounts('waiting')).waiting ?? 0;
}

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('inbound webhooks', () => {
  const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { id: '1', key: 'EHR-101' } });

  it('bad signature, missing signature, bad JSON, unknown source: 4xx and nothing enqueued', async () => {
    expect((await post('/webhooks/jira/jira-main', body, { 'x-hub-signature': signJira(body, 'wrong-secret') })).status).toBe(401);
    expect((await post('/webhooks/jira/jira-main', body, {})).status).toBe(401);
    const garbage = '{"webhookEvent":';
    const bad = await post('/webhooks/jira/jira-main', garbage, { 'x-hub-signature': signJira(garbage, JIRA_SECRET) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('webhook_rejected');
    expect((await post('/webhooks/jira/nope', body, { 'x-hub-signature': signJira(body, JIRA_SECRET) })).status).toBe(404);
    expect((await post('/webhooks/asana/jira-main', body, {})).status).toBe(404);
    expect(await waiting('pull-jira-main')).toBe(0);
  });

  it('a signed Jira delivery enqueues one targeted pull', async () => {
    const res = await post('/webhooks/jira/jira-main', body, { 'x-hub-signature': signJira(body, JIRA_SECRET) });
    expect(res.status).toBe(202);
    const jobs = await h.queues.queue('pull-jira-main').getJobs(['waiting']);
    expect(jobs.map((j) => j.data)).toEqual([expect.objectContaining({ source: 'jira-main', mode: 'keys', keys: ['EHR-101'] })]);
  });

  it('Asana: the handshake echoes and stores the secret once; a second handshake is refused; signed events enqueue', async () => {
    const hs = await post('/webhooks/asana/asana-main', '', { 'x-hook-secret': 'asana-hook-secret-1' });
    expect(hs.status).toBe(200);
    expect(hs.headers.get('x-hook-secret')).toBe('asana-hook-secret-1');
    expect((await post('/webhooks/asana/asana-main', '', { 'x-hook-secret': 'attacker' })).status).toBe(403);
    const events = JSON.stringify({ events: [{ action: 'changed', resource: { gid: '1205550001', resource_type: 'task' } }] });
    expect((await post('/webhooks/asana/asana-main', events, { 'x-hook-signature': signAsana(events, 'attacker') })).status).toBe(401);
    expect(await waiting('pull-asana-main')).toBe(0);
    expect((await post('/webhooks/asana/asana-main', events, { 'x-hook-signature': signAsana(events, 'asana-hook-secret-1') })).status).toBe(202);
    expect(await waiting('pull-asana-main')).toBe(1);
  });
});

describe('signed action links from alerts', () => {
  const link = (over: { expires?: Date; secret?: string } = {}) =>
    signActionLink({ action: 'ack', programId: 'ehr-golive', fingerprint: 'hipaa-sra', level: 'L4', expires: over.expires ?? new Date('2026-10-22T00:00:00Z') }, over.secret ?? LINK_SECRET, `${h.url}/api/actions`);

  it('GET shows a confirmation and changes nothing; POST acknowledges and audits', async () => {
    const page = await fetch(link());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Acknowledge: escalation hipaa-sra');
    expect(await h.store.state.getEscalation('ehr-golive', 'hipaa-sra')).toBeNull();
    const done = await fetch(link(), { method: 'POST', headers: { accept: 'application/json' } });
    expect(done.status).toBe(200);
    expect((await h.store.audit.list({ program: 'ehr-golive' })).find((a) => a.action === 'acknowledged')).toMatchObject({ actor: 'link:L4', rule: 'L4' });
  });

  it('a forged link answers 403 and an expired one 410', async () => {
    expect((await fetch(link({ secret: 'another-secret-0123456789abcdef' }), { method: 'POST' })).status).toBe(403);
    expect((await fetch(link({ expires: new Date('2026-10-19T00:00:00Z') }), { method: 'POST' })).status).toBe(410);
  });
});

describe('health, metrics, OpenAPI, headers', () => {
  it('/healthz and /readyz', async () => {
    expect((await call(h, 'GET', '/healthz', null)).status).toBe(200);
    const ready = await call(h, 'GET', '/readyz', null);
    expect(ready.json).toEqual({ ok: true, checks: { redis: true, queues: true } });
  });

  it('/metrics: jobs by state, items and risks per program, and the shared metric objects', async () => {
    const text = (await call(h, 'GET', '/metrics', null)).text;
    expect(text).toMatch(/vitals_jobs\{queue="pull-jira-main",state="waiting"\} 1/);
    expect(text).toMatch(/vitals_items\{program="ehr-golive"\} 66/);
    expect(text).toMatch(/vitals_risks\{program="ehr-golive",level="high"\} \d+/);
    for (const m of ['vitals_pull_duration_seconds', 'vitals_vendor_429_total', 'vitals_deliveries_total']) expect(text).toContain(`# TYPE ${m}`);
  });

  it('/api/openapi.json is OpenAPI 3.1 generated from the request schemas', async () => {
    const doc = (await call(h, 'GET', '/api/openapi.json', null)).json as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/portfolio', '/api/programs/{id}', '/api/programs/{id}/escalations/{subject}/snooze']));
    const snooze = doc.paths['/api/programs/{id}/escalations/{subject}/snooze']?.post?.requestBody?.content['application/json']?.schema;
    expect(snooze?.required).toEqual(['until', 'reason']);
  });

  it('security headers: CSP without any CDN, no x-powered-by', async () => {
    const res = await call(h, 'GET', '/healthz', null);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rate limit per key', () => {
  it('answers 429 with a JSON error once a key spends its budget; another key is unaffected', async () => {
    const key = await h.newKey('viewer', '*');
    let last = 0;
    for (let i = 0; i < 41; i++) last = (await call(h, 'GET', '/api/programs/pacs-upgrade/history', key)).status;
    expect(last).toBe(429);
    const other = await call(h, 'GET', '/api/programs/pacs-upgrade/history', h.keys.viewerPacs);
    expect(other.status).toBe(200);
  });
});
