/** The PMO API over HTTP against real Redis: reads, writes, each role allowed and denied, program scoping, validation. */
import { call, startHarness, type Harness } from './harness';

type Json = Record<string, unknown>;
type Row = { id: string; rag: string; score: number; gatesOverdue: string[]; nextGoLive: { p50: string | null; p85: string | null } | null; trend: { points: number[] }; override: { rag: string } | null };
type ErrorJson = { error: { code: string; message: string; details: Array<{ path: string }> | null } };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const ESC = '/api/programs/ehr-golive/escalations/hipaa-sra';

describe('authentication', () => {
  it('answers 401 with a JSON error without a key or with a bad one', async () => {
    const none = await call(h, 'GET', '/api/portfolio', null);
    expect(none.status).toBe(401);
    expect((none.json as ErrorJson).error.code).toBe('unauthenticated');
    const bad = await call(h, 'GET', '/api/portfolio', `${h.keys.viewer.slice(0, -2)}xx`);
    expect(bad.status).toBe(401);
  });
});

describe('reads', () => {
  it('portfolio: every program with score, RAG, trend, next go-live forecast and overdue gates', async () => {
    const res = await call(h, 'GET', '/api/portfolio', h.keys.viewer);
    expect(res.status).toBe(200);
    const rows = (res.json as { programs: Row[] }).programs;
    expect(rows.map((r) => r.id)).toEqual(['ehr-golive', 'pacs-upgrade']);
    const [ehr, pacs] = rows as [Row, Row];
    expect(ehr.rag).toBe('red');
    expect(ehr.gatesOverdue).toEqual(['hipaa-sra']);
    expect(ehr.nextGoLive?.p50).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ehr.trend.points).toHaveLength(4);
    expect(pacs.rag).toBe('green');
    expect(pacs.gatesOverdue).toEqual([]);
  });

  it('program detail: components with items, phases, milestones, gates with names, sign-offs, risks, escalations', async () => {
    const res = await call(h, 'GET', '/api/programs/ehr-golive', h.keys.viewer);
    expect(res.status).toBe(200);
    const d = res.json as Json & { components: Array<{ deductions: Array<{ items: unknown[] }> }>; gates: Array<{ id: string; name: string; state: string }>; escalations: Array<{ subject: string; status: string }>; phases: unknown[]; milestones: unknown[]; signoffs: unknown[]; risks: unknown[] };
    expect(d.components.some((c) => c.deductions.some((x) => x.items.length > 0))).toBe(true);
    expect(d.gates.find((g) => g.id === 'hipaa-sra')).toMatchObject({ name: 'SRA', state: 'overdue' });
    expect(d.phases).toHaveLength(8);
    expect(d.milestones).toHaveLength(3);
    expect(d.signoffs).toHaveLength(3);
    expect(d.risks.length).toBeGreaterThan(0);
    expect(d.escalations).toEqual([expect.objectContaining({ subject: 'hipaa-sra', status: 'active' })]);
  });

  it('items: filtered, paged, and without titles', async () => {
    const res = await call(h, 'GET', '/api/programs/ehr-golive/items?statusCategory=done&limit=5', h.keys.viewer);
    expect(res.status).toBe(200);
    const body = res.json as { total: number; items: Json[] };
    expect(body.total).toBe(15);
    expect(body.items).toHaveLength(5);
    expect(body.items.every((i) => i.statusCategory === 'done' && !('title' in i))).toBe(true);
    const asana = await call(h, 'GET', '/api/programs/ehr-golive/items?tool=asana', h.keys.viewer);
    expect((asana.json as { items: Json[] }).items.map((i) => i.key)).toEqual(['1205550001']);
  });

  it('history: score points oldest first', async () => {
    const res = await call(h, 'GET', '/api/programs/pacs-upgrade/history?limit=2', h.keys.viewer);
    const scores = (res.json as { scores: Array<{ at: string }> }).scores;
    expect(scores).toHaveLength(2);
    expect(scores[0]!.at < scores[1]!.at).toBe(true);
  });

  it('report in the three formats', async () => {
    const html = await call(h, 'GET', '/api/programs/ehr-golive/report?format=html', h.keys.viewer);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('Decisions needed');
    expect(html.text).toContain('SRA (HIPAA 164.308(a)(1)) is');
    const md = await call(h, 'GET', '/api/programs/ehr-golive/report?format=md', h.keys.viewer);
    expect(md.text).toMatch(/^# St\. Elsewhere EHR go-live: weekly status report/);
    const csv = await call(h, 'GET', '/api/programs/ehr-golive/report?format=csv', h.keys.viewer);
    expect(csv.headers.get('content-disposition')).toContain('ehr-golive-status.csv');
    expect(csv.text.split('\r\n')[1]).toMatch(/^summary,St\. Elsewhere EHR go-live,red,/);
    const bad = await call(h, 'GET', '/api/programs/ehr-golive/report?format=pdf', h.keys.viewer);
    expect(bad.status).toBe(400);
  });
});

describe('program scoping', () => {
  it('a scoped key sees only its programs; others answer 404 like unknown ones', async () => {
    const res = await call(h, 'GET', '/api/portfolio', h.keys.viewerPacs);
    expect((res.json as { programs: Row[] }).programs.map((r) => r.id)).toEqual(['pacs-upgrade']);
    expect((await call(h, 'GET', '/api/programs/ehr-golive', h.keys.viewerPacs)).status).toBe(404);
    expect((await call(h, 'GET', '/api/programs/ehr-golive/items', h.keys.viewerPacs)).status).toBe(404);
    expect((await call(h, 'GET', '/api/programs/nope', h.keys.viewer)).status).toBe(404);
    expect((await call(h, 'POST', '/api/programs/pacs-upgrade/sync', h.keys.pmoEhr)).status).toBe(404);
  });
});

describe('validation', () => {
  it('bad query, bad body, unknown fields and bad JSON answer 400 with details', async () => {
    const q = await call(h, 'GET', '/api/programs/ehr-golive/items?limit=abc', h.keys.viewer);
    expect(q.status).toBe(400);
    expect((q.json as ErrorJson).error).toMatchObject({ code: 'validation_failed' });
    expect((q.json as ErrorJson).error.details?.[0]?.path).toBe('limit');
    const until = await call(h, 'POST', `${ESC}/snooze`, h.keys.pmo, { until: 'tomorrow', reason: 'vendor' });
    expect(until.status).toBe(400);
    expect((until.json as ErrorJson).error.details?.[0]?.path).toBe('until');
    const extra = await call(h, 'POST', `${ESC}/acknowledge`, h.keys.pmo, { note: 'x', admin: true });
    expect(extra.status).toBe(400);
    const json = await call(h, 'POST', `${ESC}/acknowledge`, h.keys.pmo, '{"note":');
    expect(json.status).toBe(400);
    expect((json.json as ErrorJson).error.code).toBe('bad_request');
    const far = await call(h, 'POST', `${ESC}/snooze`, h.keys.pmo, { until: '2027-01-01T00:00:00Z', reason: 'too long' });
    expect((far.json as ErrorJson).error.message).toContain('at most 30 days');
    const noReason = await call(h, 'PUT', '/api/programs/ehr-golive/override', h.keys.pmo, { rag: 'amber' });
    expect(noReason.status).toBe(400);
    expect((noReason.json as ErrorJson).error.message).toContain('reason, expires');
    const unknownEsc = await call(h, 'POST', '/api/programs/ehr-golive/escalations/no-such/acknowledge', h.keys.pmo, {});
    expect(unknownEsc.status).toBe(404);
  });
});

describe('writes: roles and the audit stream', () => {
  it('acknowledge: viewer denied, pmo allowed, recorded in the audit stream and shown on the program', async () => {
    const denied = await call(h, 'POST', `${ESC}/acknowledge`, h.keys.viewer, { note: 'seen' });
    expect(denied.status).toBe(403);
    expect((denied.json as ErrorJson).error.code).toBe('forbidden');
    const ok = await call(h, 'POST', `${ESC}/acknowledge`, h.keys.pmoEhr, { note: 'recovery date agreed' });
    expect(ok.status).toBe(200);
    const audit = await h.store.audit.list({ program: 'ehr-golive' });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'acknowledged', item: 'jira:main:EHR-101', rule: 'L4', actor: expect.stringMatching(/^key:[0-9a-f]{16}\(pmo-test\)$/) }));
    expect((await h.store.state.getEscalation('ehr-golive', 'hipaa-sra'))?.acknowledged).toMatchObject({ level: 'L4', note: 'recovery date agreed' });
    const d = (await call(h, 'GET', '/api/programs/ehr-golive', h.keys.viewer)).json as { escalations: Array<{ status: string }>; summary: { activeEscalations: number } };
    expect(d.escalations[0]?.status).toBe('acknowledged');
    expect(d.summary.activeEscalations).toBe(0);
  });

  it('snooze: pmo allowed and audited', async () => {
    const res = await call(h, 'POST', `${ESC}/snooze`, h.keys.pmo, { until: '2026-10-23T14:00:00Z', reason: 'waiting on the vendor report' });
    expect(res.status).toBe(200);
    const audit = await h.store.audit.list({ program: 'ehr-golive' });
    expect(audit.some((a) => a.action === 'snoozed' && a.detail.includes('2026-10-23T14:00:00.000Z'))).toBe(true);
  });

  it('override: viewer denied, pmo sets it (RAG changes, with reason) and clears it', async () => {
    expect((await call(h, 'PUT', '/api/programs/pacs-upgrade/override', h.keys.viewer, { rag: 'amber', reason: 'x', expires: '2026-11-01' })).status).toBe(403);
    const set = await call(h, 'PUT', '/api/programs/pacs-upgrade/override', h.keys.pmo, { rag: 'amber', reason: 'vendor contract unsigned', expires: '2026-11-01' });
    expect(set.status).toBe(200);
    const row = ((await call(h, 'GET', '/api/portfolio', h.keys.viewer)).json as { programs: Row[] }).programs.find((r) => r.id === 'pacs-upgrade');
    expect(row?.rag).toBe('amber');
    expect(row?.override).toMatchObject({ rag: 'amber', reason: 'vendor contract unsigned' });
    await call(h, 'PUT', '/api/programs/pacs-upgrade/override', h.keys.pmo, { rag: null });
    const after = ((await call(h, 'GET', '/api/portfolio', h.keys.viewer)).json as { programs: Row[] }).programs.find((r) => r.id === 'pacs-upgrade');
    expect(after?.rag).toBe('green');
    expect((await h.store.audit.list({ program: 'pacs-upgrade' })).map((a) => a.rule)).toEqual(['amber', 'cleared']);
  });

  it('sync: viewer denied, pmo enqueues a pull per source and it is audited', async () => {
    expect((await call(h, 'POST', '/api/programs/ehr-golive/sync', h.keys.viewer)).status).toBe(403);
    const res = await call(h, 'POST', '/api/programs/ehr-golive/sync', h.keys.pmo);
    expect(res.status).toBe(202);
    expect((res.json as { jobs: string[] }).jobs).toHaveLength(2);
    expect(await h.queues.queue('pull-ehr-golive-main').getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect((await h.store.audit.list({ program: 'ehr-golive' })).some((a) => (a.action as string) === 'sync_requested')).toBe(true);
  });

  it('keys: pmo denied, admin creates a working scoped key', async () => {
    expect((await call(h, 'POST', '/api/keys', h.keys.pmo, { role: 'viewer', programs: ['ehr-golive'] })).status).toBe(403);
    const res = await call(h, 'POST', '/api/keys', h.keys.admin, { role: 'viewer', programs: ['ehr-golive'], label: 'sponsor' });
    expect(res.status).toBe(201);
    const key = (res.json as { key: string }).key;
    const rows = ((await call(h, 'GET', '/api/portfolio', key)).json as { programs: Row[] }).programs;
    expect(rows.map((r) => r.id)).toEqual(['ehr-golive']);
    const stored = await h.redis.hvals(`${h.apiPrefix}keys`);
    expect(stored.join('')).not.toContain(key.split('_')[2]);
  });

  it('audit: viewer denied, a scoped pmo key must name its program', async () => {
    expect((await call(h, 'GET', '/api/audit', h.keys.viewer)).status).toBe(403);
    expect((await call(h, 'GET', '/api/audit', h.keys.pmoEhr)).status).toBe(400);
    expect((await call(h, 'GET', '/api/audit?program=pacs-upgrade', h.keys.pmoEhr)).status).toBe(404);
    const ok = await call(h, 'GET', '/api/audit?program=ehr-golive', h.keys.pmoEhr);
    expect((ok.json as { entries: Array<{ action: string }> }).entries.map((e) => e.action)).toContain('acknowledged');
  });

  it('a cookie-authenticated write needs the X-Vitals-Request header', async () => {
    const res = await fetch(`${h.url}${ESC}/acknowledge`, { method: 'POST', headers: { cookie: `vitals_key=${h.keys.pmo}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });
});
