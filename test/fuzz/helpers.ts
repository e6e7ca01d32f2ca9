/**
 * Shared pieces of the fuzz suite: a deterministic fast-check configuration, arbitraries for hostile input, and a
 * fingerprint of everything an API harness has in Redis (so "nothing was written" is checked, not assumed).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import type { Harness } from '../api/harness';

/** One seed for the whole suite; `FUZZ_SEED=<n>` explores elsewhere, `FUZZ_SCALE=<k>` runs k times as many cases. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261020);
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));

export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: Math.round(numRuns * SCALE), endOnFailure: true };
}

/** Printable ASCII without spaces: what an HTTP client will put in a header value. */
export const headerChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
export const headerValue = (maxLength = 80) => fc.string({ unit: headerChar, maxLength });
export const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

/** Arbitrary JSON values, including the keys that trip naive object handling. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** JSON text that is almost JSON: truncated, with a byte flipped, or with junk inserted. */
export const brokenJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('truncate', 'insert', 'replace'), fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\uffff', 'NaN', 'undefined', "'"))
  .map(([text, n, op, junk]) => {
    const at = text.length === 0 ? 0 : n % text.length;
    if (op === 'truncate') return text.slice(0, at);
    if (op === 'insert') return text.slice(0, at) + junk + text.slice(at);
    return text.slice(0, at) + junk + text.slice(at + 1);
  });

/** Bytes that are rarely JSON and often not even UTF-8. */
export const anyBytes = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a));

/** The `{ns}` hash tag every key of the harness lives under. */
export function namespaceOf(h: Harness): string {
  return h.apiPrefix.slice(0, h.apiPrefix.indexOf('}') + 1);
}

/**
 * sha256 of every key's content in the namespace, by key: any write at all changes it, and a diff names the key.
 * Content is read per type and sorted where Redis has no order (DUMP of a hashtable follows its rehashing).
 */
export async function redisDigest(redis: Redis, ns: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${ns}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  keys.sort();
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = createHash('sha256').update(JSON.stringify(await contentOf(redis, k))).digest('hex');
  return out;
}

async function contentOf(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  const ttl = (await redis.pttl(key)) >= 0 ? 'expiring' : 'persistent';
  switch (type) {
    case 'string':
      return [type, ttl, await redis.get(key)];
    case 'hash':
      return [type, ttl, Object.entries(await redis.hgetall(key)).sort()];
    case 'list':
      return [type, ttl, await redis.lrange(key, 0, -1)];
    case 'set':
      return [type, ttl, (await redis.smembers(key)).sort()];
    case 'zset':
      return [type, ttl, await redis.call('ZRANGE', key, '0', '-1', 'WITHSCORES')];
    case 'stream':
      return [type, ttl, await redis.xrange(key, '-', '+')];
    default:
      return [type, ttl];
  }
}

/** Cheap per-request counters: audit stream length, API keys, handshake secrets, jobs in every state. */
export async function counters(h: Harness): Promise<Record<string, number>> {
  // Issued together so the round trips overlap on the one connection.
  const [audit, apiKeys, webhookSecrets, rows] = await Promise.all([
    h.redis.xlen(h.store.keys.audit()),
    h.redis.hlen(`${h.apiPrefix}keys`),
    h.redis.hlen(`${h.apiPrefix}webhook-secrets`),
    Promise.all(h.queues.allQueueNames().map(async (q) => [q, await h.queues.queue(q).getJobCounts(...JOB_STATES)] as const)),
  ]);
  const out: Record<string, number> = { audit, apiKeys, webhookSecrets };
  for (const [q, counts] of rows) for (const s of JOB_STATES) out[`${q}.${s}`] = counts[s] ?? 0;
  return out;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

/** The JSON error body every 4xx must carry. */
export function isErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const err = (json as { error?: unknown }).error;
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.length > 0 && typeof message === 'string' && message.length > 0;
}
