/** Jira pull: normalization of a seeded healthcare program, cursor rules, lookback, retries, concurrency. */
import { RateLimitedError, TransientError } from '../../connectors/errors';
import { jqlDate, sinceQuery, stampOffset } from '../../connectors/jira/jql';
import { seedHealthcareProgram } from '../../connectors/jira/sandbox/seeder';
import { drain, startWorld, type World } from './helpers';

let w: World;
beforeEach(async () => {
  w = await startWorld('EHR');
});
afterEach(() => w.sandbox.close());

describe('Jira pull', () => {
  it('normalizes a seeded program: phases, gates, sign-offs, defects, milestones, links', async () => {
    const program = seedHealthcareProgram(w.sandbox, { projectKey: 'EHR', seed: 11, tasksPerEpic: 3, defects: 8 });
    const blocked = w.sandbox.addIssue({ project: 'EHR', summary: 'Go-live cutover rehearsal', blockedBy: [program.gates['gate:hipaa-sra'] as string], custom: { customfield_10050: { value: 'Critical' } } });
    const { items } = await drain(w.connect({ customFields: { customfield_10050: 'Clinical impact' } }), null);
    expect(items).toHaveLength(program.keys.length + 1);
    const byKey = new Map(items.map((i) => [i.key, i]));
    const sra = byKey.get(program.gates['gate:hipaa-sra'] as string);
    expect(sra?.labels).toEqual(expect.arrayContaining(['compliance', 'gate:hipaa-sra']));
    expect(sra?.due).toMatch(/^\d{4}-\d\d-\d\d$/);
    const task = byKey.get(program.tasks[0] as string);
    expect(task?.parent).toBe(program.epics.initiation);
    expect(task?.fixVersions[0]).toEqual(expect.objectContaining({ name: expect.any(String), releaseDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }));
    const defects = program.defects.map((k) => byKey.get(k));
    expect(defects.every((d) => d?.type === 'Bug' && ['Highest', 'High', 'Medium'].includes(d.priority ?? ''))).toBe(true);
    expect(defects.filter((d) => d?.priority === 'Highest').every((d) => d?.labels.includes('go-live-blocker'))).toBe(true);
    const done = items.filter((i) => i.statusCategory === 'done');
    expect(done.length).toBeGreaterThan(5);
    expect(done.every((i) => i.completed !== null && i.completed.endsWith('Z'))).toBe(true);
    const b = byKey.get(blocked.key);
    expect(b?.blockedBy).toEqual([{ tool: 'jira', instance: 'jira-main', key: program.gates['gate:hipaa-sra'] }]);
    expect(b?.customFields).toEqual({ 'Clinical impact': 'Critical' });
    expect(b?.url).toBe(`${w.sandbox.url}/browse/${blocked.key}`);
  });

  it('seeded titles carry fake PHI only when asked', () => {
    const plain = seedHealthcareProgram(w.sandbox, { projectKey: 'EHR', seed: 1 });
    expect(plain.phiKeys).toEqual([]);
    const withPhi = seedHealthcareProgram(w.sandbox, { projectKey: 'PHI', seed: 1, includeFakePhi: true });
    expect(withPhi.phiKeys.length).toBeGreaterThan(0);
    expect(w.sandbox.state.issues.get(withPhi.phiKeys[0] as string)?.summary).toMatch(/MRN|SSN|\d{3}-\d{4}/);
  });

  it('leaves fix versions out when they are not milestones', async () => {
    seedHealthcareProgram(w.sandbox, { projectKey: 'EHR', seed: 2, tasksPerEpic: 1, defects: 1 });
    const { items } = await drain(w.connect({ fixVersionsAsMilestones: false }), null);
    expect(items.every((i) => i.fixVersions.length === 0)).toBe(true);
  });

  it('finds an item whose stamp lands inside the lookback after the cursor moved (index lag)', async () => {
    for (let i = 0; i < 5; i += 1) w.sandbox.addIssue({ project: 'EHR', summary: `t${i}`, updated: w.clock().getTime() - i * 60_000 });
    const c = w.connect();
    const first = await drain(c, null);
    const late = w.sandbox.addIssue({ project: 'EHR', summary: 'indexed late', updated: w.clock().getTime() - 5 * 60_000 });
    const next = await drain(c, first.cursor);
    expect(next.keys).toEqual([late.key]);
    const again = await drain(c, next.cursor);
    expect(again.keys).toEqual([]);
  });

  it('discards a cursor built for another JQL and walks the new scope from scratch', async () => {
    w.sandbox.state.addProject('LAB');
    for (let i = 0; i < 3; i += 1) w.sandbox.addIssue({ project: 'EHR', summary: `e${i}` });
    for (let i = 0; i < 4; i += 1) w.sandbox.addIssue({ project: 'LAB', summary: `l${i}` });
    const first = await drain(w.connect(), null);
    expect(first.keys).toHaveLength(3);
    const widened = await drain(w.connect({ jql: 'project in (EHR, LAB)' }), first.cursor);
    expect(widened.keys).toHaveLength(7);
    expect((await drain(w.connect(), { connector: 'jira', v: 99 })).keys).toHaveLength(3);
  });

  it('pages incremental pulls through nextPageToken with nothing lost or duplicated', async () => {
    const t0 = w.clock().getTime() - 3 * 3_600_000;
    const keys = Array.from({ length: 60 }, (_, i) => w.sandbox.addIssue({ project: 'EHR', summary: `t${i}`, updated: t0 + i * 60_000 }).key);
    const c = w.connect({ pageSize: 7 });
    const first = await drain(c, null);
    w.clock.advance(3_600_000);
    for (const k of keys.slice(0, 40)) w.sandbox.updateIssue(k, { status: 'In Progress', category: 'indeterminate' });
    const before = w.sandbox.requestCount;
    const next = await drain(c, first.cursor);
    expect(next.keys.slice().sort()).toEqual(keys.slice(0, 40).sort());
    // The first walk settled everything older than its start − lookback, so no unchanged item is read again.
    expect(w.sandbox.requestCount - before).toBe(Math.ceil(40 / 7));
  });

  it('re-reads a burst only while it is inside the lookback; a quiet poll then costs one request', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => w.sandbox.addIssue({ project: 'EHR', summary: `t${i}`, updated: w.clock().getTime() - 86_400_000 }).key);
    const c = w.connect({ pageSize: 10 });
    const pullAll = async (cursor: Parameters<typeof c.pull>[0]) => {
      const keysOut: string[] = [];
      let cur = cursor;
      for (;;) {
        const page = await c.pull(cur, { now: w.clock() });
        keysOut.push(...page.items.map((i) => i.key));
        cur = page.cursor;
        if (!page.hasMore) return { keys: keysOut, cursor: page.cursor };
      }
    };
    const first = await pullAll(null);
    for (const k of keys.slice(0, 25)) w.sandbox.updateIssue(k, { status: 'Done', category: 'done' });
    const burst = await pullAll(first.cursor);
    expect(burst.keys).toHaveLength(25);
    let before = w.sandbox.requestCount;
    const soon = await pullAll(burst.cursor);
    expect(soon.keys).toEqual([]);
    expect(w.sandbox.requestCount - before).toBe(3);
    w.clock.advance(11 * 60_000);
    await pullAll(soon.cursor).then(async (settled) => {
      before = w.sandbox.requestCount;
      const quiet = await pullAll(settled.cursor);
      expect(quiet.keys).toEqual([]);
      expect(w.sandbox.requestCount - before).toBe(1);
    });
  });

  it('honours Retry-After and backs off on 5xx, then gives typed errors when it must stop', async () => {
    w.sandbox.addIssue({ project: 'EHR', summary: 'x' });
    w.sandbox.faults.set({ failNext: 2 });
    await drain(w.connect(), null);
    expect(w.sleeps).toHaveLength(2);

    w.sleeps.length = 0;
    w.sandbox.faults.set({ rate429: 1, retryAfterSec: 3 });
    const before = w.sandbox.requestCount;
    const err = await w.connect().pull(null, { now: w.clock() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(w.sandbox.requestCount - before).toBe(5);
    // Four retries, each after the full Retry-After; any shorter sleeps are the pacer spacing starts after the streak.
    expect(w.sleeps.filter((ms) => ms >= 3000)).toHaveLength(4);

    w.sandbox.faults.set({ rate429: 1, retryAfterSec: 120 });
    const long = await w.connect().pull(null, { now: w.clock() }).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(RateLimitedError);
    expect((long as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(120_000);

    w.sandbox.faults.reset();
    w.sandbox.faults.set({ down: true });
    const down = await w.connect().fetchItem('EHR-1').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(TransientError);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    for (let i = 0; i < 300; i += 1) w.sandbox.addIssue({ project: 'EHR', summary: `t${i}` });
    w.sandbox.faults.set({ delayMs: 5 });
    await drain(w.connect({ maxConcurrency: 1, baseUrl: `${w.sandbox.url}/` }), null);
    expect(w.sandbox.maxInFlight).toBe(1);
  });
});

describe('JQL text', () => {
  it('formats the bound in the offset Jira writes stamps in, floored to the minute', () => {
    const ms = Date.parse('2026-03-02T09:07:45.123Z');
    expect(jqlDate(ms, '+0000')).toBe('2026-03-02 09:07');
    expect(jqlDate(ms, '-0500')).toBe('2026-03-02 04:07');
    expect(jqlDate(ms, '+0530')).toBe('2026-03-02 14:37');
    expect(stampOffset('2026-03-02T04:07:45.123-0500')).toBe('-0500');
    expect(sinceQuery('project = EHR ORDER BY created DESC', ms, '+0000')).toBe('(project = EHR) AND updated >= "2026-03-02 09:07" ORDER BY updated ASC, key ASC');
  });
});
