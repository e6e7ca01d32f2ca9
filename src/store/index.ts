/**
 * The Redis store of Vitals: items, cursors, sync state, snapshots and history, risk and escalation state,
 * the effect ledger and the audit stream. Key schema: ./README.md.
 */
import type { Redis } from 'ioredis';
import { AuditLog } from './audit';
import { ItemStore } from './items';
import { storeKeys, storePrefix, type StoreKeys } from './keys';
import { ProgramIndex } from './program-index';
import { DEFAULT_LEDGER, EffectLedger, type LedgerOptions } from './ledger';
import { DEFAULT_LIMITS, StateStore, type StateLimits } from './state';

export * from './audit';
export * from './items';
export * from './keys';
export * from './ledger';
export * from './program-index';
export * from './state';

export interface StoreOptions {
  /** Key prefix; `{vitals}:s:` by default. Tests and the demo pass their own. */
  prefix?: string;
  auditRetentionDays?: number;
  limits?: StateLimits;
  ledger?: LedgerOptions;
}

export interface Store {
  keys: StoreKeys;
  items: ItemStore;
  /** Which items each program's evaluation loads (./program-index.ts). */
  index: ProgramIndex;
  state: StateStore;
  ledger: EffectLedger;
  audit: AuditLog;
  /** Deletes every key under this store's prefix (demo reset, test cleanup). Never touches other prefixes. */
  clear(): Promise<number>;
}

export function createStore(redis: Redis, options: StoreOptions = {}): Store {
  const keys = storeKeys(options.prefix ?? storePrefix());
  return {
    keys,
    items: new ItemStore(redis, keys),
    index: new ProgramIndex(redis, keys),
    state: new StateStore(redis, keys, options.limits ?? DEFAULT_LIMITS),
    ledger: new EffectLedger(redis, keys, options.ledger ?? DEFAULT_LEDGER),
    audit: new AuditLog(redis, keys, options.auditRetentionDays ?? 400),
    clear: () => deleteByPattern(redis, `${keys.prefix}*`),
  };
}

/** SCAN + UNLINK of one pattern; the pattern must be a prefix of our own. */
export async function deleteByPattern(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', escapeGlob(pattern), 'COUNT', 1000);
    cursor = next;
    if (found.length) n += await redis.unlink(...found);
  } while (cursor !== '0');
  return n;
}

/** Escapes glob characters in the prefix part (everything but a trailing `*`). */
function escapeGlob(pattern: string): string {
  const star = pattern.endsWith('*');
  const body = star ? pattern.slice(0, -1) : pattern;
  return body.replace(/([*?[\]\\])/g, '\\$1') + (star ? '*' : '');
}
