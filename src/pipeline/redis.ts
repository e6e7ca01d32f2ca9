/**
 * Redis on any machine: REDIS_URL, else 127.0.0.1:6379, else the redis-server an earlier run started (its port
 * and pid are in `<dataDir>/server.json`), else a new local `redis-server` with its own data dir (AOF on) on a
 * free port, left running for the next run, else a message with the three ways to get one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisHandle {
  url: string;
  /** The redis-server we started, or null when we use one that was already there. */
  child: ChildProcess | null;
  /** `env` (REDIS_URL or 6379), `reused` (the server an earlier run started), `started` (started now). */
  origin: 'env' | 'reused' | 'started';
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

/** A bare TCP probe: ioredis keeps a timer alive for ~2 s after a refused connect, which would hold the CLI open. */
function tcpOpen(url: string, timeoutMs: number): Promise<boolean> {
  let host = '127.0.0.1';
  let port = 6379;
  try {
    const u = new URL(url);
    host = u.hostname || host;
    port = Number(u.port || 6379);
  } catch {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

async function answers(url: string, timeoutMs = 800): Promise<boolean> {
  if (!(await tcpOpen(url, timeoutMs))) return false;
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

export function hasRedisServer(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts `redis-server` on `port` with AOF in `dir`; resolves when it answers PING. `detached` lets it outlive
 * this process (the bootstrap's server is reused by the next run).
 */
export async function startRedisServer(dir: string, port?: number, options: { detached?: boolean } = {}): Promise<{ url: string; child: ChildProcess; port: number }> {
  mkdirSync(dir, { recursive: true });
  const p = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: 'ignore', detached: options.detached === true },
  );
  if (options.detached) child.unref();
  const url = `redis://127.0.0.1:${p}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (port ${p}, dir ${dir})`);
    if (await answers(url, 300)) return { url, child, port: p };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${p} did not answer within 5 s`);
}

/** What `<dataDir>/server.json` records about the redis-server the bootstrap started. */
export interface ServerRecord {
  port: number;
  pid: number;
  dir: string;
  startedAt: string;
}

export function serverRecordPath(dir: string): string {
  return join(dir, 'server.json');
}

export function readServerRecord(dir: string): ServerRecord | null {
  try {
    const r = JSON.parse(readFileSync(serverRecordPath(dir), 'utf8')) as Partial<ServerRecord>;
    return typeof r.port === 'number' && typeof r.pid === 'number' ? { port: r.port, pid: r.pid, dir: r.dir ?? dir, startedAt: r.startedAt ?? '' } : null;
  } catch {
    return null;
  }
}

/** True when the Redis at `url` answers and keeps its data in `dir` (so it is ours, not a stranger on a reused port). */
async function isOurs(url: string, dir: string): Promise<boolean> {
  if (!(await tcpOpen(url, 500))) return false;
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    const got = (await r.call('CONFIG', 'GET', 'dir')) as string[];
    return got[1] === realpathSync(dir);
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export interface BootstrapOptions {
  env?: Record<string, string | undefined>;
  /** Where a started redis-server keeps its data and `server.json` (`.vitals/redis` under the working dir by default). */
  dataDir?: string;
  log?: (msg: string) => void;
  /** The Redis tried when REDIS_URL is unset (`redis://127.0.0.1:6379`); tests point it at a closed port. */
  defaultUrl?: string;
  /** The binary looked for (`redis-server`); tests name a missing one to see the message. */
  binary?: string;
}

export async function bootstrapRedis(options: BootstrapOptions = {}): Promise<RedisHandle> {
  const env = options.env ?? process.env;
  const url = env.REDIS_URL || options.defaultUrl || 'redis://127.0.0.1:6379';
  // A server we found or started outlives this process on purpose: the next run finds it again.
  const handle = (u: string, origin: RedisHandle['origin'], child: ChildProcess | null = null): RedisHandle => ({
    url: u,
    child,
    origin,
    connect: () => redisConnection(u),
    stop: async () => undefined,
  });
  if (await answers(url)) return handle(url, 'env');
  if (env.REDIS_URL) throw new Error(`vitals: REDIS_URL=${safeUrl(url)} does not answer PING`);
  const dir = resolvePath(options.dataDir ?? join(process.cwd(), '.vitals', 'redis'));
  const record = readServerRecord(dir);
  if (record) {
    const known = `redis://127.0.0.1:${record.port}`;
    if (await isOurs(known, dir)) {
      options.log?.(`vitals: using the redis-server an earlier run started on port ${record.port} (pid ${record.pid}, data in ${dir})`);
      return handle(known, 'reused');
    }
  }
  if (!hasRedisServer(options.binary)) throw new NoRedisError(url);
  const started = await startRedisServer(dir, undefined, { detached: true });
  const rec: ServerRecord = { port: started.port, pid: started.child.pid ?? 0, dir, startedAt: new Date().toISOString() };
  writeFileSync(serverRecordPath(dir), `${JSON.stringify(rec, null, 2)}\n`);
  options.log?.(
    `vitals: no Redis at ${url}; started redis-server on port ${started.port} (pid ${rec.pid}, data in ${dir}). ` +
      `It keeps running for the next run; stop it with \`kill ${rec.pid}\`.`,
  );
  return handle(started.url, 'started', started.child);
}

/** Hides a password in a redis URL before it reaches a message. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
