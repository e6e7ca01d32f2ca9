/**
 * The fault suite (`npm run test:faults`): the pipeline against both sandboxes (demo seed + a few thousand items)
 * while faults are injected one after another, each phase ending with the invariants of shared/DESIGN.md checked
 * from the outside: every sandbox item in the store at its latest version, no comment or alert delivered twice,
 * no item deleted by a failed pass, the running config the last good one. Prints a table; any failure fails jest.
 *
 * Simulated: Retry-After and backoff waits (connectors sleep on the injected clock), and the vendor outage (a window
 * of that clock). Real: the redis-server child (own port, own --dir, AOF) that is restarted and flushed, the worker
 * processes that are SIGKILLed, HTTP to the sandboxes and to the alert receiver, the config file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { seededRandom } from '../../connectors/sandbox-kit/faults';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { freePort, redisConnection, startRedisServer } from '../../src/pipeline/redis';
import { applyToSettings, createConfigReloader, type ConfigReloader } from '../../src/pipeline/reload';
import { queueCounts, runOnce, waitForIdle } from '../../src/pipeline/run-once';
import { createRuntime, type Runtime } from '../../src/pipeline/runtime';
import { startWorkers, type WorkerSet } from '../../src/pipeline/worker';
import { handleWebhook } from '../../src/pipeline/webhook';
import { checkItems, fileAlerts, formatTable, missingComments, repeats, trackerMarks, type Row } from './invariants';
import { Mutator } from './mutate';
import { alive, spawnWorker, stop, until, type WorkerChild } from './processes';
import { startFaultWorld, type FaultWorld } from './world';

jest.setTimeout(150_000);
const SOURCES = ['jira-demo', 'asana-demo'];
const PER_TOOL = Number(process.env.FAULTS_ITEMS ?? 1500);
const SEED = Number(process.env.FAULTS_SEED ?? 20261118);
const KILLS = 4;
const NS = 'vt-faults';
const GOOD = 'http://vitals-2.example.test';
const rnd = seededRandom(SEED);
const started = Date.now();

let redisDir: string;
let redisPort: number;
let redisUrl: string;
let redisChild: ChildProcess;
let conn: Redis;
let world: FaultWorld;
let runtime: Runtime;
let workers: WorkerSet | null = null;
let reloader: ConfigReloader;
let mutate: Mutator;
const children: WorkerChild[] = [];
const rows: Row[] = [];
const problems: string[] = [];
let dupSoFar = { comments: 0, alerts: 0 };

const settle = (timeoutMs = 60_000) => waitForIdle(runtime.queues, { timeoutMs, pollMs: 50 });
const poll = (mode: 'poll' | 'full' = 'poll') => runOnce(runtime.queues, SOURCES, { mode, timeoutMs: 60_000, pollMs: 50 });
const stats = () => ({
  r429: world.jira.faults.stats.rateLimited + world.asana.faults.stats.rateLimited,
  r5xx: world.jira.faults.stats.serverErrors + world.asana.faults.stats.serverErrors,
});
const wall = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s wall`;

/**
 * Polls until a poll posts nothing: our own comments change the items they land on (Asana moves modified_at), so
 * "latest version" is read once the write-back has gone quiet, as the next scheduled poll would see it.
 */
async function converge(): Promise<number> {
  for (let i = 1; i <= 4; i += 1) {
    const before = trackerMarks(world).length;
    await poll();
    if (trackerMarks(world).length === before) return i;
  }
  return 4;
}

/** Converges, checks every invariant and records one row; duplicates are those new since the previous row. */
async function record(fault: string, injected: number, note: string): Promise<Row> {
  await converge();
  const marks = trackerMarks(world, mutate.removedMarks);
  const comments = repeats(marks);
  const alerts = [...repeats(fileAlerts(world)), ...repeats(world.receiver.hits.map((h) => `${h.deliveryId} (webhook)`))];
  const items = await checkItems(world, runtime);
  const missing = await missingComments(world, runtime, marks);
  const dup = { comments: comments.length - dupSoFar.comments, alerts: alerts.length - dupSoFar.alerts };
  const row: Row = { fault, injected, checked: items.checked, duplicates: dup.comments + dup.alerts, losses: items.lost.length + items.ghosts.length + missing.length, note };
  dupSoFar = { comments: comments.length, alerts: alerts.length };
  rows.push(row);
  const detail = {
    duplicateComments: dup.comments, duplicateAlerts: dup.alerts, examples: [...comments, ...alerts].slice(-4),
    lost: items.lost.slice(0, 5), ghosts: items.ghosts.slice(0, 5), missingComments: missing.slice(0, 5),
  };
  if (row.duplicates || row.losses) problems.push(`${fault}: ${JSON.stringify(detail)}`);
  return row;
}

function expectClean(row: Row): void {
  expect({ fault: row.fault, duplicates: row.duplicates, losses: row.losses, problems }).toEqual({ fault: row.fault, duplicates: 0, losses: 0, problems: [] });
}

beforeAll(async () => {
  redisDir = mkdtempSync(join(tmpdir(), 'vt-faults-redis-'));
  redisPort = await freePort();
  const r = await startRedisServer(redisDir, redisPort);
  redisChild = r.child;
  redisUrl = r.url;
  conn = redisConnection(redisUrl);
  world = await startFaultWorld({ perTool: PER_TOOL });
  mutate = new Mutator(world, rnd);
  runtime = createRuntime(world.config, {
    redis: conn, namespace: NS, clock: world.clock, logger: silentLogger(), connectors: world.connectors(), evaluateDelayMs: 20,
    ledger: { leaseMs: 3000, doneTtlSec: 3600 },
  });
  reloader = createConfigReloader(world.configFile, world.config, { load: { env: world.env }, apply: applyToSettings(runtime.deps.settings) });
  workers = startWorkers(runtime.deps, runtime.queues, { lockDurationMs: 5000, stalledIntervalMs: 1000 });
});

afterAll(async () => {
  for (const c of children) await stop(c.proc, 'SIGKILL');
  await workers?.close();
  await runtime?.close();
  conn?.disconnect();
  if (redisChild) await stop(redisChild, 'SIGKILL');
  await world?.close();
  rmSync(redisDir, { recursive: true, force: true });
  if (world) rmSync(world.dir, { recursive: true, force: true });
  const out = [`\nFault suite: seed ${SEED}, ${PER_TOOL} + demo items per tool, ${wall(started)}`, formatTable(rows), ...problems.map((p) => `PROBLEM ${p}`), ''];
  process.stdout.write(`${out.join('\n')}\n`);
});

describe('the pipeline under injected faults (own redis-server, both sandboxes)', () => {
  it('429 storm with a long Retry-After (120 s, slept on the injected clock) over the first full sync', async () => {
    const t0 = Date.now();
    const before = stats().r429;
    const waited = world.simulatedWaitMs();
    world.jira.faults.set({ rate429: 0.3, retryAfterSec: 120 });
    world.asana.faults.set({ rate429: 0.3, retryAfterSec: 120 });
    await poll('full');
    world.jira.faults.reset();
    world.asana.faults.reset();
    const injected = stats().r429 - before;
    expect(injected).toBeGreaterThan(5);
    const sim = Math.round((world.simulatedWaitMs() - waited) / 60_000);
    expectClean(await record('429 storm', injected, `rate 0.3, Retry-After 120 s: ${sim} min simulated waiting, ${wall(t0)}`));
  });

  it('duplicated and reordered webhooks (under 429 and 5xx): the targeted pulls alone bring every change in', async () => {
    const t0 = Date.now();
    const before = stats();
    mutate.update(40, 3, true);
    mutate.remove(8, true);
    mutate.add(10, 10, true);
    const { sequence, repeated, reordered } = mutate.scrambled();
    world.jira.faults.set({ rate5xx: 0.1, rate429: 0.15, retryAfterSec: 300 });
    world.asana.faults.set({ rate5xx: 0.1, rate429: 0.15, retryAfterSec: 300 });
    for (const d of sequence) {
      const out = await handleWebhook(runtime.deps, runtime.queues, d.source, d.delivery, d.secret);
      expect(out.status).toBe(200);
    }
    await settle();
    world.jira.faults.reset();
    world.asana.faults.reset();
    // Before any poll: the targeted pulls alone brought every rename, creation and deletion in (titles; the
    // versions may still lag behind our own comments, which the next poll reads).
    const titles = await checkItems(world, runtime, { titlesOnly: true });
    expect(titles.lost).toEqual([]);
    expect(titles.ghosts).toEqual([]);
    const after = stats();
    const note = `${sequence.length} deliveries: ${repeated} repeats, ${reordered} out of order; meanwhile ${after.r429 - before.r429} × 429 (Retry-After 300 s), ${after.r5xx - before.r5xx} × 5xx; ${wall(t0)}`;
    expectClean(await record('duplicated + reordered webhooks', repeated + reordered, note));
  });

  it('5xx bursts (failNext 15 and 25 % random 500/503) during a poll', async () => {
    const t0 = Date.now();
    const before = stats().r5xx;
    mutate.update(300, 1);
    mutate.add(0, 20);
    world.jira.faults.set({ rate5xx: 0.25, failNext: 15 });
    world.asana.faults.set({ rate5xx: 0.25, failNext: 15 });
    await poll();
    world.jira.faults.reset();
    world.asana.faults.reset();
    const injected = stats().r5xx - before;
    expect(injected).toBeGreaterThan(15);
    expectClean(await record('5xx bursts', injected, `${wall(t0)}`));
  });

  it('a vendor down for two hours of simulated time: failed passes delete nothing, the next pass catches up', async () => {
    const t0 = Date.now();
    const before = stats().r5xx;
    const storedBefore = new Set([...(await runtime.deps.store.items.loadItems('jira-demo')).map((i) => `jira:${i.key}`), ...(await runtime.deps.store.items.loadItems('asana-demo')).map((i) => `asana:${i.key}`)]);
    mutate.update(40, 1);
    const removed = mutate.remove(5);
    const startAt = world.clock().getTime();
    let endedAt = 0;
    world.jira.faults.set({ down: true });
    world.asana.faults.set({ down: true });
    world.outage.until = startAt + 120 * 60_000;
    world.outage.onEnd = () => {
      endedAt = world.clock().getTime();
      world.jira.faults.set({ down: false });
      world.asana.faults.set({ down: false });
    };
    const stamp = Date.now();
    for (const s of SOURCES) {
      await runtime.queues.enqueue('reconcile.source', { source: s, requestedAt: world.clock().toISOString() }, { jobId: `down.rec.${s}.${stamp}` });
      await runtime.queues.enqueue('pull.source', { source: s, mode: 'poll' }, { jobId: `down.poll.${s}.${stamp}` });
    }
    // A failed pass is on record (lastError) while the vendor is still down: nothing it touched may be gone.
    await until('a failed pass on both sources', async () => {
      const st = await Promise.all(SOURCES.map((s) => runtime.deps.store.state.getSourceState(s)));
      return st.every((x) => (x.lastError ?? '') !== '');
    }, 30_000, async () => JSON.stringify({ endedAt, states: await Promise.all(SOURCES.map((s) => runtime.deps.store.state.getSourceState(s))), counts: await queueCounts(runtime.queues) }));
    const stillDown = endedAt === 0;
    const stored = new Set([...(await runtime.deps.store.items.loadItems('jira-demo')).map((i) => `jira:${i.key}`), ...(await runtime.deps.store.items.loadItems('asana-demo')).map((i) => `asana:${i.key}`)]);
    const deletedByFailedPass = [...storedBefore].filter((k) => !stored.has(k) && (stillDown || !removed.includes(k)));
    expect(stillDown).toBe(true);
    expect(deletedByFailedPass).toEqual([]);
    await settle(90_000);
    expect(endedAt).toBeGreaterThan(0);
    await poll();
    const injected = stats().r5xx - before;
    const row = await record('vendor down (simulated 2 h)', injected, `503 to every request for ${Math.round((endedAt - startAt) / 60_000)} min simulated; failed passes deleted ${deletedByFailedPass.length}; ${wall(t0)}`);
    expectClean(row);
  });

  it('SIGKILL of worker processes at random (seeded) points of a full sync and its write-back', async () => {
    const t0 = Date.now();
    await workers?.close();
    workers = null;
    mutate.update(300, 1);
    mutate.add(30, 20);
    world.jira.faults.set({ delayMs: 25 });
    world.asana.faults.set({ delayMs: 25 });
    children.push(await spawnWorker(world, redisUrl, NS), await spawnWorker(world, redisUrl, NS));
    for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'full' }, { jobId: `kill.${s}` });
    const killedDuring: string[] = [];
    for (let k = 0; k < KILLS; k += 1) {
      // More work before every kill (renames, stale work to comment on, a full pass), so each one lands mid-job.
      mutate.update(150, 1);
      mutate.add(5, 0);
      for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'full' }, { jobId: `kill.${k}.${s}` });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(rnd() * 900)));
      const active = (await queueCounts(runtime.queues)).filter((c) => c.active > 0).map((c) => c.queue.replace(/[{}]/g, ''));
      const live = children.filter((c) => alive(c.proc));
      const victim = live[Math.floor(rnd() * live.length)] as WorkerChild;
      await stop(victim.proc, 'SIGKILL');
      killedDuring.push(active.length ? active.join('+') : 'idle');
      children.push(await spawnWorker(world, redisUrl, NS));
    }
    world.jira.faults.reset();
    world.asana.faults.reset();
    await settle(90_000);
    expectClean(await record('SIGKILL of workers', KILLS, `killed during: ${killedDuring.join(', ')}; ${wall(t0)}`));
  });

  it('config reload with an error: every process keeps running on the last good config', async () => {
    const t0 = Date.now();
    const live = children.filter((c) => alive(c.proc));
    const hup = async (expectLine: (l: string) => boolean): Promise<void> => {
      const marks = live.map((c) => c.lines.length);
      for (const c of live) c.proc.kill('SIGHUP');
      await until('every worker to answer the SIGHUP', () => live.every((c, i) => c.lines.slice(marks[i]).some(expectLine)), 10_000);
    };
    world.writeConfig(GOOD);
    expect(reloader.reload().ok).toBe(true);
    await hup((l) => l === `reload ok ${GOOD}`);
    // The error: a program fed from a source that is not defined (and a typo'd key). The file no longer loads.
    world.writeConfig('http://vitals-3.example.test', (y) => y.replace('sources: [jira-demo, asana-demo]', 'sources: [jira-demo, asana-dmeo]').replace('writeback:', 'writebak:'));
    expect(loadConfig(world.configFile, { env: world.env }).ok).toBe(false);
    const bad = reloader.reload();
    expect(bad.ok).toBe(false);
    await hup((l) => /^reload rejected \d+ running /.test(l));
    const running = [...live.map((c) => c.lines.filter((l) => l.startsWith('reload')).at(-1)?.split(' ').at(-1)), reloader.current.server.publicUrl, runtime.deps.settings.publicUrl];
    expect(running).toEqual(running.map(() => GOOD));
    // New risks after the bad reload: the workers render their comments with the last good config's URL.
    const keys = mutate.add(5, 0, true);
    for (const d of mutate.scrambled().sequence) await handleWebhook(runtime.deps, runtime.queues, d.source, d.delivery, d.secret);
    await settle();
    const bodies = keys.flatMap((k) => (world.jira.state.comments.get(k) ?? []).map((c) => JSON.stringify(c.body)));
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => !b.includes(`${GOOD}/programs/`))).toEqual([]);
    const note = `1 good + 1 bad reload (SIGHUP) to ${live.length} workers + this process: all still run ${GOOD}; ${bodies.length} new comments link it; ${wall(t0)}`;
    expectClean(await record('config reload with an error', 1, note));
    for (const c of children) await stop(c.proc, 'SIGTERM');
    workers = startWorkers(runtime.deps, runtime.queues, { lockDurationMs: 5000, stalledIntervalMs: 1000 });
  });

  it('Redis restarted (SIGTERM, AOF) in the middle of a pass', async () => {
    const t0 = Date.now();
    mutate.update(300, 1);
    mutate.add(0, 20);
    world.jira.faults.set({ delayMs: 20 });
    world.asana.faults.set({ delayMs: 20 });
    for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'full' }, { jobId: `restart.${s}` });
    await until('a pull to be running', async () => (await queueCounts(runtime.queues)).some((c) => c.active > 0), 10_000);
    await new Promise((r) => setTimeout(r, 200 + Math.floor(rnd() * 300)));
    const down = Date.now();
    await stop(redisChild, 'SIGTERM');
    redisChild = (await startRedisServer(redisDir, redisPort)).child;
    const downMs = Date.now() - down;
    world.jira.faults.reset();
    world.asana.faults.reset();
    await settle();
    expectClean(await record('Redis restart', 1, `own redis-server on :${redisPort}, down ${downMs} ms, AOF replayed; ${wall(t0)}`));
  });

  it('Redis flushed (FLUSHALL) in the middle of a pass: markers on the tracker side prevent reposts', async () => {
    const t0 = Date.now();
    mutate.update(200, 1);
    world.jira.faults.set({ delayMs: 20 });
    world.asana.faults.set({ delayMs: 20 });
    for (const s of SOURCES) await runtime.queues.enqueue('pull.source', { source: s, mode: 'full' }, { jobId: `flush.${s}` });
    await until('a pull to be running', async () => (await queueCounts(runtime.queues)).some((c) => c.active > 0), 10_000);
    await new Promise((r) => setTimeout(r, 200 + Math.floor(rnd() * 300)));
    await conn.flushall();
    world.jira.faults.reset();
    world.asana.faults.reset();
    await settle();
    // The cursors went with the flush: the next scheduled poll starts over; a reconcile follows as scheduled.
    for (const s of SOURCES) await runtime.queues.enqueue('reconcile.source', { source: s, requestedAt: world.clock().toISOString() }, { jobId: `flush.rec.${s}` });
    await settle();
    expectClean(await record('Redis flush', 1, `FLUSHALL on the own redis-server mid-pass; ${wall(t0)}`));
  });

  it('end state after every fault: all invariants at once', async () => {
    for (const s of SOURCES) await runtime.queues.enqueue('reconcile.source', { source: s, requestedAt: world.clock().toISOString() }, { jobId: `final.rec.${s}` });
    await settle();
    const last = await record('all faults (end state)', rows.reduce((n, r) => n + r.injected, 0), 'final poll + reconcile');
    last.duplicates = dupSoFar.comments + dupSoFar.alerts;
    expect(reloader.current.server.publicUrl).toBe(GOOD);
    expect(runtime.deps.settings.publicUrl).toBe(GOOD);
    expectClean(last);
    expect(rows.every((r) => r.duplicates === 0 && r.losses === 0)).toBe(true);
  });
});
