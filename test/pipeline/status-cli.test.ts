/** `vitals status --sandbox` against real Redis: each source's state, items and last error, and the queues. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { redisConnection } from '../../src/pipeline/redis';
import { createStore, deleteByPattern, storePrefix } from '../../src/store';

describe('vitals status', () => {
  const ns = `vt-status-${randomUUID().slice(0, 8)}`;
  const conn = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  afterAll(async () => {
    await deleteByPattern(conn, `{${ns}}*`);
    await conn.quit();
  });

  it('shows each source with its status, items, last sync and error', async () => {
    const store = createStore(conn, { prefix: storePrefix(ns) });
    await store.state.setSourceState('jira-demo', { status: 'failed', items: 90, lastSyncAt: '2026-11-18T15:00:00.000Z', lastError: 'source jira-demo failed (bad_credentials): 401' });
    await store.state.setSourceState('asana-demo', { status: 'ok', items: 11, lastSyncAt: '2026-11-18T15:01:00.000Z' });
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const before = process.env.VITALS_NAMESPACE;
    process.env.VITALS_NAMESPACE = ns;
    try {
      await main(['node', 'vitals', 'status', '--sandbox', '--config', join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml')]);
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env.VITALS_NAMESPACE;
      else process.env.VITALS_NAMESPACE = before;
    }
    const out = lines.join('\n');
    expect(out).toMatch(/pull-jira-demo\s+0\s+0\s+0\s+0\s+0/);
    expect(out).toMatch(/jira-demo\s+failed\s+90\s+2026-11-18T15:00:00.000Z\s+source jira-demo failed \(bad_credentials\)/);
    expect(out).toMatch(/asana-demo\s+ok\s+11\s+2026-11-18T15:01:00.000Z/);
  });
});
