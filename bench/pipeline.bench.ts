/**
 * `npm run bench -- pipeline [--full]`: the whole pipeline against both sandboxes. 20,000 items (100,000 with
 * --full) over 10 programs, each a Jira project (3/4 of its items) and an Asana project (1/4), from an empty
 * namespace to every program evaluated and every risk commented; then changes made through signed Jira webhooks
 * (the API's handler, src/pipeline/webhook.ts) timed until their comment lands in the sandbox. The worker runs as
 * its own process (bench/lib/pipeline-worker.ts) so its peak RSS is its own. Redis is a private redis-server
 * (temp dir) so INFO used_memory is not disturbed by other users; the namespace is deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAsanaSandbox, type AsanaSandbox } from '../connectors/asana/sandbox';
import { startJiraSandbox, type JiraSandbox } from '../connectors/jira/sandbox/server';
import { systemClock } from '../src/clock';
import { formatIssues, loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { redisConnection, startRedisServer } from '../src/pipeline/redis';
import { runOnce, waitForIdle } from '../src/pipeline/run-once';
import { createRuntime } from '../src/pipeline/runtime';
import { handleWebhook } from '../src/pipeline/webhook';
import { deleteByPattern } from '../src/store';
import type { Bench, Figure } from './lib/report';
import { buildSync } from 'esbuild';

const PROGRAMS = 10;
const CHANGES = 40;
const DAY = 86_400_000;
const SECRET = 'bench-jira-webhook-secret';
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface World {
  jira: JiraSandbox;
  asana: AsanaSandbox;
  /** Open, recently updated Jira issues a webhook change turns stale (one comment each). */
  quiet: string[];
  yaml: string;
}

async function seed(total: number): Promise<World> {
  const jira = await startJiraSandbox({ seed: 7 });
  const asana = await startAsanaSandbox({ seed: 7 });
  const now = Date.now();
  const perProgram = Math.floor(total / PROGRAMS);
  const jiraPer = Math.floor((perProgram * 3) / 4);
  const quiet: string[] = [];
  const programs: string[] = [];
  const asanaProjects: string[] = [];
  const phaseNames = ['initiation', 'planning', 'design', 'build', 'testing', 'training', 'golive', 'stabilization', 'optimization'];
  for (let p = 0; p < PROGRAMS; p += 1) {
    const key = `H${String.fromCharCode(65 + p)}`;
    for (let i = 0; i < jiraPer; i += 1) {
      const done = i % 3 === 0;
      const stale = i % 97 === 1;
      const created = now - (120 - (i % 90)) * DAY;
      const updated = done ? created + 20 * DAY : stale ? now - 60 * DAY : now - (i % 5) * DAY;
      const issue = jira.addIssue({
        project: key, summary: `Build task ${i}`, issuetype: i % 50 === 7 ? 'Bug' : 'Task', labels: [i % 4 === 0 ? 'ivt' : 'build'],
        status: done ? 'Done' : 'In Progress', category: done ? 'done' : 'indeterminate', created, updated,
        resolutiondate: done ? updated : null, resolution: done ? 'Done' : null, duedate: ymd(now + ((i % 60) - 10) * DAY),
        assignee: `acct-${i % 25}`,
      });
      if (!done && !stale && quiet.length < CHANGES * (p + 1) / PROGRAMS) quiet.push(issue.key);
    }
    jira.addIssue({ project: key, summary: 'HIPAA security risk analysis', issuetype: 'Task', labels: ['hipaa-sra'], status: 'In Progress', category: 'indeterminate', duedate: ymd(now + 40 * DAY), assignee: 'acct-sra' });
    const gid = asana.addProject(`Program ${p} readiness`, ['BAA inventory', 'Sign-offs', 'Readiness']);
    asanaProjects.push(gid);
    for (let i = 0; i < perProgram - jiraPer - 1; i += 1) {
      const completed = i % 2 === 0;
      asana.addTask({
        project: gid, name: `Readiness item ${i}`, section: i % 10 === 0 ? 'BAA inventory' : 'Readiness', completed,
        completedAt: completed ? new Date(now - (i % 60) * DAY).toISOString() : null, dueOn: ymd(now + ((i % 90) + 5) * DAY),
        createdAt: new Date(now - 150 * DAY).toISOString(),
      });
    }
    const start = now - 200 * DAY;
    const phases = phaseNames.map((n, k) => `      ${n}: { start: ${ymd(start + k * 40 * DAY)}, end: ${ymd(start + (k * 40 + 37) * DAY)} }`).join('\n');
    programs.push(`  - id: prog-${p}
    name: Bench program ${p}
    extends: ehr-implementation
    sources: [jira-bench, asana-bench]
    calendar: { timeZone: America/New_York }
    phases:
${phases}
    milestones:
      build-complete: { name: Build complete, kind: phase_exit, baseline: ${ymd(start + 157 * DAY)}, phase: build }
      ivt-complete: { name: Integrated testing complete, kind: phase_exit, baseline: ${ymd(start + 197 * DAY)}, phase: testing }
    rules:
      - { id: sra, when: { source: [jira-bench], project: [${key}], labels: [hipaa-sra] }, set: { gate: hipaa-sra, phase: testing } }
      - { id: defects, when: { source: [jira-bench], project: [${key}], type: [Bug] }, set: { kind: defect, phase: testing } }
      - { id: ivt, when: { source: [jira-bench], project: [${key}], labels: [ivt] }, set: { kind: task, milestone: ivt-complete, phase: testing } }
      - { id: build, when: { source: [jira-bench], project: [${key}], labels: [build] }, set: { kind: task, milestone: build-complete, phase: build } }
      - { id: baa, when: { source: [asana-bench], project: ["${gid}"], section: [BAA inventory] }, set: { gate: hipaa-baa, phase: planning } }
      - { id: ready, when: { source: [asana-bench], project: ["${gid}"], section: [Readiness] }, set: { phase: training } }`);
  }
  const keys = Array.from({ length: PROGRAMS }, (_, p) => `H${String.fromCharCode(65 + p)}`).join(', ');
  const yaml = `sources:
  - kind: jira
    id: jira-bench
    baseUrl: ${jira.url}
    auth: { kind: basic, email: vitals-bot@example.test, apiToken: sandbox-token }
    jql: project in (${keys}) ORDER BY updated ASC
    webhookSecret: ${SECRET}
  - kind: asana
    id: asana-bench
    baseUrl: ${asana.url}
    token: sandbox-token
    workspace: "${asana.state.workspace.gid}"
    projects: [${asanaProjects.map((g) => `"${g}"`).join(', ')}]
    statusUpdates: false
programs:
${programs.join('\n')}
writeback: { resolvedNote: false, target: item, titles: omit }
server: { port: 8080, publicUrl: "http://localhost:8080" }
`;
  return { jira, asana, quiet: quiet.slice(0, CHANGES), yaml };
}

function commentCount(w: World): number {
  let n = 0;
  for (const c of w.jira.state.comments.values()) n += c.length;
  for (const s of w.asana.state.stories.values()) n += s.filter((x) => x.type === 'comment').length;
  return n;
}

/**
 * The worker compiled to plain JavaScript (esbuild, dependencies left to node_modules), as `vitals worker` runs from
 * dist/: the RSS figure is the service's, not tsx's in-process compiler's. Written under node_modules/.cache so the
 * package root (config/presets) is still found above it. VT_BENCH_TSX=1 runs the TypeScript through tsx instead.
 */
function compiledWorker(): string {
  const out = join(__dirname, '..', 'node_modules', '.cache', 'vitals-bench', 'pipeline-worker.js');
  buildSync({ entryPoints: [join(__dirname, 'lib', 'pipeline-worker.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', target: 'node20', outfile: out, logLevel: 'warning' });
  return out;
}

function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  // VT_BENCH_PROF=<dir>: the worker writes a V8 CPU profile there on exit.
  const prof = process.env.VT_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VT_BENCH_PROF}`] : [];
  const entry = process.env.VT_BENCH_TSX ? ['--import', 'tsx', join(__dirname, 'lib', 'pipeline-worker.ts')] : [compiledWorker()];
  const child = spawn(process.execPath, [...prof, ...entry], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
  });
}

/** Peak resident set of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function usedMemory(conn: ReturnType<typeof redisConnection>): Promise<number> {
  const info = await conn.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

export const bench: Bench = {
  name: 'pipeline',
  description: 'Pipeline end to end: sandboxes → pull → evaluate → comments, then signed webhooks → comment',
  async run(args: string[]): Promise<Figure[]> {
    const asked = Number(args.find((a) => a.startsWith('--items='))?.slice(8));
    const total = asked > 0 ? asked : args.includes('--full') ? 100_000 : 20_000;
    const tag = `${Math.round(total / 1000)}k`;
    const figures: Figure[] = [];
    const f = (name: string, value: number, unit: string, extra: Partial<Figure> = {}) => figures.push({ bench: 'pipeline', name: `${name} (${tag})`, value, unit, ...extra });
    const dir = mkdtempSync(join(tmpdir(), 'vt-bench-pipeline-'));
    const redis = await startRedisServer(join(dir, 'redis'));
    const conn = redisConnection(redis.url);
    const namespace = `vt-bench-${process.pid}`;
    const w = await seed(total);
    const configFile = join(dir, 'bench.yaml');
    writeFileSync(configFile, w.yaml);
    let worker: ChildProcess | null = null;
    try {
      const loaded = loadConfig(configFile, { env: {}, readFile: (p) => readFileSync(p, 'utf8') });
      if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
      const runtime = createRuntime(loaded.config, { redis: conn, namespace, clock: systemClock, logger: silentLogger() });
      const memBefore = await usedMemory(conn);
      worker = await spawnWorker({ VT_CONFIG: configFile, REDIS_URL: redis.url, VT_NAMESPACE: namespace });

      const t0 = performance.now();
      await runOnce(runtime.queues, ['jira-bench', 'asana-bench'], { mode: 'poll', timeoutMs: 30 * 60_000, pollMs: 50 });
      const wall = (performance.now() - t0) / 1000;
      const stored = (await runtime.deps.store.items.count('jira-bench')) + (await runtime.deps.store.items.count('asana-bench'));
      const evaluated = (await runtime.deps.store.state.listPrograms()).length;
      if (stored !== total || evaluated !== PROGRAMS) throw new Error(`bench: stored ${stored}/${total} items, evaluated ${evaluated}/${PROGRAMS} programs`);
      const memPerItem = ((await usedMemory(conn)) - memBefore) / stored;
      const commentsAfterSync = commentCount(w);
      f('empty → all evaluated and commented', wall, 's', { note: `${stored} items, ${PROGRAMS} programs, ${commentsAfterSync} comments` });
      f('throughput', stored / wall, 'items/s', { higherIsBetter: true });

      // Changes: each webhook turns one quiet, open issue stale (old `updated`), which costs one new comment.
      const latencies: number[] = [];
      const source = 'jira-bench';
      await Promise.all(
        w.quiet.map(async (key, i) => {
          await new Promise((r) => setTimeout(r, i * 100));
          const before = w.jira.state.comments.get(key)?.length ?? 0;
          w.jira.updateIssue(key, { updated: Date.now() - 70 * DAY });
          const sent = performance.now();
          const out = await handleWebhook(runtime.deps, runtime.queues, source, w.jira.signedDelivery('jira:issue_updated', key, SECRET), SECRET);
          if (out.kind !== 'changed') throw new Error(`bench: webhook for ${key} was ${out.kind}`);
          const deadline = Date.now() + 30_000;
          while ((w.jira.state.comments.get(key)?.length ?? 0) <= before) {
            if (Date.now() > deadline) {
              const item = await runtime.deps.store.items.getItem(source, key);
              const risks = [...(await runtime.deps.store.state.getRiskState(`prog-${key.charCodeAt(1) - 65}`)).values()].filter((r) => r.target?.endsWith(`:${key}`));
              throw new Error(`bench: no comment on ${key} 30 s after its webhook (stored updated ${item?.updated}, risks ${JSON.stringify(risks)}; ${latencies.length} landed)`);
            }
            await new Promise((r) => setTimeout(r, 5));
          }
          latencies.push(performance.now() - sent);
        }),
      );
      await waitForIdle(runtime.queues, { timeoutMs: 60_000 });
      if (process.env.VT_BENCH_DEBUG) {
        const snap = await conn.strlen(`{${namespace}}:s:snapshot:prog-0`);
        console.log('snapshot bytes (prog-0)', snap);
        for (const q of ['pull-jira-bench', 'evaluate', 'notify']) {
          const jobs = (await runtime.queues.queue(q).getCompleted(0, 200)).filter((j) => j.timestamp > Date.now() - 20_000);
          const avg = (fn: (j: (typeof jobs)[number]) => number) => Math.round(jobs.reduce((n, j) => n + fn(j), 0) / Math.max(1, jobs.length));
          console.log(q, jobs.length, 'wait', avg((j) => (j.processedOn ?? 0) - j.timestamp - (j.delay ?? 0)), 'delay', avg((j) => j.delay ?? 0), 'run', avg((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)));
        }
      }
      latencies.sort((a, b) => a - b);
      f('webhook → comment p50', percentile(latencies, 50), 'ms', { note: `${latencies.length} changes, one every 100 ms` });
      f('webhook → comment p95', percentile(latencies, 95), 'ms', { target: 1500 });
      f('Redis memory per item', memPerItem, 'B', { target: 2048, note: 'INFO used_memory delta after the sync (items, hashes, snapshots, ledger, audit, jobs) / items' });
      const rss = peakRssMb(worker.pid ?? 0);
      f('worker peak RSS', rss, 'MB', total >= 100_000 ? { target: 400 } : { note: 'target < 400 MB applies at 100k items: run with --full' });
      await runtime.close();
    } finally {
      if (worker && worker.exitCode === null) {
        const exited = new Promise((r) => worker?.once('exit', r));
        worker.kill('SIGTERM');
        await exited;
      }
      await deleteByPattern(conn, `{${namespace}}*`);
      conn.disconnect();
      redis.child.kill('SIGTERM');
      await w.jira.close();
      await w.asana.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
