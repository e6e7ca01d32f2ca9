/** `vitals start` (every role in one process), `vitals worker`, `vitals scheduler`. Graceful on SIGTERM. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { applyToSettings, createConfigReloader, reloadOnSignal } from '../pipeline/reload';
import { startScheduler } from '../pipeline/scheduler';
import { startWorkers } from '../pipeline/worker';
import { serveApi } from './api';
import { openPipeline, untilSignal } from './pipeline-env';

async function run(file: string, roles: { worker: boolean; scheduler: boolean; api?: boolean }, role: string): Promise<void> {
  const env = await openPipeline(file, role);
  const api = roles.api ? await serveApi(env, env.config.server.port) : null;
  const workers = roles.worker ? startWorkers(env.runtime.deps, env.runtime.queues) : null;
  const scheduler = roles.scheduler ? startScheduler(env.runtime.deps.settings, env.runtime.queues, env.logger) : null;
  // SIGHUP re-reads the config; a file with an error is rejected and the last good config keeps running.
  const reloader = createConfigReloader(file, env.config, {
    load: { env: process.env, readFile: (p) => readFileSync(p, 'utf8') },
    apply: applyToSettings(env.runtime.deps.settings),
  });
  const stopReload = reloadOnSignal(reloader, env.logger);
  const signal = await untilSignal();
  stopReload();
  env.logger.info({ signal }, 'shutting down: no new jobs, finishing the current ones');
  await api?.close();
  await scheduler?.stop();
  await workers?.close();
  await env.close();
}

export function registerRoles(program: Command): void {
  program
    .command('start')
    .description('run every role in one process: scheduler, workers, API and dashboard (the embedded default)')
    .requiredOption('-c, --config <file>', 'the config file')
    .action((o: { config: string }) => run(o.config, { worker: true, scheduler: true, api: true }, 'start'));
  program
    .command('worker')
    .description('run workers only; start more of them on one Redis to scale out')
    .requiredOption('-c, --config <file>', 'the config file')
    .action((o: { config: string }) => run(o.config, { worker: true, scheduler: false }, 'worker'));
  program
    .command('scheduler')
    .description('run the scheduler only (several are safe: one job per slot)')
    .requiredOption('-c, --config <file>', 'the config file')
    .action((o: { config: string }) => run(o.config, { worker: false, scheduler: true }, 'scheduler'));
}
