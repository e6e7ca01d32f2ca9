/**
 * Redis on any machine: REDIS_URL, else 127.0.0.1:6379, else a local `redis-server` child with its own data dir
 * (AOF on) on a free port, else a message with the three ways to get one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisHandle {
  url: string;
  /** The redis-server we started, or null when we use one that was already there. */
  child: ChildProcess | null;
  /** A connection fit for BullMQ (maxRetriesPerRequest: null, so commands wait out a Redis restart). */
  connect(): Redis;
  stop(): Promise<void>;
}

export class NoRedisError extends Error {
  constructor(tried: string) {
    super(
      [
        `vitals: no Redis answered at ${tried}, and no redis-server binary was found to start one.`,
        'Get one of these, then run the command again:',
        '  1. the OS package:   sudo apt-get install redis-server   (or dnf install redis)',
        '  2. Homebrew:         brew install redis',
        '  3. Docker:           docker compose up redis             (then REDIS_URL=redis://127.0.0.1:6379)',
        'Or point REDIS_URL at a Redis you have.',
      ].join('\n'),
    );
    this.name = 'NoRedisError';
  }
}

export function redisConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (n) => Math.min(100 * n, 2000) });
  r.on('error', () => undefined);
  return r;
}

async function answers(url: string, timeoutMs = 800): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts `redis-server` on `port` with AOF in `dir`; resolves when it answers PING. */
export async function startRedisServer(dir: string, port?: number): Promise<{ url: string; child: ChildProcess; port: number }> {
  mkdirSync(dir, { recursive: true });
  const p = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${p}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (port ${p}, dir ${dir})`);
    if (await answers(url, 300)) return { url, child, port: p };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${p} did not answer within 5 s`);
}

export interface BootstrapOptions {
  env?: Record<string, string | undefined>;
  /** Where a started redis-server keeps its data (`.vitals/redis` under the working dir by default). */
  dataDir?: string;
  log?: (msg: string) => void;
}

export async function bootstrapRedis(options: BootstrapOptions = {}): Promise<RedisHandle> {
  const env = options.env ?? process.env;
  const url = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const handle = (u: string, child: ChildProcess | null): RedisHandle => ({
    url: u,
    child,
    connect: () => redisConnection(u),
    stop: async () => {
      if (!child || child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  });
  if (await answers(url)) return handle(url, null);
  if (env.REDIS_URL) throw new Error(`vitals: REDIS_URL=${safeUrl(url)} does not answer PING`);
  if (!hasRedisServer()) throw new NoRedisError(url);
  const dir = options.dataDir ?? join(process.cwd(), '.vitals', 'redis');
  const started = await startRedisServer(dir);
  options.log?.(`vitals: no Redis on 127.0.0.1:6379; started redis-server on port ${started.port} (data in ${dir})`);
  return handle(started.url, started.child);
}

/** Hides a password in a redis URL before it reaches a message. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
