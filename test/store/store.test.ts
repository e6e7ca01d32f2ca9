import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createStore, type Store } from '../../src/store';
import type { SourceItem } from '../../src/model/source-item';
import type { ProgramEvaluation } from '../../src/model/evaluation';

function item(key: string, patch: Partial<SourceItem> = {}): SourceItem {
  return {
    tool: 'jira', instance: 'j1', key, id: key, url: `http://x/${key}`, title: 'Patient John Doe MRN 123', type: 'Task',
    status: 'To Do', statusCategory: 'todo', assignee: null, project: 'EHR', created: '2026-01-01T00:00:00Z',
    updated: '2026-01-02T00:00:00Z', start: null, due: null, completed: null, labels: [], components: [], parent: null,
    section: null, tags: [], customFields: {}, approvalStatus: null, priority: null, resolution: null, fixVersions: [],
    blockedBy: [], version: '1', ...patch,
  };
}

describe('store', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let store: Store;
  beforeEach(() => {
    store = createStore(redis, { prefix: `vt:store:${randomUUID().slice(0, 8)}:`, limits: { snapshotHistory: 3, scoreHistory: 5, throughputWeeks: 4 } });
  });
  afterEach(async () => {
    await store.clear();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('writes only changed items and moves the cursor with the page in one step', async () => {
    const first = await store.items.savePage('j1', [item('A-1'), item('A-2')], { connector: 'jira', n: 1 });
    expect(first).toMatchObject({ written: 2, unchanged: 0 });
    expect(await store.items.getCursor('j1')).toEqual({ connector: 'jira', n: 1 });
    const again = await store.items.savePage('j1', [item('A-1'), item('A-2', { status: 'Done', version: '2' })], { connector: 'jira', n: 2 });
    expect(again).toEqual({ written: 1, unchanged: 1, changedKeys: ['A-2'], programs: [] });
    expect(await store.items.getCursor('j1')).toEqual({ connector: 'jira', n: 2 });
    expect((await store.items.getItem('j1', 'A-2'))?.status).toBe('Done');
    expect(await store.items.isDirty('j1')).toBe(true);
  });

  it('stores only the model fields a connector gives', async () => {
    const extra = { ...item('A-9'), rawPayload: { secret: 'x' } } as SourceItem;
    await store.items.savePage('j1', [extra], null);
    expect(Object.keys((await store.items.getItem('j1', 'A-9')) ?? {})).not.toContain('rawPayload');
  });

  it('deletes only what a complete pass no longer lists', async () => {
    await store.items.savePage('j1', [item('A-1'), item('A-2'), item('A-3')], null);
    expect(await store.items.deleteMissing('j1', ['A-1', 'A-3'])).toEqual(['A-2']);
    expect(await store.items.count('j1')).toBe(2);
  });

  it('claims an effect once, reports done after completion, and lets a released claim be taken', async () => {
    expect(await store.ledger.claim('k1', 'w1')).toEqual({ state: 'claimed' });
    expect(await store.ledger.claim('k1', 'w2')).toEqual({ state: 'busy' });
    await store.ledger.release('k1', 'w1');
    expect(await store.ledger.claim('k1', 'w2')).toEqual({ state: 'claimed' });
    await store.ledger.complete('k1', 'c-77');
    expect(await store.ledger.claim('k1', 'w3')).toEqual({ state: 'done', result: 'c-77' });
  });

  it('appends audit entries and filters them by program and time', async () => {
    const base = { actor: 'vitals', item: 'jira:j1:A-1', version: '3', rule: 'gate_overdue', detail: 'fp' };
    await store.audit.append({ ...base, action: 'posted', program: 'ehr', at: '2026-03-01T10:00:00Z' });
    await store.audit.append({ ...base, action: 'skipped_duplicate', program: 'ehr', at: '2026-03-02T10:00:00Z' });
    await store.audit.append({ ...base, action: 'posted', program: 'pacs', at: '2026-03-02T11:00:00Z' });
    const ehr = await store.audit.list({ program: 'ehr', from: '2026-03-02' });
    expect(ehr.map((e) => e.action)).toEqual(['skipped_duplicate']);
    expect(ehr[0]).toMatchObject({ item: 'jira:j1:A-1', version: '3', rule: 'gate_overdue' });
  });

  it('keeps a bounded snapshot history and hourly score points', async () => {
    for (let h = 0; h < 6; h += 1) {
      const at = `2026-03-01T${String(10 + h).padStart(2, '0')}:00:00.000Z`;
      await store.state.saveSnapshot({ program: 'ehr', now: at, score: 50 + h } as ProgramEvaluation);
    }
    expect((await store.state.getSnapshot('ehr'))?.score).toBe(55);
    expect(await store.state.getSnapshotHistory('ehr', 10)).toHaveLength(3);
    const history = await store.state.getHistory('ehr');
    expect(history.scores.map((s) => s.score)).toEqual([51, 52, 53, 54, 55]);
    await store.state.mergeThroughput('ehr', ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'].map((w, i) => ({ weekStart: w, done: i })));
    expect((await store.state.getHistory('ehr')).throughput.map((t) => t.weekStart)).toEqual(['2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02']);
  });

  it('records escalation levels idempotently and clears only its own prefix', async () => {
    await store.state.markEscalationFired('ehr', 'hipaa-sra', 'L1', '2026-03-01');
    const rec = await store.state.markEscalationFired('ehr', 'hipaa-sra', 'L1', '2026-03-01');
    expect(rec.fired).toEqual([{ level: 'L1', due: '2026-03-01' }]);
    const other = createStore(redis, { prefix: `vt:store:other-${randomUUID().slice(0, 6)}:` });
    await other.state.setSourceState('s', { status: 'ok' });
    await store.clear();
    expect((await other.state.getSourceState('s')).status).toBe('ok');
    await other.clear();
  });
});
