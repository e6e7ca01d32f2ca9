/**
 * The HTTP intake `/webhooks/{jira,asana}/:source` of the real API over real Redis, fed hostile deliveries: the
 * status is the oracle's 4xx (or 200 for a heartbeat / ignored event), every 4xx carries the JSON error body, and no
 * job, secret or key is written: counters are compared per request, a DUMP digest of the namespace per property.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { JIRA_SECRET, startHarness, type Harness } from '../api/harness';
import { anyBytes, brokenJsonText, counters, headerValue, isErrorBody, namespaceOf, redisDigest, runs } from './helpers';
import { applySig, asanaExpected, asanaShape, asanaSign, jiraExpected, jiraShape, jiraSign, sigMutation, type Expected } from './webhook-oracle';

const ASANA_SECRET = 'asana-hook-secret-fuzz-5d2e';

let h: Harness;
let before: Record<string, string>;
let base: Record<string, number>;

beforeAll(async () => {
  h = await startHarness();
  const hs = await fetch(`${h.url}/webhooks/asana/asana-main`, { method: 'POST', headers: { 'x-hook-secret': ASANA_SECRET } });
  expect(hs.status).toBe(200);
  base = await counters(h);
  before = await redisDigest(h.redis, namespaceOf(h));
});
afterAll(async () => {
  await h?.close();
});

const contentType = fc.constantFrom<string | undefined>('application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', undefined);
const body = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(anyBytes, brokenJsonText.map((t) => Buffer.from(t)), shape.map((v) => Buffer.from(JSON.stringify(v) ?? '')), fc.constant(Buffer.alloc(0)));

async function post(path: string, raw: Buffer, headers: Record<string, string | undefined>): Promise<{ status: number; json: unknown }> {
  const clean = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: clean, body: new Uint8Array(raw) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

/** What the HTTP answer must be for an oracle verdict; the Asana hook has already shaken hands, so a new one is 403. */
function httpStatus(want: Expected): number {
  if ('reject' in want) return want.reject;
  if (want.kind === 'handshake') return 403;
  if (want.kind === 'ignored') return 200;
  return 202;
}

async function expectNothingWritten(res: { status: number; json: unknown }): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(isErrorBody(res.json)).toBe(true);
  expect(await counters(h)).toEqual(base);
}

describe('webhook intake over HTTP under fuzzing', () => {
  it('Jira: any body and signature answers the oracle status and enqueues nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body(jiraShape), sigMutation(true), contentType, async (raw, sig, ct) => {
        const signature = applySig(sig, raw, jiraSign, JIRA_SECRET);
        const want = jiraExpected(raw, signature, JIRA_SECRET);
        fc.pre(!('kind' in want && want.kind === 'changed'));
        const res = await post('/webhooks/jira/jira-main', raw, { 'content-type': ct, 'x-hub-signature': signature });
        expect(res.status).toBe(httpStatus(want));
        await expectNothingWritten(res);
      }),
      runs(40),
    );
  });

  it('Asana: any body, signature or handshake answers the oracle status and enqueues or stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body(asanaShape), sigMutation(true), fc.option(headerValue(30), { nil: undefined, freq: 5 }), contentType, async (raw, sig, hs, ct) => {
        const signature = applySig(sig, raw, asanaSign, ASANA_SECRET);
        const want = asanaExpected(raw, hs || undefined, signature, ASANA_SECRET);
        fc.pre(!('kind' in want && want.kind === 'changed'));
        const res = await post('/webhooks/asana/asana-main', raw, { 'content-type': ct, 'x-hook-signature': signature, 'x-hook-secret': hs });
        expect(res.status).toBe(httpStatus(want));
        await expectNothingWritten(res);
      }),
      runs(40),
    );
  });

  it('unknown tools and sources, odd path segments: a 4xx, never a 5xx', async () => {
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2F..%2F', 'jira-main%20', 'asana-main'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('jira', 'asana', 'JIRA', 'slack', '%ZZ'), segment, anyBytes, async (tool, source, raw) => {
        fc.pre(!((tool === 'jira' && source === 'jira-main') || (tool === 'asana' && source === 'asana-main')));
        const res = await post(`/webhooks/${tool}/${source}`, raw, { 'content-type': 'application/json', 'x-hub-signature': jiraSign(raw, JIRA_SECRET) });
        expect(res.status).toBeGreaterThanOrEqual(400);
        await expectNothingWritten(res);
      }),
      runs(25),
    );
  });

  it('huge, compressed and mis-encoded bodies: 413 / 400 / 415, nothing written', async () => {
    const MB = 1024 * 1024;
    const cases: Array<{ name: string; raw: Buffer; headers: Record<string, string>; status: number }> = [
      { name: 'just over the 1 MB limit, correctly signed', raw: Buffer.alloc(MB + 1, 0x7b), headers: {}, status: 413 },
      { name: '4 MB of JSON', raw: Buffer.from(JSON.stringify({ webhookEvent: 'jira:issue_updated', pad: 'x'.repeat(4 * MB) })), headers: {}, status: 413 },
      { name: 'a gzip bomb inflating past the limit', raw: gzipSync(Buffer.alloc(8 * MB, 0x20)), headers: { 'content-encoding': 'gzip' }, status: 413 },
      { name: 'gzip header on plain bytes', raw: Buffer.from('{"webhookEvent":"x"}'), headers: { 'content-encoding': 'gzip' }, status: 400 },
      { name: 'an unknown content encoding', raw: Buffer.from('{}'), headers: { 'content-encoding': 'zstd-ish' }, status: 415 },
    ];
    for (const c of cases) {
      const signed = { 'x-hub-signature': jiraSign(c.raw, JIRA_SECRET), ...c.headers };
      const res = await post('/webhooks/jira/jira-main', c.raw, signed);
      expect({ name: c.name, status: res.status }).toEqual({ name: c.name, status: c.status });
      await expectNothingWritten(res);
    }
    // Just under the limit with a bad signature still gets its 401.
    const big = Buffer.alloc(MB - 100, 0x61);
    const res = await post('/webhooks/asana/asana-main', big, { 'x-hook-signature': asanaSign(big, 'not-the-secret') });
    expect(res.status).toBe(401);
    await expectNothingWritten(res);
  });

  it('after all of it the namespace is byte-for-byte what it was', async () => {
    expect(await redisDigest(h.redis, namespaceOf(h))).toEqual(before);
  });
});
