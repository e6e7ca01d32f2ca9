/**
 * Channel faults and timing on real Redis with real receivers: a 500 then 200 is retried and delivered once; a 400
 * fails at once, shows in the channel status and the audit stream, and the other channels still deliver. Low
 * severity waits for the daily digest (one delayed job per slot), quiet hours delay a medium alert.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { fixedClock } from '../../src/clock';
import { channelsSchema } from '../../src/config/channels-schema';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import type { Alert } from '../../src/notify/alert';
import { deliveryKey } from '../../src/notify/routing';
import { channelStatusOf, digestJobId, fanOut, formatChannelStatus } from '../../src/pipeline/deliver';
import { waitForIdle } from '../../src/pipeline/run-once';
import { coreFunctions, createRuntimeFromSettings, type Runtime } from '../../src/pipeline/runtime';
import { settingsFromConfig } from '../../src/pipeline/settings';
import { startWorkers, type WorkerSet } from '../../src/pipeline/worker';
import { deleteByPattern } from '../../src/store';
import { channelsConfig, startHttpReceivers, startSmtp, type HttpReceivers } from './helpers';

const ns = `vt-alerts-dlv-${randomUUID().slice(0, 8)}`;
const clock = fixedClock('2026-11-18T20:00:00.000Z');
let redis: Redis;
let http: HttpReceivers;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const opened: Array<{ runtime: Runtime; workers: WorkerSet }> = [];

function open(namespace: string, channels: ReturnType<typeof channelsConfig>): Runtime {
  const env = { DEMO_JIRA_URL: 'http://127.0.0.1:9', DEMO_ASANA_URL: 'http://127.0.0.1:9', DEMO_ASANA_EHR: '1', DEMO_ASANA_PACS: '2' };
  const loaded = loadConfig(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), { env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error('demo config');
  const settings = { ...settingsFromConfig(loaded.config), sources: [], channels };
  const runtime = createRuntimeFromSettings(settings, coreFunctions(loaded.config), new Map(), { redis, namespace, clock, logger: silentLogger() });
  opened.push({ runtime, workers: startWorkers(runtime.deps, runtime.queues) });
  return runtime;
}

const ctxOf = (r: Runtime) => ({ deps: r.deps, queues: r.queues, log: silentLogger() });

function alert(fingerprint: string, severity: Alert['severity'], audience: string[]): Alert {
  return {
    kind: 'risk',
    fingerprint,
    level: severity,
    severity,
    programId: 'ehr-golive',
    subject: 'hipaa-sra',
    heading: `Compliance gate overdue: hipaa-sra (ehr-golive) ${fingerprint}`,
    lines: ['Due 2026-11-09.'],
    links: [{ rel: 'program', text: 'Program page', url: 'http://localhost:8080/programs/ehr-golive' }],
    audience,
  };
}

const origin = { item: 'jira:jira-demo:EHR-75', version: '2026-11-15T10:00:00.000Z', rule: 'gate_overdue' };
const hitsOn = (path: string, marker: string) => http.hits.filter((h) => h.path === path && h.body.includes(marker)).length;

beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
  [http, smtp] = await Promise.all([startHttpReceivers(), startSmtp()]);
});

afterAll(async () => {
  for (const o of opened) {
    await o.workers.close();
    await o.runtime.close();
  }
  await deleteByPattern(redis, `{${ns}-t}*`);
  await deleteByPattern(redis, `{${ns}}*`);
  redis.disconnect();
  await Promise.all([http?.close(), smtp?.close()]);
});

describe('channel faults', () => {
  it('500 then 200 is retried and delivered once; 400 fails at once, visible in status and audit; others deliver', async () => {
    const runtime = open(ns, channelsConfig(http.url, smtp.port));
    http.script.set('/slack', [500]);
    http.script.set('/teams', [400]);
    const a = alert('fault-1', 'high', ['pmo']);
    const targets = await fanOut(ctxOf(runtime), a, origin);
    expect(targets.map((t) => t.channelId).sort()).toEqual(['hook', 'mail', 'slack', 'teams']);
    await waitForIdle(runtime.queues, { pollMs: 20, timeoutMs: 20_000 });

    expect(hitsOn('/slack', 'fault-1')).toBe(2);
    expect(hitsOn('/teams', 'fault-1')).toBe(1);
    expect(hitsOn('/hook', 'fault-1')).toBe(1);
    expect(smtp.mails.filter((m) => m.raw.includes('fault-1'))).toHaveLength(1);
    const ledger = runtime.deps.store.ledger;
    expect(await ledger.get(deliveryKey('fault-1', 'high', 'slack'))).toBe('done|slack:200');
    expect(await ledger.get(deliveryKey('fault-1', 'high', 'teams'))).toBeNull();
    expect((await runtime.queues.queue('notify').getJobCounts('failed')).failed).toBe(1);

    const audit = await runtime.deps.store.audit.list({ program: 'ehr-golive' });
    const line = (e: { action: string; detail: string }) => `${e.action} ${/channel=\S+/.exec(e.detail)?.[0]} ${/retry=\S+/.exec(e.detail)?.[0] ?? ''}`.trim();
    expect(audit.map(line).sort()).toEqual([
      'delivered channel=hook',
      'delivered channel=mail',
      'delivered channel=slack',
      'delivery_failed channel=slack retry=yes',
      'delivery_failed channel=teams retry=no',
    ]);
    expect(audit.every((e) => e.item === origin.item && e.version === origin.version && e.rule === 'gate_overdue')).toBe(true);

    const status = await channelStatusOf(runtime).list(['slack', 'teams', 'mail', 'hook']);
    expect(status.find((s) => s.channel === 'teams')).toMatchObject({ status: 'failed', failed: 1, delivered: 0 });
    expect(status.find((s) => s.channel === 'teams')?.lastError).toContain('400');
    expect(status.find((s) => s.channel === 'slack')).toMatchObject({ status: 'ok', delivered: 1, failed: 0 });
    const table = formatChannelStatus(status, runtime.deps.settings.channels);
    expect(table).toMatch(/teams\s+teams\s+failed\s+0\s+1 .*400/);

    // The same alert again (a retried evaluation): nothing new reaches any receiver.
    const before = http.hits.length + smtp.mails.length;
    await fanOut(ctxOf(runtime), a, origin);
    await waitForIdle(runtime.queues, { pollMs: 20 });
    expect(http.hits.length + smtp.mails.length).toBe(before);
  });
});

describe('digest and quiet hours', () => {
  it('low severity waits for the daily digest (one slot job), quiet hours delay a medium alert', async () => {
    const cfg = channelsSchema.parse({
      ...channelsConfig(http.url, smtp.port),
      audiences: { default: { team: ['slack'] } },
      roles: {},
      digest: { at: '08:00', timeZone: 'America/New_York', maxSeverity: 'low' },
      quietHours: { start: '18:00', end: '07:00', timeZone: 'America/New_York', audiences: ['team'] },
    });
    const runtime = open(`${ns}-t`, cfg);
    const ctx = ctxOf(runtime);
    const slackHits = () => http.hits.filter((h) => h.path === '/slack').length;
    const start = slackHits();
    clock.set('2026-11-18T20:00:00.000Z'); // 15:00 in New York
    await fanOut(ctx, alert('low-a', 'low', ['team']), origin);
    await fanOut(ctx, alert('low-b', 'low', ['team']), origin);
    const slot = await runtime.queues.queue('notify').getJob(digestJobId('ehr-golive', 'team', 'slack', '2026-11-19'));
    expect(await slot?.getState()).toBe('delayed');
    // 08:00 New York on the 19th is 13:00Z: 17 hours after the injected now.
    expect(slot?.opts.delay).toBe(17 * 3_600_000);
    clock.set('2026-11-19T01:00:00.000Z'); // 20:00 in New York: quiet
    const [t] = await fanOut(ctx, alert('medium-q', 'medium', ['team']), origin);
    expect(t?.deliverAt).toBe('2026-11-19T12:00:00.000Z');
    // Two delayed jobs (the digest slot, the quiet-hours alert) and nothing sent yet.
    expect(await runtime.queues.queue('notify').getJobCounts('delayed', 'waiting', 'active')).toEqual({ delayed: 2, waiting: 0, active: 0 });
    expect(slackHits()).toBe(start);

    // The clock reaches the slot: promote the delayed jobs, as time passing would.
    clock.set('2026-11-19T13:00:00.000Z');
    for (const job of await runtime.queues.queue('notify').getDelayed()) await job.promote();
    await waitForIdle(runtime.queues, { pollMs: 20 });
    const digests = http.hits.filter((h) => h.path === '/slack' && h.body.includes('Daily digest for team'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.body).toContain('low-a');
    expect(digests[0]?.body).toContain('low-b');
    expect(hitsOn('/slack', 'medium-q')).toBe(1);
    expect(hitsOn('/slack', 'low-a')).toBe(1);
  });
});
