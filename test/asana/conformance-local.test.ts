/**
 * The conformance cases run against the Asana harness until the shared suite (test/conformance) lists it.
 */
import type { ConnectorCursor, TrackerConnector } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import type { ConformanceHarness } from '../../connectors/conformance/harness';
import { createAsanaHarness } from '../../connectors/asana/sandbox/harness';
import type { SourceItem } from '../../src/model/source-item';

const NOW = new Date('2026-03-02T10:00:00.000Z');

async function drain(c: TrackerConnector, cursor: ConnectorCursor | null): Promise<{ items: SourceItem[]; cursor: ConnectorCursor; pages: number }> {
  const items: SourceItem[] = [];
  let cur = cursor;
  for (let pages = 1; ; pages++) {
    const page = await c.pull(cur, { now: NOW });
    items.push(...page.items);
    cur = page.cursor;
    if (!page.hasMore) return { items, cursor: cur, pages };
    if (pages > 1000) throw new Error('pull does not end');
  }
}

describe('asana conformance (local)', () => {
  let h: ConformanceHarness;
  let keys: string[];
  let cursor: ConnectorCursor;

  beforeAll(async () => {
    h = await createAsanaHarness();
    keys = await h.seed(730);
  });
  afterAll(() => h.close());

  it('initial pull returns every item exactly once across pages', async () => {
    const out = await drain(h.connector, null);
    cursor = out.cursor;
    expect(out.pages).toBeGreaterThan(1);
    const seen = out.items.map((i) => i.key);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...keys].sort());
  });

  it('an incremental pull returns the touched items', async () => {
    const touched = [keys[3], keys[400], keys[729]] as string[];
    for (const k of touched) await h.touch(k);
    const out = await drain(h.connector, cursor);
    cursor = out.cursor;
    expect(out.items.map((i) => i.key).sort()).toEqual([...touched].sort());
  });

  it('a poll with nothing changed returns nothing and costs one request per project', async () => {
    const before = h.connector.requestCount();
    const out = await drain(h.connector, cursor);
    cursor = out.cursor;
    expect(out.items).toEqual([]);
    expect(h.connector.requestCount() - before).toBe(1);
  });

  it('fetchItem returns the item, or null when it does not exist', async () => {
    const item = await h.connector.fetchItem(keys[5] as string);
    expect(item?.key).toBe(keys[5]);
    expect(item?.tool).toBe('asana');
    expect(await h.connector.fetchItem('1999999999999999')).toBeNull();
  });

  it('listIds reflects deletions', async () => {
    await h.remove(keys[10] as string);
    const ids = await h.connector.listIds();
    expect(ids.complete).toBe(true);
    expect(ids.keys).toHaveLength(keys.length - 1);
    expect(ids.keys).not.toContain(keys[10]);
  });

  it('postComment twice posts once', async () => {
    const comment = { fingerprint: 'risk:abc123', heading: 'Gate at risk', lines: ['Due in 3 days.'], link: null };
    const first = await h.connector.postComment(keys[1] as string, comment);
    const second = await h.connector.postComment(keys[1] as string, comment);
    expect(first.status).toBe('posted');
    expect(second).toEqual({ status: 'duplicate', commentId: first.commentId });
    expect(await h.connector.findComment(keys[1] as string, 'risk:abc123')).toBe(first.commentId);
    expect(await h.commentCount(keys[1] as string)).toBe(1);
  });

  it('webhooks: a good signature parses, a bad one is rejected with 401', () => {
    const good = h.signedDelivery([keys[2] as string]);
    expect(h.connector.parseWebhook(good, h.webhookSecret)).toEqual({ kind: 'changed', keys: [keys[2]], deletedKeys: [] });
    const bad = { ...good, headers: { ...good.headers, 'x-hook-signature': 'f'.repeat(64) } };
    expect(() => h.connector.parseWebhook(bad, h.webhookSecret)).toThrow(WebhookRejectedError);
    try {
      h.connector.parseWebhook(bad, h.webhookSecret);
    } catch (err) {
      expect((err as WebhookRejectedError).status).toBe(401);
    }
  });

  it('survives injected 429s and 5xx with nothing lost or duplicated', async () => {
    h.faults({ rate429: 0.2, rate5xx: 0.15, retryAfterSec: 1 });
    try {
      const out = await drain(h.connector, null);
      const seen = out.items.map((i) => i.key);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(keys.length - 1);
    } finally {
      h.faults({ rate429: 0, rate5xx: 0 });
    }
  });
});
