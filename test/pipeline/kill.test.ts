/**
 * Real processes, real Redis: a worker SIGKILLed in the middle of a pull and in the middle of a notify, then
 * restarted, loses no item and posts no comment twice; a Redis restarted mid-run (own redis-server, AOF on) is
 * reconnected to and the run finishes. Child workers run `node --import tsx test/pipeline/child-worker.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { COMMENT_PROPERTY } from '../../connectors/jira/push';
import { silentLogger } from '../../src/log';
import { freePort, redisConnection, startRedisServer } from '../../src/pipeline/redis';
import { queueCounts, runOnce, waitForIdle } from '../../src/pipeline/run-once';
import { createRuntime, type Runtime } from '../../src/pipeline/runtime';
import { startWorkers } from '../../src/pipeline/worker';
import { deleteByPattern } from '../../src/store';
import { startWorld, type World } from './world';

jest.setTimeout(30_000);
const DAY = 86_400_000;
const SOURCES = ['jira-demo', 'asana-demo'];

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function spawnWorker(world: World, redisUrl: string, namespace: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'child-worker.ts')], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, ...world.env, REDIS_URL: redisUrl, VT_NAMESPACE: namespace },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`child worker exited early (${code})`)));
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** `<item>|<fingerprint>` of every comment on the tracker side, read from the sandboxes' own state. */
function trackerMarks(world: World): string[] {
  const out: string[] = [];
  for (const [key, comments] of world.jira.state.comments) {
    for (const c of comments) out.push(`jira:${key}|${(c.properties.get(COMMENT_PROPERTY) as { fingerprint?: string } | undefined)?.fingerprint ?? '?'}`);
  }
  for (const [task, stories] of world.asana.state.stories) {
    for (const s of stories) if (s.type === 'comment') out.push(`asana:${task}|${/vitals:([A-Za-z0-9:_.-]+)/.exec(s.text)?.[1] ?? '?'}`);
  }
  return out;
}

function duplicates(marks: string[]): string[] {
  const seen = new Set<string>();
  return marks.filter((m) => (seen.has(m) ? true : (seen.add(m), false)));
}

/** Every sandbox item is stored, at the version the sandbox holds now. */
async function expectLatest(world: World, runtime: Runtime): Promise<void> {
  const store = runtime.deps.store.items;
  const jira = new Map((await store.loadItems('jira-demo')).map((i) => [i.key, i]));
  const asana = new Map((await store.loadItems('asana-demo')).map((i) => [i.key, i]));
  const stale: string[] = [];
  for (const [key, issue] of world.jira.state.issues) {
    const got = jira.get(key);
    if (!got || Date.parse(got.version) !== issue.updated) stale.push(`jira:${key}`);
  }
  for (const [gid, task] of world.asana.state.tasks) {
    const got = asana.get(gid);
    if (!got || Date.parse(got.version) !== Date.parse(task.modifiedAt)) stale.push(`asana:${gid}`);
  }
  expect(stale).toEqual([]);
  expect(jira.size).toBe(world.jira.state.issues.size);
  expect(asana.size).toBe(world.asana.state.tasks.size);
}

/** 40 in-progress EHR build tasks untouched for 60 days: 40 stale-item risks, 40 comments. */
function addStaleWork(world: World): void {
  const t = world.clock().getTime() - 60 * DAY;
  for (let i = 0; i < 40; i += 1) {
    world.jira.addIssue({ project: 'EHR', summary: `Build report ${i + 1}`, issuetype: 'Task', labels: ['build'], status: 'In Progress', category: 'indeterminate', created: t - DAY, updated: t, resolutiondate: null, resolution: null });
  }
}

function addManyTasks(world: World, n: number): void {
  for (let i = 0; i < n; i += 1) world.asana.addTask({ project: world.seed.asanaProjects.ehr, name: `Readiness checklist line ${i + 1}`, section: 'Readiness', createdAt: new Date(world.clock().getTime() - 40 * DAY).toISOString() });
}

describe('worker killed with SIGKILL (child processes, shared Redis, own namespace)', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const conn = redisConnection(url);
  const namespaces: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await stop(c, 'SIGKILL');
  });
  afterAll(async () => {
    for (const ns of namespaces) await deleteByPattern(conn, `{${ns}}*`);
    await conn.quit();
  });

  function watcher(world: World): Runtime {
    const namespace = `vt-kill-${randomUUID().slice(0, 8)}`;
    namespaces.push(namespace);
    return createRuntime(world.config, { redis: conn, namespace, clock: world.clock, logger: silentLogger() });
  }

  it('mid-pull: the restarted worker resumes from the stored cursor; every item ends at its latest version', async () => {
    const world = await startWorld();
    const runtime = watcher(world);
    try {
      addManyTasks(world, 1500);
      world.asana.faults.set({ delayMs: 40 });
      children.push(await spawnWorker(world, url, runtime.namespace));
      for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'poll' }, { jobId: `kill.${s}` });
      await until('the first Asana page to be stored', async () => (await runtime.deps.store.items.count('asana-demo')) > 0, 15_000);
      await stop(children[0] as ChildProcess, 'SIGKILL');
      const atKill = await runtime.deps.store.items.count('asana-demo');
      expect(atKill).toBeLessThan(world.asana.state.tasks.size);
      expect(await runtime.deps.store.items.getCursor('asana-demo')).not.toBeNull();

      // Changes made while no worker runs: the next passes must bring them in.
      world.clock.advance(60_000);
      const someTasks = [...world.asana.state.tasks.keys()].slice(0, 5);
      for (const gid of someTasks) world.asana.updateTask(gid, { name: 'Readiness checklist line (edited)' });
      for (const key of world.seed.jiraKeys.slice(0, 5)) world.jira.updateIssue(key, { summary: 'Edited summary' });
      world.asana.faults.set({ delayMs: 0 });

      children.push(await spawnWorker(world, url, runtime.namespace));
      await waitForIdle(runtime.queues, { timeoutMs: 15_000 });
      await runOnce(runtime.queues, SOURCES, { mode: 'poll', timeoutMs: 10_000 });
      await runOnce(runtime.queues, SOURCES, { mode: 'poll', timeoutMs: 10_000 });
      await expectLatest(world, runtime);
      expect(duplicates(trackerMarks(world))).toEqual([]);
      for (const s of SOURCES) expect((await runtime.deps.store.state.getSourceState(s)).status).toBe('ok');
    } finally {
      await runtime.close();
      await world.close();
    }
  });

  it('mid-notify: the restarted worker posts the rest, none twice', async () => {
    const world = await startWorld();
    const runtime = watcher(world);
    try {
      addStaleWork(world);
      world.jira.faults.set({ delayMs: 60 });
      children.push(await spawnWorker(world, url, runtime.namespace));
      for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'poll' }, { jobId: `kill.${s}` });
      await until('a few comments to land', () => world.commentCount() >= 3, 15_000);
      await stop(children[0] as ChildProcess, 'SIGKILL');
      const atKill = world.commentCount();
      const notify = (await queueCounts(runtime.queues)).find((c) => c.queue === 'notify');
      expect((notify?.waiting ?? 0) + (notify?.active ?? 0) + (notify?.delayed ?? 0)).toBeGreaterThan(0);

      world.jira.faults.set({ delayMs: 0 });
      children.push(await spawnWorker(world, url, runtime.namespace));
      await waitForIdle(runtime.queues, { timeoutMs: 20_000 });
      const marks = trackerMarks(world);
      expect(duplicates(marks)).toEqual([]);
      expect(marks.length).toBeGreaterThan(atKill);
      // Every risk the program holds with a target has its comment on the tracker, exactly once.
      const risks = await runtime.deps.store.state.getRiskState('ehr-golive');
      const expected = [...risks.values()].filter((r) => r.target).map((r) => `${r.target?.split(':')[0]}:${r.target?.split(':').slice(2).join(':')}|${r.fingerprint}.s${r.severity}`);
      expect(expected.length).toBeGreaterThanOrEqual(40);
      for (const e of expected) expect(marks.filter((m) => m === e)).toHaveLength(1);
    } finally {
      await runtime.close();
      await world.close();
    }
  });
});

describe('Redis restarted mid-run (own redis-server child, AOF on)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vt-redis-restart-'));
  let redis: ChildProcess | null = null;
  afterAll(async () => {
    if (redis) await stop(redis, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects and finishes: all items stored, comments posted once', async () => {
    const port = await freePort();
    redis = (await startRedisServer(dir, port)).child;
    const conn: Redis = redisConnection(`redis://127.0.0.1:${port}`);
    const world = await startWorld();
    const runtime = createRuntime(world.config, { redis: conn, namespace: 'vt-restart', clock: world.clock, logger: silentLogger(), evaluateDelayMs: 20 });
    const workers = startWorkers(runtime.deps, runtime.queues, { lockDurationMs: 3000, stalledIntervalMs: 1000 });
    try {
      addManyTasks(world, 1500);
      addStaleWork(world);
      world.asana.faults.set({ delayMs: 40 });
      for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'poll' }, { jobId: `restart.${s}` });
      await until('the first Asana page to be stored', async () => (await runtime.deps.store.items.count('asana-demo')) > 0, 15_000);
      await stop(redis, 'SIGTERM');
      redis = (await startRedisServer(dir, port)).child;
      world.asana.faults.set({ delayMs: 0 });
      await waitForIdle(runtime.queues, { timeoutMs: 20_000 });
      await runOnce(runtime.queues, SOURCES, { mode: 'poll', timeoutMs: 10_000 });
      await expectLatest(world, runtime);
      expect(world.commentCount()).toBeGreaterThanOrEqual(40);
      expect(duplicates(trackerMarks(world))).toEqual([]);
      for (const s of SOURCES) expect((await runtime.deps.store.state.getSourceState(s)).status).toBe('ok');
    } finally {
      await workers.close();
      await runtime.close();
      conn.disconnect();
      await world.close();
    }
  });
});
