/**
 * The CLI in-process: `notify test` against a real receiver (delivered, refused, unknown channel) and
 * `audit export` from real Redis to CSV (escaped) and JSON files, with bad input rejected before anything opens.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { buildProgram } from '../../src/cli';
import { createStore, deleteByPattern, storePrefix, storeKeys } from '../../src/store';
import { ChannelStatusStore } from '../../src/store/channel-status';
import { startHttpReceivers, type HttpReceivers } from './helpers';

const ns = `vt-alerts-cli-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'vt-alerts-cli-'));
let http: HttpReceivers;
let redis: Redis;
let file = '';
const saved = { ...process.env };

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(['node', 'vitals', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}

beforeAll(async () => {
  http = await startHttpReceivers();
  redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
  Object.assign(process.env, { DEMO_JIRA_URL: 'http://127.0.0.1:9', DEMO_ASANA_URL: 'http://127.0.0.1:9', DEMO_ASANA_EHR: '1', DEMO_ASANA_PACS: '2', VITALS_NAMESPACE: ns, REDIS_URL: 'redis://127.0.0.1:6379' });
  const demo = readFileSync(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), 'utf8');
  file = join(dir, 'vitals.yaml');
  writeFileSync(
    file,
    `${demo}\nchannels:\n  channels:\n    slack: { kind: slack, webhookUrl: "${http.url}/slack" }\n    hook: { kind: webhook, url: "${http.url}/hook", secret: "0123456789abcdef0123" }\n`,
  );
});

afterAll(async () => {
  process.env = saved;
  await deleteByPattern(redis, `{${ns}}*`);
  redis.disconnect();
  await http.close();
});

describe('vitals notify test', () => {
  it('sends the test message and reports the receiver answer', async () => {
    const r = await run('notify', 'test', 'slack', '--config', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^slack \(slack\): delivered; receiver answered HTTP 200/);
    const hit = http.hits.filter((h) => h.path === '/slack');
    expect(hit).toHaveLength(1);
    expect(hit[0]?.body).toContain('Vitals test message for channel slack');
  });

  it('reports a refusal with exit code 1, and an unknown channel with 2', async () => {
    http.script.set('/hook', [400]);
    const refused = await run('notify', 'test', 'hook', '--config', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^hook \(webhook\): failed \(not retryable\); receiver answered HTTP 400/);
    const unknown = await run('notify', 'test', 'pager', '--config', file);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no channel `pager`');
    expect(unknown.err).toContain('configured: slack, hook');
  });
});

describe('vitals audit export', () => {
  it('writes an escaped CSV and a JSON for one program and date range', async () => {
    const store = createStore(redis, { prefix: storePrefix(ns) });
    const base = { program: 'ehr-golive', item: 'jira:jira-demo:EHR-75', version: '2026-11-15T10:00:00.000Z', rule: 'L2' };
    await store.audit.append({ ...base, actor: 'vitals', action: 'delivered', at: '2026-11-10T15:00:00.000Z', detail: 'channel=slack level=L2 status=200 key=a|L2|slack' });
    await store.audit.append({ ...base, actor: 'Doe, "Jane"', action: 'acknowledged', at: '2026-11-11T15:00:00.000Z', detail: '=HYPERLINK("x")\nsecond line' });
    await store.audit.append({ ...base, program: 'pacs-upgrade', actor: 'vitals', action: 'delivered', at: '2026-11-10T15:00:00.000Z', detail: 'channel=slack level=L2' });
    await store.audit.append({ ...base, actor: 'vitals', action: 'delivered', at: '2026-12-01T15:00:00.000Z', detail: 'channel=hook level=L5' });

    const csvFile = join(dir, 'audit.csv');
    const csv = await run('audit', 'export', '--config', file, '--program', 'ehr-golive', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'csv', '--out', csvFile);
    expect(csv).toMatchObject({ code: 0, out: `wrote 2 audit entries to ${csvFile}\n` });
    const text = readFileSync(csvFile, 'utf8');
    const rows = text.split('\r\n');
    expect(rows[1]).toMatch(/^2026-11-10T15:00:00.000Z,vitals,delivered,ehr-golive,jira:jira-demo:EHR-75,2026-11-15T10:00:00.000Z,L2,L2,slack,channel=slack level=L2 status=200 key=a\|L2\|slack,\d+-\d+$/);
    // Commas and quotes are quoted, quotes doubled, a formula is defused, the line break stays inside the field.
    expect(text).toContain('"Doe, ""Jane""",acknowledged,');
    expect(text).toContain(`"'=HYPERLINK(""x"")\nsecond line"`);

    const jsonFile = join(dir, 'audit.json');
    const json = await run('audit', 'export', '--config', file, '--program', 'ehr-golive', '--from', '2026-11-01', '--to', '2026-12-31', '--format', 'json', '--out', jsonFile);
    expect(json.code).toBe(0);
    const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as { count: number; entries: Array<{ actor: string; channel: string; level: string }> };
    expect(doc.count).toBe(3);
    expect(doc.entries.map((e) => `${e.actor}/${e.channel}/${e.level}`)).toEqual(['vitals/slack/L2', 'Doe, "Jane"//L2', 'vitals/hook/L5']);
  });

  it('rejects bad input before opening anything', async () => {
    const fmt = await run('audit', 'export', '--config', file, '--program', 'ehr-golive', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xml');
    expect(fmt).toMatchObject({ code: 2, out: '' });
    expect(fmt.err).toContain('--format xml: use csv or json');
    const date = await run('audit', 'export', '--config', file, '--program', 'ehr-golive', '--from', 'last week', '--to', '2026-11-30');
    expect(date.code).toBe(2);
    expect(date.err).toContain('--from "last week" is not a date');
    const order = await run('audit', 'export', '--config', file, '--program', 'ehr-golive', '--from', '2026-12-01', '--to', '2026-11-30');
    expect(order.err).toContain('is after --to');
    const prog = await run('audit', 'export', '--config', file, '--program', 'nope', '--from', '2026-11-01', '--to', '2026-11-30');
    expect(prog.code).toBe(2);
    expect(prog.err).toContain('program nope is not in');
  });
});

describe('vitals status', () => {
  it('lists each configured channel with its last error', async () => {
    const status = new ChannelStatusStore(redis, storeKeys(storePrefix(ns)));
    await status.recordDelivered('slack', '2026-11-18T15:00:00.000Z');
    await status.recordFailure('hook', '2026-11-18T15:01:00.000Z', 'attempt 1/6 400: HTTP 400 from the receiver', true);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
    try {
      await run('status', '--config', file);
    } finally {
      log.mockRestore();
    }
    const text = lines.join('\n');
    expect(text).toMatch(/hook\s+webhook\s+failed\s+0\s+1\s+never\s+2026-11-18T15:01:00.000Z attempt 1\/6 400/);
    expect(text).toMatch(/slack\s+slack\s+ok\s+1\s+0\s+2026-11-18T15:00:00.000Z/);
  });
});
