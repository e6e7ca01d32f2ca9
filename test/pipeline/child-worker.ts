/**
 * A worker process for the kill tests: `node --import tsx test/pipeline/child-worker.ts`. It loads the demo config
 * against the sandboxes named in its environment, pins the demo clock, and runs every queue's worker with short
 * locks and a short ledger lease, so a SIGKILLed sibling's jobs come back within seconds. Prints `ready` once up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock';
import { formatIssues, loadConfig } from '../../src/config';
import { DEMO_NOW } from '../../src/demo/seed';
import { silentLogger } from '../../src/log';
import { redisConnection } from '../../src/pipeline/redis';
import { createRuntime } from '../../src/pipeline/runtime';
import { startWorkers } from '../../src/pipeline/worker';

async function main(): Promise<void> {
  const env = process.env;
  const loaded = loadConfig(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), { env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const conn = redisConnection(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const runtime = createRuntime(loaded.config, {
    redis: conn,
    namespace: env.VT_NAMESPACE ?? 'vt-child',
    clock: fixedClock(DEMO_NOW),
    logger: silentLogger(),
    evaluateDelayMs: 20,
    ledger: { leaseMs: 1500, doneTtlSec: 3600 },
  });
  const workers = startWorkers(runtime.deps, runtime.queues, { lockDurationMs: 1500, stalledIntervalMs: 500 });
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
