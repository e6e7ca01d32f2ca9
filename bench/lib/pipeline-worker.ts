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

async function main(): Promise<void> {
  const file = process.env.VT_CONFIG ?? '';
  const loaded = loadConfig(file, { env: process.env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const conn = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const runtime = createRuntime(loaded.config, { redis: conn, namespace: process.env.VT_NAMESPACE ?? 'vt-bench', clock: systemClock, logger: silentLogger(), evaluateDelayMs: 100 });
  const workers = startWorkers(runtime.deps, runtime.queues, { concurrency: { pull: 1, evaluate: 2, notify: 8 } });
  await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
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
