/**
 * The connector conformance suite: the same cases against every tracker connector, each through its real SDK
 * against its sandbox. A connector joins by adding its harness factory to HARNESSES.
 */
import type { ConformanceHarness, HarnessFactory } from '../../connectors/conformance/harness';
import type { ConnectorCursor, TrackerConnector } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import { jiraHarness } from '../../connectors/jira/sandbox/harness';

import { createAsanaHarness } from '../../connectors/asana/sandbox/harness';

const HARNESSES: Array<[string, HarnessFactory]> = [['jira', jiraHarness], ['asana', createAsanaHarness]];

let now: () => Date = () => new Date();

async function drain(connector: TrackerConnector, cursor: ConnectorCursor | null): Promise<{ keys: string[]; cursor: ConnectorCursor }> {
  const keys: string[] = [];
  let current = cursor;
  for (let page = 0; page < 1000; page += 1) {
    const out = await connector.pull(current, { now: now() });
    keys.push(...out.items.map((i) => i.key));
    current = out.cursor;
    if (!out.hasMore) return { keys, cursor: out.cursor };
  }
  throw new Error('pull never finished');
}

function counts(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

describe.each(HARNESSES)('%s connector conformance', (_name, factory) => {
  let h: ConformanceHarness;
  beforeEach(async () => {
    h = await factory();
    const harness = h;
    now = () => harness.now?.() ?? new Date();
  });
  afterEach(async () => {
    await h.close();
  });

  it('initial pull returns every seeded item exactly once across pages', async () => {
    const seeded = await h.seed(35);
    const { keys } = await drain(h.connector, null);
    expect([...counts(keys).entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(new Set(keys)).toEqual(new Set(seeded));
  });

  it('incremental pull after touching K items returns them', async () => {
    const seeded = await h.seed(30);
    const first = await drain(h.connector, null);
    const touched = [seeded[2], seeded[17], seeded[29]] as string[];
    h.advance(60_000);
    for (const k of touched) await h.touch(k);
    const next = await drain(h.connector, first.cursor);
    for (const k of touched) expect(counts(next.keys).get(k)).toBe(1);
    expect(next.keys.length).toBeLessThan(seeded.length);
  });

  it('a poll with nothing changed returns nothing and costs one request', async () => {
    await h.seed(25);
    const first = await drain(h.connector, null);
    const before = h.connector.requestCount();
    const quiet = await h.connector.pull(first.cursor, { now: now() });
    expect(quiet.items).toEqual([]);
    expect(quiet.hasMore).toBe(false);
    expect(h.connector.requestCount() - before).toBe(1);
  });

  it('fetchItem returns the item, and null once it is gone', async () => {
    const [a, b] = (await h.seed(2)) as [string, string];
    const item = await h.connector.fetchItem(a);
    expect(item?.key).toBe(a);
    expect(item?.instance).toBe(h.connector.instance);
    await h.remove(b);
    expect(await h.connector.fetchItem(b)).toBeNull();
  });

  it('listIds is complete and reflects deletions', async () => {
    const seeded = await h.seed(40);
    const all = await h.connector.listIds();
    expect(all.complete).toBe(true);
    expect(new Set(all.keys)).toEqual(new Set(seeded));
    await h.remove(seeded[5] as string);
    const after = await h.connector.listIds();
    expect(after.keys).not.toContain(seeded[5]);
    expect(after.keys).toHaveLength(seeded.length - 1);
  });

  it('a comment posted twice appears once, also from a connector that lost its state', async () => {
    const [key] = (await h.seed(1)) as [string];
    const comment = { fingerprint: 'risk:gate-overdue:v1', heading: 'Compliance gate overdue', lines: ['Due 2026-02-20; blocks testing.'], link: { text: 'Open in Vitals', url: 'https://vitals.example.test/p/ehr' } };
    const first = await h.connector.postComment(key, comment);
    expect(first.status).toBe('posted');
    const second = await h.connector.postComment(key, comment);
    expect(second).toEqual({ status: 'duplicate', commentId: first.commentId });
    expect(await h.connector.findComment(key, comment.fingerprint)).toBe(first.commentId);
    expect(await h.connector.findComment(key, 'risk:other')).toBeNull();
    if (h.freshConnector) {
      const fresh = h.freshConnector();
      expect(await fresh.postComment(key, comment)).toEqual({ status: 'duplicate', commentId: first.commentId });
    }
    expect(await h.commentCount(key)).toBe(1);
  });

  it('a well-signed webhook names the changed item; a bad signature is rejected', async () => {
    const [key] = (await h.seed(1)) as [string];
    const good = h.signedDelivery([key]);
    const parsed = h.connector.parseWebhook(good, h.webhookSecret);
    expect(parsed.kind).toBe('changed');
    if (parsed.kind === 'changed') expect(parsed.keys).toContain(key);
    const tampered = { ...good, rawBody: Buffer.concat([good.rawBody, Buffer.from(' ')]) };
    expect(() => h.connector.parseWebhook(tampered, h.webhookSecret)).toThrow(WebhookRejectedError);
    expect(() => h.connector.parseWebhook(good, 'another-secret')).toThrow(WebhookRejectedError);
  });

  it('a pull survives injected 429s and 5xx with nothing lost or duplicated', async () => {
    const seeded = await h.seed(45);
    h.faults({ rate429: 0.25, retryAfterSec: 1, rate5xx: 0.15 });
    const { keys, cursor } = await drain(h.connector, null);
    expect(keys.slice().sort()).toEqual(seeded.slice().sort());
    h.advance(60_000);
    await h.touch(seeded[10] as string);
    const next = await drain(h.connector, cursor);
    expect(next.keys).toContain(seeded[10]);
    h.faults({ rate429: 0, rate5xx: 0 });
  });
});
