/**
 * The fault suite's world: both sandboxes with the demo seed plus a few thousand seeded items, the demo config
 * written to a file of its own (so a reload can change it), alerts to a file channel and a webhook channel whose
 * receiver records every hit, and connectors whose waits (Retry-After, backoff) move the injected clock instead of
 * the wall clock. A vendor outage is a window of that clock: it ends when enough simulated time has passed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';
import type { TrackerConnector } from '../../connectors/contract';
import { startJiraSandbox, type JiraSandbox } from '../../connectors/jira/sandbox/server';
import { seededRandom } from '../../connectors/sandbox-kit/faults';
import { fixedClock } from '../../src/clock';
import { formatIssues, loadConfig, type VitalsConfig } from '../../src/config';
import { AUDIENCES } from '../../src/config/channels-schema';
import { DEMO_NOW, seedDemo, type DemoSeed } from '../../src/demo/seed';
import { virtualConnectors } from './connectors';

const DAY = 86_400_000;
export const ROOT = join(__dirname, '..', '..');
export const DEMO_CONFIG = join(ROOT, 'config', 'demo', 'vitals-demo.yaml');
export const HOOK_SECRET = 'fault-suite-hook-secret-0123456789';
export const ASANA_WEBHOOK_SECRET = 'fault-suite-asana-hook-secret';
export const JIRA_WEBHOOK_SECRET = 'demo-jira-webhook-secret';

export interface Hit {
  deliveryId: string;
  body: string;
}

export interface Receiver {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}

/** The webhook channel's receiver: records every POST with its `X-Vitals-Delivery` id. */
export async function startReceiver(): Promise<Receiver> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = req.headers['x-vitals-delivery'];
      hits.push({ deliveryId: typeof id === 'string' ? id : '?', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { connection: 'close' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The simulated outage: while the clock is before `until`, the source answers 503 (see `tick`). */
export interface Outage {
  until: number;
  /** Called after every simulated wait: ends the outage once the clock has passed `until`. */
  onEnd: (() => void) | null;
}

export interface FaultWorld {
  jira: JiraSandbox;
  asana: AsanaSandbox;
  seed: DemoSeed;
  clock: ReturnType<typeof fixedClock>;
  dir: string;
  configFile: string;
  alertsFile: string;
  receiver: Receiver;
  /** Environment the config file is substituted from (the sandboxes' addresses). */
  env: Record<string, string>;
  config: VitalsConfig;
  outage: Outage;
  /** Simulated time spent waiting (Retry-After and backoff), ms. */
  simulatedWaitMs(): number;
  /** Connectors whose waits advance the injected clock. */
  connectors(): Map<string, TrackerConnector>;
  /** Writes the config file with `publicUrl` (the marker of which config a process runs) and optional raw edits. */
  writeConfig(publicUrl: string, edit?: (yaml: string) => string): void;
  close(): Promise<void>;
}

function channelsYaml(config: VitalsConfig, alertsFile: string, hookUrl: string): string {
  const audiences = new Set<string>([...AUDIENCES]);
  for (const pp of config.programs) {
    for (const ladder of [pp.program.escalation, pp.program.breachEscalation]) for (const l of ladder?.levels ?? []) for (const a of l.audiences) audiences.add(a);
    for (const g of pp.program.gates) audiences.add(g.ownerRole);
  }
  const channels = {
    channels: {
      'sink-file': { kind: 'file', path: alertsFile },
      'sink-hook': { kind: 'webhook', url: hookUrl, secret: HOOK_SECRET, timeoutMs: 3000 },
    },
    audiences: { default: Object.fromEntries([...audiences].map((a) => [a, ['sink-file', 'sink-hook']])) },
  };
  return `channels: ${JSON.stringify(channels)}\n`;
}

/** A few thousand items on top of the demo: done build work, open readiness tasks, some stale in-progress work. */
function seedBulk(world: { jira: JiraSandbox; asana: AsanaSandbox; seed: DemoSeed }, now: number, perTool: number): void {
  const rnd = seededRandom(20261118);
  for (let i = 0; i < perTool; i += 1) {
    const project = i % 3 === 0 ? 'PACS' : 'EHR';
    const created = now - (30 + Math.floor(rnd() * 150)) * DAY;
    const done = rnd() < 0.55;
    const stale = !done && i % 50 === 7;
    const updated = stale ? now - 60 * DAY : done ? created + Math.floor(rnd() * 20) * DAY : now - Math.floor(rnd() * 5) * DAY;
    world.jira.addIssue({
      project, summary: `Bulk work item ${i + 1}`, issuetype: 'Task', labels: i % 4 === 0 ? ['build'] : ['ops'],
      status: done ? 'Done' : stale ? 'In Progress' : 'To Do', category: done ? 'done' : stale ? 'indeterminate' : 'new',
      created, updated, resolutiondate: done ? updated : null, resolution: done ? 'Done' : null,
    });
    const asanaProject = i % 3 === 0 ? world.seed.asanaProjects.pacs : world.seed.asanaProjects.ehr;
    world.asana.addTask({ project: asanaProject, name: `Readiness checklist line ${i + 1}`, section: 'Readiness', createdAt: new Date(created).toISOString() });
  }
}

export async function startFaultWorld(opts: { perTool: number }): Promise<FaultWorld> {
  const clock = fixedClock(DEMO_NOW);
  const jira = await startJiraSandbox({ clock, seed: 11 });
  const asana = await startAsanaSandbox({ clock, seed: 12 });
  const seed = seedDemo(jira, asana);
  seedBulk({ jira, asana, seed }, clock().getTime(), opts.perTool);
  const receiver = await startReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'vt-faults-'));
  const configFile = join(dir, 'vitals.yaml');
  const alertsFile = join(dir, 'alerts.ndjson');
  const env = { DEMO_JIRA_URL: jira.url, DEMO_ASANA_URL: asana.url, DEMO_ASANA_EHR: seed.asanaProjects.ehr, DEMO_ASANA_PACS: seed.asanaProjects.pacs };
  const demoText = readFileSync(DEMO_CONFIG, 'utf8');
  const base = loadConfig(DEMO_CONFIG, { env });
  if (!base.ok) throw new Error(formatIssues(base.errors));
  const channels = channelsYaml(base.config, alertsFile, `${receiver.url}/hook`);
  const writeConfig = (publicUrl: string, edit: (yaml: string) => string = (y) => y): void => {
    const text = demoText.replace(/^server: .*$/m, `server: { port: 8080, publicUrl: "${publicUrl}" }`) + channels;
    writeFileSync(configFile, edit(text));
  };
  writeConfig('http://vitals-1.example.test');
  const loaded = loadConfig(configFile, { env });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));

  const outage: Outage = { until: 0, onEnd: null };
  let waited = 0;
  const sleep = async (ms: number): Promise<void> => {
    waited += ms;
    clock.advance(ms);
    if (outage.onEnd && clock().getTime() >= outage.until) {
      const end = outage.onEnd;
      outage.onEnd = null;
      end();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const connectors = (): Map<string, TrackerConnector> => virtualConnectors(loaded.config.sources, sleep, () => clock().getTime());

  return {
    jira, asana, seed, clock, dir, configFile, alertsFile, receiver, env, config: loaded.config, outage,
    simulatedWaitMs: () => waited,
    connectors,
    writeConfig,
    close: async () => {
      await Promise.all([jira.close(), asana.close(), receiver.close()]);
    },
  };
}
