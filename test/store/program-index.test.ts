import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { apiPrefixOf, createStore, isAuditAction, storeKeys, type Store } from '../../src/store';
import type { SourceItem } from '../../src/model/source-item';

function item(key: string, patch: Partial<SourceItem> = {}): SourceItem {
  return {
    tool: 'jira', instance: 'j1', key, id: key, url: `http://x/${key}`, title: 't', type: 'Task', status: 'To Do',
    statusCategory: 'todo', assignee: null, project: 'EHR', created: '2026-01-01T00:00:00Z', updated: '2026-01-02T00:00:00Z',
    start: null, due: null, completed: null, labels: [], components: [], parent: null, section: null, tags: [], customFields: {},
    approvalStatus: null, priority: null, resolution: null, fixVersions: [], blockedBy: [], version: '1', ...patch,
  };
}

async function loadAll(store: Store, program: string, size?: number): Promise<{ keys: string[]; missing: string[]; chunks: number }> {
  const keys: string[] = [];
  const missing: string[] = [];
  let chunks = 0;
  for await (const c of store.index.programItems(program, size)) {
    chunks += 1;
    keys.push(...c.items.map((i) => i.key));
    missing.push(...c.missing);
  }
  return { keys: keys.sort(), missing, chunks };
}

describe('per-program item index', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let store: Store;
  beforeEach(() => {
    store = createStore(redis, { prefix: `vt:pidx:${randomUUID().slice(0, 8)}:` });
  });
  afterEach(async () => {
    await store.clear();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('indexes a page in its MULTI, moves an item between programs, and reports the programs touched', async () => {
    const first = await store.items.savePage('j1', [item('A-1'), item('A-2'), item('A-3')], null, [['p1'], ['p1', 'p2'], []]);
    expect(first.programs).toEqual(['p1', 'p2']);
    expect((await store.index.members('p1')).sort()).toEqual(['j1:A-1', 'j1:A-2']);
    expect(await store.index.members('p2')).toEqual(['j1:A-2']);

    // A-1 changes and now maps to p2: both programs need an evaluation; an unchanged item touches nothing.
    const moved = await store.items.savePage('j1', [item('A-1', { labels: ['x'] }), item('A-3')], null, [['p2'], []]);
    expect(moved).toMatchObject({ written: 1, changedKeys: ['A-1'], programs: ['p1', 'p2'] });
    expect(await store.index.members('p1')).toEqual(['j1:A-2']);
    expect((await store.index.members('p2')).sort()).toEqual(['j1:A-1', 'j1:A-2']);

    // Same content, new rules: only the index is rewritten, and the source is marked for evaluation.
    await store.items.clearDirty('j1');
    const rules = await store.items.savePage('j1', [item('A-3')], null, [['p1']]);
    expect(rules).toMatchObject({ written: 0, unchanged: 1, programs: ['p1'] });
    expect(await store.items.isDirty('j1')).toBe(true);
    expect((await loadAll(store, 'p1')).keys).toEqual(['A-2', 'A-3']);
  });

  it('loads a program in chunks, only its own items, and deletes with the index', async () => {
    const items = Array.from({ length: 25 }, (_, i) => item(`K-${i}`));
    await store.items.savePage('j1', items, null, items.map((_, i) => [i % 5 === 0 ? 'small' : 'big']));
    expect(await loadAll(store, 'small', 2)).toEqual({ keys: ['K-0', 'K-10', 'K-15', 'K-20', 'K-5'], missing: [], chunks: 3 });
    expect(await store.index.count('big')).toBe(20);

    await store.items.clearDirty('j1');
    expect(await store.items.removeItems('j1', ['K-0', 'K-1', 'NOPE'])).toEqual({ deleted: 2, programs: ['big', 'small'] });
    expect(await store.items.isDirty('j1')).toBe(true);
    expect(await store.index.count('small')).toBe(4);
    expect(await store.index.count('big')).toBe(19);
    // Removing only unknown keys deletes nothing and does not ask for an evaluation.
    await store.items.clearDirty('j1');
    expect(await store.items.removeItems('j1', ['NOPE'])).toEqual({ deleted: 0, programs: [] });
    expect(await store.items.isDirty('j1')).toBe(false);
  });

  it('rebuilds from stored items, records the version, and never indexes an old copy over a newer write', async () => {
    await store.items.savePage('j1', [item('A-1'), item('A-2', { labels: ['ivt'] }), item('A-3')], null);
    expect(await store.index.version('j1')).toBeNull();
    const keys = storeKeys(store.keys.prefix);
    const changed = await store.index.rebuild('j1', (items) => {
      // A pull writes A-3 while the rebuild holds its old copy: the rebuild must leave A-3 to that write.
      void redis.hset(keys.itemHashes('j1'), 'A-3', 'newer-content-hash');
      return items.map((i) => (i.labels.includes('ivt') ? ['ivt'] : ['build']));
    }, 'v1');
    expect(changed).toBe(2);
    expect(await store.index.version('j1')).toBe('v1');
    expect(await store.index.members('ivt')).toEqual(['j1:A-2']);
    expect(await store.index.members('build')).toEqual(['j1:A-1']);
  });

  it('prunes members whose item is gone or maps elsewhere, keeps the rest', async () => {
    await store.items.savePage('j1', [item('A-1'), item('A-2')], null, [['p1'], ['p1']]);
    await redis.sadd(store.keys.programItems('p1'), 'j1:GONE');
    await redis.hset(store.keys.itemPrograms('j1'), 'A-2', 'p2');
    expect(await loadAll(store, 'p1')).toMatchObject({ missing: ['j1:GONE'] });
    expect(await store.index.prune('p1', ['j1:GONE', 'j1:A-1', 'j1:A-2'])).toBe(2);
    expect(await store.index.members('p1')).toEqual(['j1:A-1']);
  });

  it('reads RAG overrides where the API writes them, and knows every audit action the API records', async () => {
    expect(apiPrefixOf('{vitals}:s:')).toBe('{vitals}:api:');
    const ns = `vt-pidx-${randomUUID().slice(0, 8)}`;
    const tagged = createStore(redis, { prefix: `{${ns}}:s:` });
    const override = { rag: 'green', reason: 'vendor fix confirmed', by: 'pmo-1', expires: '2026-12-31' };
    await redis.hset(`{${ns}}:api:overrides`, 'p1', JSON.stringify(override));
    try {
      expect(await tagged.state.getOverride('p1')).toEqual(override);
      expect(await tagged.state.getOverride('p2')).toBeNull();
    } finally {
      await redis.del(`{${ns}}:api:overrides`);
    }
    expect(isAuditAction('sync_requested') && isAuditAction('api_key_created')).toBe(true);
    expect(isAuditAction('made_up')).toBe(false);
  });
});
