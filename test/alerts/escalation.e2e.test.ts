/**
 * The demo's overdue HIPAA security risk analysis escalates by itself: an injected clock walks every calendar day
 * from before the first reminder to past the last level (weekends and the Thanksgiving holiday included), each day
 * evaluated twice by two worker sets on one real Redis, and every ladder level reaches the real Slack, Teams,
 * email and webhook receivers exactly once. An acknowledgement stops repeats; the audit export lists it all.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { COMMENT_PROPERTY } from '../../connectors/jira/push';
import { fixedClock } from '../../src/clock';
import { silentLogger } from '../../src/log';
import { acknowledgeEscalation, exportAudit, formatPlan, planDeliveries } from '../../src/pipeline/deliver';
import { runOnce, waitForIdle } from '../../src/pipeline/run-once';
import { createRuntime, type Runtime } from '../../src/pipeline/runtime';
import { startWorkers, type WorkerSet } from '../../src/pipeline/worker';
import { deleteByPattern } from '../../src/store';
import { CHANNELS, channelsConfig, escalationLevelOf, startDemoWorld, startHttpReceivers, startSmtp, type DemoWorld, type HttpReceivers } from './helpers';

const namespace = `vt-alerts-e2e-${randomUUID().slice(0, 8)}`;
const clock = fixedClock('2026-10-08T15:00:00.000Z');
let redis: Redis;
let world: DemoWorld;
let http: HttpReceivers;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let runtime: Runtime;
let workers: WorkerSet[] = [];

/** Ladder levels of the SRA escalation each receiver got, in arrival order. */
function levelsPerChannel(): Record<string, string[]> {
  const out: Record<string, string[]> = { slack: [], teams: [], mail: [], hook: [] };
  for (const h of http.hits) {
    const level = escalationLevelOf(h.body);
    if (level) out[h.path.slice(1)]?.push(level);
  }
  for (const m of smtp.mails) {
    const level = escalationLevelOf(m.raw);
    if (level) out.mail?.push(level);
  }
  return out;
}

/** The escalation notices on the SRA issue in the Jira sandbox: marker → comment text. */
function sraNotices(): Array<{ marker: string; text: string }> {
  return (world.jira.state.comments.get(world.sraKey) ?? [])
    .map((c) => ({ marker: (c.properties.get(COMMENT_PROPERTY) as { fingerprint?: string } | undefined)?.fingerprint ?? '', text: JSON.stringify(c.body) }))
    .filter((n) => n.marker.startsWith('esc.'));
}

function total(): number {
  return Object.values(levelsPerChannel()).reduce((n, l) => n + l.length, 0);
}

async function evaluateTwice(day: string): Promise<void> {
  clock.set(`${day}T15:00:00.000Z`);
  for (const run of [1, 2]) {
    await runtime.queues.enqueue('evaluate.program', { program: 'ehr-golive' }, { jobId: `step.${day}.${run}` });
    await waitForIdle(runtime.queues, { pollMs: 10, timeoutMs: 20_000 });
  }
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const sraStatus = async (): Promise<{ status: string; level: string | null; fire: number }> => {
  const esc = (await runtime.deps.store.state.getSnapshot('ehr-golive'))?.escalations.find((e) => e.subject === 'hipaa-sra');
  return { status: esc?.status ?? 'none', level: esc?.level ?? null, fire: esc?.fire.length ?? 0 };
};

beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
  [world, http, smtp] = await Promise.all([startDemoWorld(), startHttpReceivers(), startSmtp()]);
  world.config.channels = channelsConfig(http.url, smtp.port);
  runtime = createRuntime(world.config, { redis, namespace, clock, logger: silentLogger(), evaluateDelayMs: 0 });
  // Two worker sets on one Redis: the second proves a competing worker never doubles a delivery.
  workers = [startWorkers(runtime.deps, runtime.queues, { concurrency: { notify: 4 } }), startWorkers(runtime.deps, runtime.queues, { concurrency: { notify: 4 } })];
  await runOnce(runtime.queues, world.config.sources.map((s) => s.id), { mode: 'full', pollMs: 20, timeoutMs: 30_000 });
});

afterAll(async () => {
  for (const w of workers) await w.close();
  await runtime?.close();
  await deleteByPattern(redis, `{${namespace}}*`);
  redis.disconnect();
  await Promise.all([world?.close(), http?.close(), smtp?.close()]);
});

describe('escalation of the overdue HIPAA SRA (demo seed) through real receivers', () => {
  const firstSeen = new Map<string, string>();

  it('walks the clock over business days: each level once per channel, none on the weekend or the holiday', async () => {
    expect(await sraStatus()).toMatchObject({ level: null });
    for (const day of days('2026-10-08', '2026-12-02')) {
      const before = total();
      await evaluateTwice(day);
      for (const level of levelsPerChannel().slack ?? []) if (!firstSeen.has(level)) firstSeen.set(level, day);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6 || day === '2026-11-26') expect({ day, sent: total() - before }).toEqual({ day, sent: 0 });
    }
    const per = levelsPerChannel();
    for (const ch of CHANNELS) expect({ ch, levels: per[ch] }).toEqual({ ch, levels: ['L0', 'L1', 'L2', 'L3', 'L4', 'L5'] });
    // Due Monday 2026-11-09: day 0 is the 10th, +3 business days the 12th, +7 the 18th, and +14 skips the
    // weekends and Thanksgiving (the 26th) to Monday the 30th. L0/L1 come from the lead window (56 days).
    expect(Object.fromEntries(firstSeen)).toEqual({
      L0: '2026-10-12',
      L1: expect.stringMatching(/^2026-1[01]-\d\d$/),
      L2: '2026-11-10',
      L3: '2026-11-12',
      L4: '2026-11-18',
      L5: '2026-11-30',
    });
    expect((firstSeen.get('L1') ?? '') < '2026-11-09').toBe(true);
    // Email went to the channel's own address and, for L4, to the compliance officer from the role directory.
    const l4 = smtp.mails.filter((m) => escalationLevelOf(m.raw) === 'L4');
    expect(l4).toHaveLength(1);
    expect(l4[0]?.to.sort()).toEqual(['compliance@hospital.org', 'pmo@hospital.org']);
    // Webhook deliveries are signed and carry the delivery id receivers can de-duplicate on.
    const hook = http.hits.find((h) => h.path === '/hook' && escalationLevelOf(h.body) === 'L5');
    expect(hook?.headers['x-vitals-signature']).toBeDefined();
    expect(JSON.parse(hook?.body ?? '{}').alert.links.map((l: { rel: string }) => l.rel)).toEqual(['item', 'program', 'ack', 'snooze']);

    // The dry run reads the same snapshot: L5 of the SRA routes to all four channels, each already delivered.
    const snap = await runtime.deps.store.state.getSnapshot('ehr-golive');
    const plan = await planDeliveries(runtime.deps.settings, snap ? [snap] : [], runtime.deps.store, clock());
    const sra = plan.filter((p) => p.kind === 'escalation' && p.subject === 'hipaa-sra');
    expect(sra.map((p) => `${p.level} ${p.channel} ${p.state}`).sort()).toEqual(['L5 hook delivered', 'L5 mail delivered', 'L5 slack delivered', 'L5 teams delivered']);
    expect(formatPlan(plan, { slack: 'slack', teams: 'teams', mail: 'email', hook: 'webhook' })).toMatch(/hipaa-sra\s+L5\s+high\s+mail \(email\)/);

    // Each level left one notice on the SRA issue, after its four deliveries, with the tracker-side marker.
    const notices = sraNotices();
    expect(notices.map((n) => n.marker.replace(/^esc\.[0-9a-f]{16}\./, ''))).toEqual(['L0', 'L1', 'L2', 'L3', 'L4', 'L5'].map((l) => `${l}.2026-11-09`));
    const l3 = notices.find((n) => n.marker.includes('.L3.'))?.text ?? '';
    expect(l3).toContain('Escalated to L3: the gate owner (role security) and the PMO lead were notified on 2026-11-12; next level L4 on 2026-11-18.');
    expect(notices.find((n) => n.marker.includes('.L5.'))?.text).toContain('Escalated to L5: the steering committee was notified on 2026-11-30; this is the last level of the ladder.');
    expect(notices.map((n) => n.text).join('\n')).not.toContain('HIPAA security risk analysis for the new EHR');
    // 114 evaluations of a 55-day walk: ~15 s alone, more when CI runs the kill tests beside it on 2 cores.
  }, 120_000);

  it('an acknowledgement stops the repeats that a lost record would otherwise fire', async () => {
    const store = runtime.deps.store;
    const sent = total();
    // A record that lost its fired levels: the engine wants L2-L5 again; only the ledger keeps them from going out.
    const rec = await store.state.getEscalation('ehr-golive', 'hipaa-sra');
    await store.state.putEscalation('ehr-golive', { ...rec!, fired: [] });
    clock.set('2026-12-03T15:00:00.000Z');
    await runtime.queues.enqueue('evaluate.program', { program: 'ehr-golive' }, { jobId: 'lost-record' });
    await waitForIdle(runtime.queues, { pollMs: 10 });
    expect((await runtime.queues.queue('notify').getJobCounts('failed')).failed).toBe(0);
    expect(total()).toBe(sent);

    await acknowledgeEscalation(store, { program: 'ehr-golive', subject: 'hipaa-sra', level: 'L5', by: 'ciso@hospital.org', note: 'CAP filed', now: clock() });
    const acked = await store.state.getEscalation('ehr-golive', 'hipaa-sra');
    await store.state.putEscalation('ehr-golive', { ...acked!, fired: [] });
    for (const day of ['2026-12-03', '2026-12-04', '2026-12-07']) {
      await evaluateTwice(day);
      expect(await sraStatus()).toEqual({ status: 'acknowledged', level: 'L5', fire: 0 });
    }
    expect(total()).toBe(sent);
  });

  it('audit export writes a CSV and a JSON listing the deliveries and the acknowledgement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-audit-'));
    const req = { program: 'ehr-golive', from: '2026-10-01', to: '2026-12-31' } as const;
    const csv = await exportAudit(runtime.deps.store.audit, { ...req, format: 'csv' }, clock());
    const json = await exportAudit(runtime.deps.store.audit, { ...req, format: 'json' }, clock());
    const csvFile = join(dir, 'audit.csv');
    writeFileSync(csvFile, csv.text);
    const lines = readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,actor,action,program,item,version,rule,level,channel,detail,id');
    const sraDeliveries = lines.filter((l) => l.includes(',delivered,') && /,L\d,/.test(l) && l.includes(`:${world.sraKey},`));
    expect(sraDeliveries).toHaveLength(24);
    for (const ch of CHANNELS) for (const lvl of ['L0', 'L1', 'L2', 'L3', 'L4', 'L5']) expect(sraDeliveries.filter((l) => l.includes(`,${lvl},${ch},`))).toHaveLength(1);
    const ack = lines.filter((l) => l.includes(',acknowledged,'));
    expect(ack).toHaveLength(1);
    expect(ack[0]).toContain('ciso@hospital.org,acknowledged,ehr-golive,');
    expect(ack[0]).toContain(',2026-11-09,L5,L5,');

    const doc = JSON.parse(json.text) as { count: number; entries: Array<{ action: string; level: string; channel: string; actor: string; item: string; version: string }> };
    expect(doc.count).toBe(json.rows.length);
    const jsonSra = doc.entries.filter((e) => e.action === 'delivered' && /^L\d$/.test(e.level) && e.item.endsWith(`:${world.sraKey}`));
    expect(jsonSra).toHaveLength(24);
    expect(jsonSra.every((e) => e.version !== '')).toBe(true);
    expect(doc.entries.filter((e) => e.action === 'acknowledged').map((e) => e.actor)).toEqual(['ciso@hospital.org']);
    expect(doc.entries.some((e) => e.action === 'delivery_failed')).toBe(false);
  });

  it('after Redis lost everything (records, ledger, queues), the notices on the tracker stop every re-send', async () => {
    const sent = total();
    const notices = sraNotices().length;
    // The namespace only (the shared Redis is never flushed): as FLUSHALL would leave it for this test.
    await deleteByPattern(redis, `{${namespace}}*`);
    clock.set('2026-12-08T15:00:00.000Z');
    await runOnce(runtime.queues, world.config.sources.map((s) => s.id), { mode: 'full', pollMs: 20, timeoutMs: 30_000 });
    await runtime.queues.enqueue('evaluate.program', { program: 'ehr-golive' }, { jobId: 'after-loss' });
    await waitForIdle(runtime.queues, { pollMs: 10, timeoutMs: 20_000 });
    expect({ sent: total(), notices: sraNotices().length }).toEqual({ sent, notices });
    // The engine wanted L2-L5 again (L0/L1 are stale reminders once overdue): each was recorded as fired and audited as a skip.
    const rec = await runtime.deps.store.state.getEscalation('ehr-golive', 'hipaa-sra');
    expect(rec?.fired.map((f) => f.level).sort()).toEqual(['L2', 'L3', 'L4', 'L5']);
    const skips = (await runtime.deps.store.audit.list({ program: 'ehr-golive', from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' })).filter((e) => e.action === 'skipped_duplicate' && e.item === 'hipaa-sra');
    expect(skips.map((e) => e.rule).sort()).toEqual(['L2', 'L3', 'L4', 'L5']);
    await runtime.queues.enqueue('evaluate.program', { program: 'ehr-golive' }, { jobId: 'after-loss-2' });
    await waitForIdle(runtime.queues, { pollMs: 10, timeoutMs: 20_000 });
    expect(await sraStatus()).toEqual({ status: 'active', level: 'L5', fire: 0 });
    expect(total()).toBe(sent);
  });
});
