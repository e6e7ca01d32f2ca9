/**
 * Faults against real Redis and the real sandboxes: a bad payload fails at once; revoked credentials fail one
 * source while the other goes on and nothing is deleted; a Redis that lost everything posts no duplicate.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/log';
import { QUEUE_NAMES } from '../../src/pipeline/queues';
import { redisConnection, startRedisServer } from '../../src/pipeline/redis';
import { runOnce, waitForIdle } from '../../src/pipeline/run-once';
import { createRuntime, type Runtime } from '../../src/pipeline/runtime';
import { startWorkers, type WorkerSet } from '../../src/pipeline/worker';
import { deleteByPattern } from '../../src/store';
import { startWorld, type World } from './world';

const FAST = { lockDurationMs: 5000, stalledIntervalMs: 1000 };

async function open(world: World, conn: Redis, namespace: string): Promise<{ runtime: Runtime; workers: WorkerSet }> {
  const runtime = createRuntime(world.config, { redis: conn, namespace, clock: world.clock, logger: silentLogger(), evaluateDelayMs: 20 });
  return { runtime, workers: startWorkers(runtime.deps, runtime.queues, FAST) };
}

describe('pipeline faults (shared Redis, own namespace)', () => {
  const conn = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const namespace = `vt-pipe-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await deleteByPattern(conn, `{${namespace}}*`);
    await conn.quit();
  });

  it('fails a job with a bad payload at once, without retries', async () => {
    const world = await startWorld();
    const { runtime, workers } = await open(world, conn, namespace);
    try {
      const id = await runtime.queues.enqueueUnchecked(QUEUE_NAMES.evaluate, 'evaluate.program', { program: 42 });
      await waitForIdle(runtime.queues, { timeoutMs: 10_000 });
      const job = await runtime.queues.queue(QUEUE_NAMES.evaluate).getJob(id ?? '');
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toMatch(/bad payload for job evaluate.program: program/);
      await expect(runtime.queues.enqueue('evaluate.program', { program: '' })).rejects.toThrow(/bad payload/);
    } finally {
      await workers.close();
      await runtime.close();
      await world.close();
    }
  });

  it('marks a source with revoked credentials failed, goes on with the other, deletes nothing', async () => {
    const world = await startWorld();
    const ns = `${namespace}-cred`;
    const first = await open(world, conn, ns);
    await runOnce(first.runtime.queues, ['jira-demo', 'asana-demo'], { mode: 'full', timeoutMs: 20_000 });
    const jiraItems = await first.runtime.deps.store.items.count('jira-demo');
    expect(jiraItems).toBe(world.seed.jiraKeys.length);
    await first.workers.close();
    await first.runtime.close();

    // The Jira site now rejects the token we hold (revoked), the Asana workspace still answers.
    const revokedConfig = {
      ...world.config,
      sources: world.config.sources.map((src) => (src.kind === 'jira' ? { ...src, auth: { kind: 'basic' as const, email: 'vitals-bot@example.test', apiToken: 'revoked-token' } } : src)),
    };
    const second = await open({ ...world, config: revokedConfig }, conn, ns);
    try {
      await runOnce(second.runtime.queues, ['jira-demo', 'asana-demo'], { mode: 'full', timeoutMs: 20_000 });
      await second.runtime.queues.enqueue('reconcile.source', { source: 'jira-demo' });
      await waitForIdle(second.runtime.queues, { timeoutMs: 20_000 });
      const jira = await second.runtime.deps.store.state.getSourceState('jira-demo');
      const asana = await second.runtime.deps.store.state.getSourceState('asana-demo');
      expect(jira.status).toBe('failed');
      expect(jira.lastError).toMatch(/jira-demo failed \(bad_credentials\)/);
      expect(jira.lastError).not.toContain('revoked-token');
      expect(asana.lastError ?? '').toBe('');
      expect(asana.status).toBe('ok');
      expect(await second.runtime.deps.store.items.count('jira-demo')).toBe(jiraItems);
    } finally {
      await second.workers.close();
      await second.runtime.close();
      await world.close();
    }
  });
});

describe('Redis that lost everything (own redis-server child)', () => {
  let child: ChildProcess;
  let conn: Redis;
  beforeAll(async () => {
    const started = await startRedisServer(join(tmpdir(), `vt-redis-${randomUUID().slice(0, 8)}`));
    child = started.child;
    conn = redisConnection(started.url);
  });
  afterAll(async () => {
    conn.disconnect();
    child.kill('SIGKILL');
  });

  it('posts no duplicate comment after a FLUSHALL: the tracker-side marker decides', async () => {
    const world = await startWorld();
    try {
      let run = await open(world, conn, 'vt-flush');
      await runOnce(run.runtime.queues, ['jira-demo', 'asana-demo'], { mode: 'full', timeoutMs: 20_000 });
      const posted = world.commentCount();
      expect(posted).toBeGreaterThan(0);
      await run.workers.close();
      await run.runtime.close();

      await conn.flushall();
      run = await open(world, conn, 'vt-flush');
      await runOnce(run.runtime.queues, ['jira-demo', 'asana-demo'], { mode: 'full', timeoutMs: 20_000 });
      expect(world.commentCount()).toBe(posted);
      const audit = await run.runtime.deps.store.audit.list();
      expect(audit.filter((a) => a.action === 'posted')).toHaveLength(0);
      expect(audit.filter((a) => a.action === 'skipped_duplicate').length).toBeGreaterThan(0);
      await run.workers.close();
      await run.runtime.close();
    } finally {
      await world.close();
    }
  });
});
