/**
 * The audit stream: what Vitals (or a person through Vitals) did, for an auditor. Redis stream entries, trimmed by
 * retention (MINID relative to the newest entry) with a hard length cap as a backstop.
 */
import type { Redis } from 'ioredis';
import type { StoreKeys } from './keys';

/**
 * Every action the stream records. `delivered`: an alert reached a channel (`detail`: channel=, level=, status=,
 * key=); `delivery_failed`: a channel refused or failed an attempt (`detail` adds attempt= and retry=);
 * `sync_requested`: a person asked the API for a sync (`detail`: the job ids); `api_key_created`: an API key was
 * issued (`rule`: its role; `detail`: the key id and programs, never the secret).
 */
export const AUDIT_ACTIONS = [
  'posted', 'skipped_duplicate', 'escalated', 'acknowledged', 'resolved', 'dry_run', 'snoozed', 'overridden',
  'delivered', 'delivery_failed', 'sync_requested', 'api_key_created',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(action: string): action is AuditAction {
  return ACTION_SET.has(action);
}

export interface AuditEntry {
  /** `vitals` for the service, or the person/API key id. */
  actor: string;
  action: AuditAction;
  program: string;
  /** `tool:instance:key` of the item, when there is one. */
  item: string;
  /** The item's version (tracker updated stamp) the action was based on. */
  version: string;
  /** Risk type, rule or ladder level that caused it. */
  rule: string;
  at: string;
  /** Fingerprint, comment id, channel: ids only, never titles. */
  detail: string;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
}

const FIELDS: Array<keyof AuditEntry> = ['actor', 'action', 'program', 'item', 'version', 'rule', 'at', 'detail'];
const DAY_MS = 24 * 3600 * 1000;

export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly retentionDays: number = 400,
    private readonly maxLen = 1_000_000,
  ) {}

  async append(entry: AuditEntry): Promise<string> {
    const args = FIELDS.flatMap((f) => [f, entry[f]]);
    const id = await this.redis.xadd(this.keys.audit(), 'MAXLEN', '~', String(this.maxLen), '*', ...args);
    const ms = Number(String(id).split('-')[0]);
    // Retention is measured against the newest entry's Redis time, so an injected clock cannot trim live entries.
    if (Number.isFinite(ms)) await this.redis.xtrim(this.keys.audit(), 'MINID', '~', String(ms - this.retentionDays * DAY_MS));
    return String(id);
  }

  /** Oldest first; filter by program and by `at` range (inclusive ISO strings). */
  async list(filter: { program?: string; from?: string; to?: string; limit?: number } = {}): Promise<StoredAuditEntry[]> {
    const raw = await this.redis.xrange(this.keys.audit(), '-', '+');
    const out: StoredAuditEntry[] = [];
    for (const [id, flat] of raw) {
      const e: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) e[flat[i] as string] = flat[i + 1] as string;
      const entry = { id, ...Object.fromEntries(FIELDS.map((f) => [f, e[f] ?? ''])) } as StoredAuditEntry;
      if (filter.program && entry.program !== filter.program) continue;
      if (filter.from && entry.at < filter.from) continue;
      if (filter.to && entry.at > filter.to) continue;
      out.push(entry);
    }
    return filter.limit ? out.slice(-filter.limit) : out;
  }
}
