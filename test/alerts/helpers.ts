/** Real local receivers (one HTTP server for Slack, Teams and the webhook; an SMTP server) and the demo world. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';
import { startJiraSandbox, type JiraSandbox } from '../../connectors/jira/sandbox/server';
import { fixedClock } from '../../src/clock';
import { formatIssues, loadConfig } from '../../src/config';
import { channelsSchema } from '../../src/config/channels-schema';
import type { VitalsConfig } from '../../src/config/types';
import { DEMO_NOW, seedDemo } from '../../src/demo/seed';

export interface Hit {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpReceivers {
  url: string;
  hits: Hit[];
  /** Status codes answered next, per path (then 200). */
  script: Map<string, number[]>;
  close(): Promise<void>;
}

export async function startHttpReceivers(): Promise<HttpReceivers> {
  const hits: Hit[] = [];
  const script = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.get(path)?.shift() ?? 200;
      res.writeHead(status, { connection: 'close', 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Mail {
  to: string[];
  raw: string;
}

export async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const LADDER_AUDIENCES = ['assignee', 'team_lead', 'pmo', 'gate_owner', 'compliance_officer', 'sponsor', 'steering_committee'];
export const CHANNELS = ['slack', 'teams', 'mail', 'hook'] as const;

/** The channels section: every ladder audience to all four receivers, compliance officer by email too. */
export function channelsConfig(http: string, smtpPort: number, extra: Record<string, unknown> = {}): VitalsConfig['channels'] {
  return channelsSchema.parse({
    channels: {
      slack: { kind: 'slack', webhookUrl: `${http}/slack`, timeoutMs: 3000 },
      teams: { kind: 'teams', webhookUrl: `${http}/teams`, timeoutMs: 3000 },
      mail: { kind: 'email', smtp: { host: '127.0.0.1', port: smtpPort }, from: 'vitals@hospital.org', to: ['pmo@hospital.org'], timeoutMs: 3000 },
      hook: { kind: 'webhook', url: `${http}/hook`, secret: 'a-test-secret-of-32-characters!!', timeoutMs: 3000 },
    },
    audiences: { default: Object.fromEntries(LADDER_AUDIENCES.map((a) => [a, [...CHANNELS]])) },
    roles: { compliance_officer: { email: ['compliance@hospital.org'] } },
    actionLinks: { secret: 'action-link-secret-0123456789abcdef', ttlHours: 72 },
    ...extra,
  });
}

export interface DemoWorld {
  jira: JiraSandbox;
  asana: AsanaSandbox;
  sraKey: string;
  config: VitalsConfig;
  close(): Promise<void>;
}

/** Both sandboxes seeded with the demo at its pinned date, and the demo config pointed at them. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const sandboxClock = fixedClock(DEMO_NOW);
  const jira = await startJiraSandbox({ clock: sandboxClock });
  const asana = await startAsanaSandbox({ clock: sandboxClock });
  const seed = seedDemo(jira, asana);
  const env = { DEMO_JIRA_URL: jira.url, DEMO_ASANA_URL: asana.url, DEMO_ASANA_EHR: seed.asanaProjects.ehr, DEMO_ASANA_PACS: seed.asanaProjects.pacs };
  const loaded = loadConfig(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), { env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  return {
    jira,
    asana,
    sraKey: seed.sraKey,
    config: loaded.config,
    close: async () => {
      await jira.close();
      await asana.close();
    },
  };
}

/** The ladder level of an escalation message, from whatever format the channel used. */
export function escalationLevelOf(text: string): string | null {
  return /\[(L\d)\] Compliance escalation: hipaa-sra/.exec(text)?.[1] ?? null;
}
