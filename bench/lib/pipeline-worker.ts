/**
 * The worker process of `npm run bench -- pipeline`: loads the config file named by VT_CONFIG (env substituted),
 * runs every queue's worker on REDIS_URL under VT_NAMESPACE with the system clock, prints `ready`, and stops on
 * SIGTERM. A separate process, so the bench reads the worker's own peak RSS (VmHWM), not the sandboxes'.
 */
import { readFileSync } from 'node:fs';
import { systemClock } from '../../src/clock';
import { formatIssues, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { redisConnection } from '../../src/pipeline/redis';
import { createRuntime } from '../../src/pipeline/runtime';
import { startWorkers } from '../../src/pipeline/worker';

/** VT_BENCH_MEM=1: every second, the worker's memory and its running jobs on stderr (for finding the peak). */
function traceMemory(workers: Array<{ on(event: 'active' | 'completed' | 'failed', cb: (job: { name: string }) => void): unknown }>): void {
  const active = new Map<string, number>();
  const bump = (name: string, d: number) => active.set(name, (active.get(name) ?? 0) + d);
  for (const w of workers) {
    w.on('active', (job) => bump(job.name, 1));
    w.on('completed', (job) => bump(job.name, -1));
    w.on('failed', (job) => bump(job.name, -1));
  }
  const mb = (n: number) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    const jobs = [...active.entries()].filter(([, n]) => n > 0).map(([k, n]) => `${k}×${n}`).join(' ');
    process.stderr.write(`mem rss=${mb(m.rss)} heap=${mb(m.heapUsed)}/${mb(m.heapTotal)} ext=${mb(m.external)} ab=${mb(m.arrayBuffers)} ${jobs}\n`);
  }, 1000).unref();
}

async function main(): Promise<void> {
  const file = process.env.VT_CONFIG ?? '';
  const loaded = loadConfig(file, { env: process.env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const conn = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const runtime = createRuntime(loaded.config, { redis: conn, namespace: process.env.VT_NAMESPACE ?? 'vt-bench', clock: systemClock, logger: silentLogger(), evaluateDelayMs: 100 });
  const workers = startWorkers(runtime.deps, runtime.queues, { concurrency: { pull: 1, evaluate: 2, notify: 8 } });
  await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
  if (process.env.VT_BENCH_MEM) traceMemory(workers.workers);
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void workers
      .close()
      .then(() => runtime.close())
      .then(() => conn.quit())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
