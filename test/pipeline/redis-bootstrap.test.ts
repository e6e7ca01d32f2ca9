/**
 * The bootstrap on a machine without Redis on its default address: it starts a redis-server with its own data dir,
 * records its port and pid, and the next run finds that server again instead of starting another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapRedis, freePort, NoRedisError, readServerRecord, type RedisHandle } from '../../src/pipeline/redis';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('bootstrapRedis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-boot-'));
  const pids: number[] = [];
  afterAll(async () => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
    await until(() => pids.every((p) => !alive(p))).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a redis-server, records it, and the next run reuses it; a dead record starts a new one', async () => {
    const defaultUrl = `redis://127.0.0.1:${await freePort()}`;
    const logs: string[] = [];
    const opts = { env: {}, dataDir: dir, defaultUrl, log: (m: string) => logs.push(m) };

    const first: RedisHandle = await bootstrapRedis(opts);
    const rec = readServerRecord(dir);
    expect(first.origin).toBe('started');
    expect(rec).not.toBeNull();
    pids.push(rec?.pid ?? 0);
    expect(first.url).toBe(`redis://127.0.0.1:${rec?.port}`);
    expect(logs.join('\n')).toMatch(/started redis-server on port \d+ \(pid \d+/);
    const a = first.connect();
    await a.set('vt:boot:k', 'v1');
    a.disconnect();
    await first.stop();
    expect(alive(rec?.pid ?? 0)).toBe(true);

    const second = await bootstrapRedis(opts);
    expect(second.origin).toBe('reused');
    expect(second.url).toBe(first.url);
    const b = second.connect();
    expect(await b.get('vt:boot:k')).toBe('v1');
    b.disconnect();

    process.kill(rec?.pid ?? 0, 'SIGTERM');
    await until(() => !alive(rec?.pid ?? 0));
    const third = await bootstrapRedis(opts);
    const rec3 = readServerRecord(dir);
    pids.push(rec3?.pid ?? 0);
    expect(third.origin).toBe('started');
    expect(rec3?.pid).not.toBe(rec?.pid);
    const c = third.connect();
    // AOF on in the same dir: the data of the first server survived its restart.
    expect(await c.get('vt:boot:k')).toBe('v1');
    c.disconnect();
  });

  it('names the three ways to get Redis when there is no binary', async () => {
    const defaultUrl = `redis://127.0.0.1:${await freePort()}`;
    const empty = mkdtempSync(join(tmpdir(), 'vt-boot-none-'));
    try {
      const err = await bootstrapRedis({ env: {}, dataDir: empty, defaultUrl, binary: 'vt-no-such-redis-server' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoRedisError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/apt-get install redis-server/);
      expect(msg).toMatch(/brew install redis/);
      expect(msg).toMatch(/docker compose up redis/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
