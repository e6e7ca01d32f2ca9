/**
 * `vitals api --config <file>` (serve the PMO API and dashboard), `vitals api-key create|list|revoke`, and (through
 * ./report) `vitals report`. A created key is printed once; Redis keeps only its salted hash.
 */
import type { Command } from 'commander';
import { systemClock } from '../clock';
import { ApiKeyStore, ROLES, apiDepsFromRuntime, apiPrefix, startApiServer, type Role } from '../api';
import { bootstrapRedis } from '../pipeline/redis';
import { openPipeline, untilSignal, type PipelineEnv } from './pipeline-env';
import { registerReport } from './report';

function namespace(): string {
  return process.env.VITALS_NAMESPACE || 'vitals';
}

async function withKeys<T>(fn: (keys: ApiKeyStore) => Promise<T>): Promise<T> {
  const handle = await bootstrapRedis();
  const redis = handle.connect();
  try {
    return await fn(new ApiKeyStore(redis, apiPrefix(namespace())));
  } finally {
    await redis.quit().catch(() => undefined);
    await handle.stop();
  }
}

/** Serves the API and dashboard for an opened pipeline (`vitals api` and `vitals start`) and prints the address. */
export async function serveApi(env: PipelineEnv, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const secrets = Object.fromEntries(env.config.sources.map((s) => [s.id, s.webhookSecret]));
  const deps = apiDepsFromRuntime(env.runtime, { actionLinkSecret: env.config.channels.actionLinks?.secret ?? null, webhookSecrets: secrets });
  const server = await startApiServer(deps, port, process.env.VITALS_HOST || '127.0.0.1');
  console.log(`vitals: dashboard at ${server.url}/  (API: ${server.url}/api, OpenAPI: ${server.url}/api/openapi.json)`);
  return server;
}

export function parsePrograms(v: string): string[] | '*' {
  if (v.trim() === '*') return '*';
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length || ids.some((id) => !/^[A-Za-z0-9_.:-]+$/.test(id))) throw new Error(`--programs: give program ids separated by commas, or '*' (got "${v}")`);
  return ids;
}

export function registerApi(program: Command): void {
  program
    .command('api')
    .description('serve the PMO API and dashboard (the address is printed)')
    .requiredOption('-c, --config <file>', 'the config file')
    .option('-p, --port <n>', 'port (default: server.port of the config)')
    .action(async (o: { config: string; port?: string }) => {
      const env = await openPipeline(o.config, 'api');
      const server = await serveApi(env, o.port ? Number(o.port) : env.config.server.port);
      await untilSignal();
      await server.close();
      await env.close();
    });

  const keys = program.command('api-key').description('create, list and revoke API keys (roles viewer, pmo, admin; scoped to programs)');
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--programs <ids>', "program ids separated by commas, or '*' for all")
    .option('--label <text>', 'who or what the key is for', '')
    .action(async (o: { role: string; programs: string; label: string }) => {
      if (!ROLES.includes(o.role as Role)) {
        console.error(`vitals api-key create: --role must be one of ${ROLES.join(', ')} (got "${o.role}")`);
        process.exitCode = 2;
        return;
      }
      let programs: string[] | '*';
      try {
        programs = parsePrograms(o.programs);
      } catch (err) {
        console.error(`vitals api-key create: ${(err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const created = await withKeys((k) => k.create({ role: o.role as Role, programs, label: o.label, now: systemClock() }));
      console.log(`key id ${created.id} (${o.role}, programs ${programs === '*' ? '*' : programs.join(',')})`);
      console.log(created.key);
      console.error('Store this key now: it is not shown again (Redis keeps only a salted hash).');
    });
  keys
    .command('list')
    .description('list keys (ids, roles, scopes; never secrets)')
    .action(async () => {
      const all = await withKeys((k) => k.list());
      for (const k of all) console.log(`${k.id}  ${k.role.padEnd(6)}  ${k.programs === '*' ? '*' : k.programs.join(',')}  ${k.created}  ${k.label}`);
      if (!all.length) console.log('no API keys');
    });
  keys
    .command('revoke <id>')
    .description('revoke a key by its id')
    .action(async (id: string) => {
      const ok = await withKeys((k) => k.revoke(id));
      console.log(ok ? `revoked ${id}` : `no key ${id}`);
      if (!ok) process.exitCode = 1;
    });
  registerReport(program);
}
