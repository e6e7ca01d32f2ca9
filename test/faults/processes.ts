/** Processes the suite starts and stops by their own handle: worker children and its own redis-server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type FaultWorld } from './world';

export interface WorkerChild {
  proc: ChildProcess;
  /** Lines the child printed (`ready …`, `reload …`). */
  lines: string[];
}

/** Spawns `test/faults/child-worker.ts`; resolves once it printed `ready`. */
export function spawnWorker(world: FaultWorld, redisUrl: string, namespace: string): Promise<WorkerChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'child-worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...world.env, FAULTS_CONFIG: world.configFile, REDIS_URL: redisUrl, VT_NAMESPACE: namespace, VT_NOW: world.clock().toISOString() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const child: WorkerChild = { proc, lines: [] };
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      child.lines.push(...parts);
      if (parts.some((l) => l.startsWith('ready'))) resolve(child);
    });
    proc.once('exit', (code, signal) => reject(new Error(`child worker exited before ready (${code ?? signal})`)));
  });
}

export function alive(p: ChildProcess): boolean {
  return p.exitCode === null && p.signalCode === null;
}

/** Sends `signal` to this one process and waits for it to exit. */
export async function stop(p: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (!alive(p)) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill(signal);
  });
}

export async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 20_000, explain?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + ms;
  const stepMs = 25;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${explain ? `: ${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
