/**
 * Every write endpoint of the PMO API (acknowledge, snooze, override, sync, key creation) fed bodies that an
 * independent validator calls invalid: the answer is a 4xx with `{ error: { code, message } }`, and nothing is
 * written (audit stream, API keys and job counts per request; a DUMP digest of the whole namespace at the end).
 */
import fc from 'fast-check';
import { startHarness, type Harness } from '../api/harness';
import { NOW } from '../api/fixtures';
import { anyJson, brokenJsonText, counters, isErrorBody, namespaceOf, redisDigest, runs } from './helpers';

let h: Harness;
let before: Record<string, string>;
let base: Record<string, number>;

beforeAll(async () => {
  h = await startHarness({ rateLimit: { windowMs: 60_000, limit: 1_000_000 } });
  base = await counters(h);
  before = await redisDigest(h.redis, namespaceOf(h));
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;
const now = Date.parse(NOW);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Record<string, unknown>, allowed: string[]) => Object.keys(o).every((k) => allowed.includes(k));
const str = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;
const opt = (o: Record<string, unknown>, k: string, ok: (v: unknown) => boolean) => !(k in o) || ok(o[k]);
const isoTime = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && Number.isFinite(Date.parse(v));
const inWindow = (ms: number, days: number) => ms > now && ms <= now + days * DAY;

/** Would the endpoint accept this body (and so write)? Written from the API's documented contract. */
const valid: Record<string, (b: unknown) => boolean> = {
  acknowledge: (b) => isObj(b) && onlyKeys(b, ['level', 'note']) && opt(b, 'level', (v) => str(v, 1, 50)) && opt(b, 'note', (v) => str(v, 0, 2000)),
  snooze: (b) => isObj(b) && onlyKeys(b, ['until', 'reason']) && isoTime(b.until) && inWindow(Date.parse(b.until as string), 30) && str(b.reason, 3, 2000),
  override: (b) => {
    if (!isObj(b) || !onlyKeys(b, ['rag', 'reason', 'expires']) || !('rag' in b)) return false;
    if (!(b.rag === null || ['green', 'amber', 'red'].includes(b.rag as string))) return false;
    if (!opt(b, 'reason', (v) => str(v, 3, 2000)) || !opt(b, 'expires', isoTime)) return false;
    if (b.rag === null) return true;
    if (!('reason' in b) || !('expires' in b)) return false;
    const e = b.expires as string;
    return inWindow(e.length === 10 ? Date.parse(`${e}T23:59:59Z`) : Date.parse(e), 90);
  },
  keys: (b) =>
    isObj(b) &&
    onlyKeys(b, ['role', 'programs', 'label']) &&
    ['viewer', 'pmo', 'admin'].includes(b.role as string) &&
    (b.programs === '*' || (Array.isArray(b.programs) && b.programs.length >= 1 && b.programs.length <= 500 && b.programs.every((p) => str(p, 1, 200) && /^[A-Za-z0-9_.:-]+$/.test(p as string)))) &&
    opt(b, 'label', (v) => str(v, 0, 200)),
};

const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.constant([]), fc.constant({}), fc.string({ maxLength: 6 }), fc.constant('x'.repeat(2001)));
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: wrong, weight: 1 });
const timeNear = fc.oneof(
  fc.integer({ min: -60, max: 120 }).map((d) => new Date(now + d * DAY).toISOString()),
  fc.integer({ min: -60, max: 120 }).map((d) => new Date(now + d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom('2026-13-45', 'tomorrow', '20261101', '2026-11-01T25:00:00Z', '+275760-09-13T00:00:00Z', '2026-11-01junk'),
);
const unknownKey = fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'Role', 'RAG', 'until '), wrong, { maxKeys: 1 });
const withExtra = (shape: fc.Arbitrary<Record<string, unknown>>) => fc.tuple(shape, unknownKey).map(([s, x]) => ({ ...s, ...x }));

/** Near-miss bodies per endpoint: the right keys with a wrong part, unknown keys, out-of-range times. */
const nearMiss: Record<string, fc.Arbitrary<unknown>> = {
  acknowledge: withExtra(fc.record({ level: mostly(fc.constantFrom('L1', 'L3', '')), note: mostly(fc.string({ maxLength: 10 })) }, { requiredKeys: [] })),
  snooze: withExtra(fc.record({ until: mostly(timeNear), reason: mostly(fc.constantFrom('', 'ok', 'vendor call booked')) }, { requiredKeys: [] })),
  override: withExtra(fc.record({ rag: mostly(fc.constantFrom('green', 'amber', 'red', 'Red', 'blue')), reason: mostly(fc.constantFrom('', 'no', 'board decision')), expires: mostly(timeNear) }, { requiredKeys: [] })),
  keys: withExtra(fc.record({ role: mostly(fc.constantFrom('viewer', 'pmo', 'admin', 'root', 'Admin')), programs: mostly(fc.oneof(fc.constant('*'), fc.constant([]), fc.array(fc.constantFrom('ehr-golive', 'bad id', '', 'a/b', '*'), { maxLength: 3 }))), label: mostly(fc.string({ maxLength: 10 })) }, { requiredKeys: [] })),
};

const ENDPOINTS = [
  { name: 'acknowledge', method: 'POST', path: '/api/programs/ehr-golive/escalations/hipaa-sra/acknowledge', role: 'pmo' },
  { name: 'snooze', method: 'POST', path: '/api/programs/ehr-golive/escalations/hipaa-sra/snooze', role: 'pmo' },
  { name: 'override', method: 'PUT', path: '/api/programs/ehr-golive/override', role: 'pmo' },
  { name: 'keys', method: 'POST', path: '/api/keys', role: 'admin' },
] as const;

type Sent = { status: number; json: unknown };
async function send(method: string, path: string, key: string | null, body: string | undefined, contentType: string | undefined): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${h.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

async function expectRejectedAndUnchanged(res: Sent): Promise<void> {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(isErrorBody(res.json)).toBe(true);
  expect(await counters(h)).toEqual(base);
}

/** Text on the wire: JSON of a value, or JSON that does not parse. */
const wire = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: shape.map((v) => ({ value: v, text: JSON.stringify(v) ?? 'undefined' })), weight: 4 },
    { arbitrary: anyJson.map((v) => ({ value: v, text: JSON.stringify(v) ?? 'undefined' })), weight: 2 },
    { arbitrary: brokenJsonText.map((t) => ({ value: undefined as unknown, text: t })), weight: 1 },
  );

/** JSON.parse the way express.json (strict) does: only objects and arrays at the top; no bytes at all is `{}`. */
function parsedAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

describe('write endpoints under fuzzed bodies', () => {
  for (const ep of ENDPOINTS) {
    it(`${ep.name}: an invalid JSON body is a 4xx with the error shape, and nothing is written`, async () => {
      const key = ep.role === 'admin' ? h.keys.admin : h.keys.pmo;
      await fc.assert(
        fc.asyncProperty(wire(nearMiss[ep.name] as fc.Arbitrary<unknown>), async ({ text }) => {
          const parsed = parsedAsJson(text);
          fc.pre(!(parsed.ok && valid[ep.name]?.(parsed.value)));
          const res = await send(ep.method, ep.path, key, text, 'application/json');
          await expectRejectedAndUnchanged(res);
          if (parsed.ok) expect((res.json as { error: { code: string } }).error.code).toBe('validation_failed');
        }),
        runs(25),
      );
    });
  }

  it('snooze, override, keys: a body of another content type (or none) is read as {} and refused', async () => {
    const endpoints = ENDPOINTS.filter((e) => e.name !== 'acknowledge');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x', undefined), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), async (ep, ct, body) => {
        const res = await send(ep.method, ep.path, ep.role === 'admin' ? h.keys.admin : h.keys.pmo, body, ct);
        await expectRejectedAndUnchanged(res);
      }),
      runs(15),
    );
  });

  it('every write endpoint, sync included: unparseable, non-object and oversized JSON is a 400/413 before anything runs', async () => {
    const all = [...ENDPOINTS, { name: 'sync', method: 'POST', path: '/api/programs/ehr-golive/sync', role: 'pmo' } as const];
    const text = fc.oneof(
      brokenJsonText.filter((t) => t !== '' && !parsedAsJson(t).ok),
      fc.constantFrom('null', '1', '"x"', 'true', '', ' ', '\u0000'),
      fc.constant(`{"note":"${'x'.repeat(101 * 1024)}"}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), text, async (ep, body) => {
        // An empty body is no body: sync then runs and answers 202, acknowledge records an acknowledgement.
        fc.pre(body.trim() !== '' || (ep.name !== 'sync' && ep.name !== 'acknowledge'));
        const res = await send(ep.method, ep.path, ep.role === 'admin' ? h.keys.admin : h.keys.pmo, body, 'application/json');
        await expectRejectedAndUnchanged(res);
        expect([400, 413]).toContain(res.status);
      }),
      runs(25),
    );
  });

  it('callers without the role, or without a key, get 401/403 whatever the body', async () => {
    const all = [...ENDPOINTS, { name: 'sync', method: 'POST', path: '/api/programs/ehr-golive/sync', role: 'pmo' } as const];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.constantFrom('viewer', 'viewerPacs', 'pmoEhr', 'none', 'garbage'), anyJson, async (ep, who, value) => {
        fc.pre(!(who === 'pmoEhr' && ep.role === 'pmo'));
        const key = who === 'none' ? null : who === 'garbage' ? 'vk_0000000000000000_' + 'A'.repeat(43) : h.keys[who as 'viewer' | 'viewerPacs' | 'pmoEhr'];
        const text = JSON.stringify(value) ?? 'null';
        const res = await send(ep.method, ep.path, key, text, 'application/json');
        await expectRejectedAndUnchanged(res);
        if (parsedAsJson(text).ok) expect(res.status === 401 || res.status === 403 || res.status === 404).toBe(true);
      }),
      runs(25),
    );
  });

  it('after all of it the namespace is byte-for-byte what it was', async () => {
    expect(await redisDigest(h.redis, namespaceOf(h))).toEqual(before);
  });
});
