/** Shared start-up of the pipeline commands: load the config, bootstrap Redis, build the runtime. */
import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../clock';
import { formatIssues, loadConfig } from '../config';
import type { VitalsConfig } from '../config/types';
import { createLogger, type Logger } from '../log';
import { bootstrapRedis, type RedisHandle } from '../pipeline/redis';
import { createRuntime, type Runtime } from '../pipeline/runtime';

export interface PipelineEnv {
  config: VitalsConfig;
  redis: RedisHandle;
  runtime: Runtime;
  logger: Logger;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Values added to the environment the config is substituted from (the demo sandboxes' addresses). */
  env?: Record<string, string>;
  clock?: Clock;
}

export async function openPipeline(file: string, role: string, logLevel?: string, options: OpenOptions = {}): Promise<PipelineEnv> {
  const loaded = loadConfig(file, { env: { ...process.env, ...options.env }, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(`vitals: the config is invalid:\n${formatIssues(loaded.errors)}`);
  const logger = createLogger({ role, ...(logLevel ? { level: logLevel } : {}) });
  const redis = await bootstrapRedis({ log: (m) => logger.info(m) });
  const conn = redis.connect();
  const runtime = createRuntime(loaded.config, { redis: conn, clock: options.clock ?? systemClock, logger });
  return {
    config: loaded.config,
    redis,
    runtime,
    logger,
    close: async () => {
      await runtime.close();
      await conn.quit().catch(() => undefined);
      await redis.stop();
    },
  };
}

/** Resolves on the first SIGTERM or SIGINT. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}
