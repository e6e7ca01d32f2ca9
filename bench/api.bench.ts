/**
 * `npm run bench -- api [--quick]`: 100 programs and 100,000 items evaluated by the real engine and written through
 * the real store, the API server in a child process, and an open-loop load generator on loopback at 300 requests/s
 * (half portfolio, half program detail) for 30 s (5 s with --quick). Latency is measured from each request's
 * scheduled start, so a stalled server cannot hide its queueing. Target: p99 < 50 ms, 0 errors.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiKeyStore } from '../src/api/api-keys';
import { startApiServer } from '../src/api';
import type { ApiDeps } from '../src/api/context';
import { RedisPortfolioStore } from '../src/api/redis-adapter';
import type { ProgramCatalog, QueueProbe, SyncTrigger, WebhookIntake } from '../src/api/ports';
import { systemClock, fixedClock } from '../src/clock';
import { evaluateProgram } from '../src/health';
import type { Program, WorkItem } from '../src/model';
import { redisConnection } from '../src/pipeline/redis';
import { createStore, deleteByPattern } from '../src/store';
import { done, makeProgram, steadyHistory, wi } from '../test/health/fixtures';
import type { Bench, Figure } from './lib/report';

const PROGRAMS = 100;
const ITEMS_PER_PROGRAM = 1000;
const RATE = 300;
const NOW = '2026-10-20T14:00:00.000Z';
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function items(program: string): WorkItem[] {
  const out: WorkItem[] = [
    wi({ key: `${program}-SRA`, program, kind: 'compliance', gate: 'hipaa-sra', phase: 'training', source: { due: '2026-10-05' } }),
    done({ key: `${program}-BAA`, program, kind: 'compliance', gate: 'hipaa-baa', phase: 'design' }),
  ];
  for (let i = 0; i < ITEMS_PER_PROGRAM - 2; i++) {
    const spec = { key: `${program}-${i}`, program, phase: i % 2 ? 'testing' : 'build', milestone: i % 2 ? 'm-golive' : 'm-build-exit', source: { due: '2026-11-01' } };
    out.push(i % 3 === 0 ? wi(spec) : done(spec, '2026-09-20T15:00:00Z'));
  }
  return out;
}

function catalogOf(programs: Program[]): ProgramCatalog {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return { list: () => programs, get: (id) => byId.get(id) ?? null, sources: (id) => [`bench-${id}`], sourceKind: () => null };
}

const noSync: SyncTrigger = { requestSync: async () => ({ jobs: [] }) };
const noWebhooks: WebhookIntake = {
  parse: async () => ({ kind: 'ignored', reason: 'bench' }),
  storeHandshake: async () => undefined,
  enqueue: async () => undefined,
};
const noQueues: QueueProbe = { ping: async () => true, counts: async () => [] };

/** The server side, in its own process (so the load generator does not share its event loop). */
async function child(): Promise<void> {
  const { prefix, apiPrefix, programsFile } = JSON.parse(process.env.VITALS_BENCH_API_CHILD ?? '{}') as { prefix: string; apiPrefix: string; programsFile: string };
  const programs = JSON.parse(readFileSync(programsFile, 'utf8')) as Program[];
  const redis = redisConnection(REDIS);
  const catalog = catalogOf(programs);
  const deps: ApiDeps = {
    store: new RedisPortfolioStore(redis, createStore(redis, { prefix }), catalog, apiPrefix),
    catalog,
    keys: new ApiKeyStore(redis, apiPrefix),
    clock: fixedClock(NOW),
    sync: noSync,
    webhooks: noWebhooks,
    queues: noQueues,
    redisPing: async () => (await redis.ping()) === 'PONG',
    actionLinkSecret: null,
    publicUrl: 'http://127.0.0.1',
    // The load generator is one key standing in for many PMO users.
    rateLimit: { windowMs: 60_000, limit: 1_000_000 },
  };
  const server = await startApiServer(deps, 0);
  console.log(JSON.stringify({ url: server.url }));
  process.on('SIGTERM', () => {
    void server.close().then(() => redis.quit()).then(() => process.exit(0));
  });
}

function get(agent: Agent, url: string, key: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolve({ status: 0, bytes }));
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
    req.end();
  });
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number) : NaN;
}

async function run(args: string[]): Promise<Figure[]> {
  const seconds = args.includes('--quick') ? 5 : 30;
  const ns = `vtbenchapi${process.pid}`;
  const prefix = `{${ns}}:s:`;
  const apiPrefix = `{${ns}}:api:`;
  const redis = redisConnection(REDIS);
  const store = createStore(redis, { prefix });
  const t0 = Date.now();
  const programs: Program[] = [];
  let snapshotBytes = 0;
  for (let p = 0; p < PROGRAMS; p++) {
    const program = makeProgram({ id: `prog-${String(p).padStart(3, '0')}`, name: `Program ${p}` });
    programs.push(program);
    const list = items(program.id);
    await store.items.savePage(`bench-${program.id}`, list.map((w) => w.source), null);
    for (const back of [7, 0]) {
      const now = new Date(Date.parse(NOW) - back * 86_400_000);
      const ev = evaluateProgram({ program, items: list, history: steadyHistory(8, 40, '2026-10-12'), escalations: [], now });
      await store.state.saveSnapshot(ev);
      if (back === 0) snapshotBytes += JSON.stringify(ev).length;
    }
  }
  const seedMs = Date.now() - t0;
  const dir = mkdtempSync(join(tmpdir(), 'vitals-bench-api-'));
  const programsFile = join(dir, 'programs.json');
  writeFileSync(programsFile, JSON.stringify(programs));
  const key = (await new ApiKeyStore(redis, apiPrefix).create({ role: 'viewer', programs: '*', label: 'bench', now: systemClock() })).key;

  const proc = spawn(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, VITALS_BENCH_API_CHILD: JSON.stringify({ prefix, apiPrefix, programsFile }) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', (l) => resolve((JSON.parse(l) as { url: string }).url));
    proc.once('exit', (c) => reject(new Error(`bench api server exited with ${c}`)));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    // Warm-up: one pass over every endpoint fills the render cache, as a running server has it.
    await get(agent, `${url}/api/portfolio`, key);
    for (const p of programs) await get(agent, `${url}/api/programs/${p.id}`, key);

    const lat: number[] = [];
    let errors = 0;
    let bytes = 0;
    const total = RATE * seconds;
    const start = performance.now();
    const inflight: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const path = i % 2 === 0 ? '/api/portfolio' : `/api/programs/${programs[(i * 7) % PROGRAMS]!.id}`;
      inflight.push(
        get(agent, `${url}${path}`, key).then((res) => {
          lat.push(performance.now() - due);
          bytes += res.bytes;
          if (res.status !== 200) errors += 1;
        }),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - start) / 1000;
    lat.sort((a, b) => a - b);
    console.log(`seeded ${PROGRAMS} programs / ${PROGRAMS * ITEMS_PER_PROGRAM} items in ${(seedMs / 1000).toFixed(1)} s; mean snapshot ${(snapshotBytes / PROGRAMS / 1024).toFixed(0)} KiB; ${total} requests in ${elapsed.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MiB received`);
    return [
      { bench: 'api', name: 'p50 latency', value: pct(lat, 50), unit: 'ms' },
      { bench: 'api', name: 'p95 latency', value: pct(lat, 95), unit: 'ms' },
      { bench: 'api', name: 'p99 latency', value: pct(lat, 99), unit: 'ms', target: 50 },
      { bench: 'api', name: 'errors', value: errors, unit: 'req', target: 0 },
      { bench: 'api', name: 'throughput', value: total / elapsed, unit: 'req/s', target: RATE, higherIsBetter: true, note: `${seconds} s` },
    ];
  } finally {
    agent.destroy();
    proc.kill('SIGTERM');
    await deleteByPattern(redis, `{${ns}}*`);
    await redis.quit();
  }
}

export const bench: Bench = {
  name: 'api',
  description: `PMO API: ${PROGRAMS} programs, ${PROGRAMS * ITEMS_PER_PROGRAM} items, ${RATE} req/s open loop on portfolio and program detail (30 s; --quick 5 s)`,
  run,
};

if (require.main === module && process.env.VITALS_BENCH_API_CHILD) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
