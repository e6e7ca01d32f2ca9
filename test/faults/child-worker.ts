/**
 * A worker process for the fault suite: `node --import tsx test/faults/child-worker.ts`. Loads the suite's config
 * file (FAULTS_CONFIG) against the sandboxes named in its environment, pins its clock at VT_NOW, runs every queue's
 * worker with short locks and a short ledger lease (a SIGKILLed sibling's jobs come back within seconds), and
 * reloads the config on SIGHUP. Prints `ready <publicUrl>`, then `reload ok <publicUrl>` or
 * `reload rejected <errors> running <publicUrl>` after each SIGHUP.
 */
import { fixedClock } from '../../src/clock';
import { formatIssues, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { redisConnection } from '../../src/pipeline/redis';
import { applyToSettings, createConfigReloader, reloadOnSignal } from '../../src/pipeline/reload';
import { createRuntime } from '../../src/pipeline/runtime';
import { startWorkers } from '../../src/pipeline/worker';
import { virtualConnectors } from './connectors';

async function main(): Promise<void> {
  const env = process.env;
  const file = env.FAULTS_CONFIG ?? '';
  const loaded = loadConfig(file, { env });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  const clock = fixedClock(env.VT_NOW ?? new Date(0).toISOString());
  const sleep = async (ms: number): Promise<void> => {
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const conn = redisConnection(env.REDIS_URL ?? '');
  const runtime = createRuntime(loaded.config, {
    redis: conn,
    namespace: env.VT_NAMESPACE ?? 'vt-faults-child',
    clock,
    logger: silentLogger(),
    connectors: virtualConnectors(loaded.config.sources, sleep, () => clock().getTime()),
    evaluateDelayMs: 20,
    ledger: { leaseMs: 1500, doneTtlSec: 3600 },
  });
  const settings = runtime.deps.settings;
  const reloader = createConfigReloader(file, loaded.config, { load: { env }, apply: applyToSettings(settings) });
  reloadOnSignal(reloader, silentLogger(), 'SIGHUP', (r) => {
    // The running settings are what the jobs use: report those, not only what the reloader holds.
    process.stdout.write(r.ok ? `reload ok ${settings.publicUrl}\n` : `reload rejected ${r.errors.length} running ${settings.publicUrl}\n`);
  });
  const workers = startWorkers(runtime.deps, runtime.queues, { lockDurationMs: 1500, stalledIntervalMs: 500 });
  await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
  process.stdout.write(`ready ${settings.publicUrl}\n`);
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
