/**
 * `PortfolioStore` over the real Redis store (src/store): snapshots, score history, items, escalation records and
 * the audit stream come from there; RAG overrides live under the API's own prefix (`<api prefix>overrides`).
 */
import type { Redis } from 'ioredis';
import type { EscalationRecord } from '../model/evaluation';
import type { RagOverride } from '../model/program';
import type { SourceItem } from '../model/source-item';
import { isAuditAction, type Store } from '../store';
import type { ApiAuditEntry, ItemFilters, ItemPage, ItemView, PortfolioStore, ProgramCatalog, SnapshotRecord } from './ports';

const AUDIT_FIELDS: Array<keyof ApiAuditEntry> = ['actor', 'action', 'program', 'item', 'version', 'rule', 'at', 'detail'];

/** The evaluation time near the start of a snapshot's JSON: its version, read without fetching the whole value. */
function versionFrom(head: string | null, length: number): string | null {
  if (!head || length === 0) return null;
  const m = /"now":"([^"]+)"/.exec(head);
  return m ? `${m[1]}#${length}` : `len${length}:${head.length}`;
}

function itemView(i: SourceItem): ItemView {
  const { title: _t, customFields: _c, ...rest } = i;
  return { ...rest, uid: `${i.tool}:${i.instance}:${i.key}` };
}

function matches(i: SourceItem, f: ItemFilters): boolean {
  if (f.tool && i.tool !== f.tool) return false;
  if (f.statusCategory && i.statusCategory !== f.statusCategory) return false;
  if (f.type && i.type !== f.type) return false;
  if (f.label && !i.labels.includes(f.label) && !i.tags.includes(f.label)) return false;
  if (f.assignee && i.assignee !== f.assignee) return false;
  if (f.dueBefore && (!i.due || i.due > f.dueBefore)) return false;
  if (f.keyPrefix && !i.key.startsWith(f.keyPrefix)) return false;
  return true;
}

export class RedisPortfolioStore implements PortfolioStore {
  constructor(
    private readonly redis: Redis,
    private readonly store: Store,
    private readonly catalog: ProgramCatalog,
    /** The API's own key prefix, e.g. `{vitals}:api:`. */
    private readonly apiPrefix: string,
  ) {}

  async listPrograms(): Promise<string[]> {
    const stored = await this.store.state.listPrograms();
    const configured = this.catalog.list().map((p) => p.id);
    return [...new Set([...configured, ...stored])].sort();
  }

  async getSnapshot(program: string): Promise<SnapshotRecord | null> {
    const raw = await this.redis.get(this.store.keys.snapshot(program));
    if (!raw) return null;
    const evaluation = JSON.parse(raw) as SnapshotRecord['evaluation'];
    // STRLEN counts bytes: compare like with like, or a non-ASCII snapshot never matches its version.
    return { evaluation, version: versionFrom(raw.slice(0, 200), Buffer.byteLength(raw, 'utf8')) ?? '' };
  }

  async getVersions(programs: string[]): Promise<Array<string | null>> {
    if (!programs.length) return [];
    const pipe = this.redis.pipeline();
    for (const p of programs) pipe.getrange(this.store.keys.snapshot(p), 0, 199).strlen(this.store.keys.snapshot(p));
    const res = (await pipe.exec()) ?? [];
    return programs.map((_, i) => {
      const head = res[2 * i]?.[1];
      const len = res[2 * i + 1]?.[1];
      return versionFrom(typeof head === 'string' ? head : null, typeof len === 'number' ? len : 0);
    });
  }

  async getHistory(program: string, limit: number): Promise<Array<{ at: string; score: number }>> {
    const h = await this.store.state.getHistory(program);
    return h.scores.slice(-limit);
  }

  async listItems(program: string, f: ItemFilters): Promise<ItemPage> {
    const sources = this.catalog.sources(program);
    const all = (await Promise.all(sources.map((s) => this.store.items.loadItems(s)))).flat();
    const hits = all.filter((i) => matches(i, f)).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    return { total: hits.length, items: hits.slice(f.offset, f.offset + f.limit).map(itemView) };
  }

  async getEscalation(program: string, subject: string): Promise<EscalationRecord | null> {
    return this.store.state.getEscalation(program, subject);
  }

  async getEscalations(program: string): Promise<EscalationRecord[]> {
    return this.store.state.getEscalations(program);
  }

  private async update(program: string, subject: string, patch: (r: EscalationRecord) => void): Promise<EscalationRecord> {
    const rec = (await this.store.state.getEscalation(program, subject)) ?? { subject, fired: [], acknowledged: null, snoozed: null, paused: null };
    patch(rec);
    await this.store.state.putEscalation(program, rec);
    return rec;
  }

  acknowledge(program: string, subject: string, ack: { level: string; by: string; note: string; at: string }): Promise<EscalationRecord> {
    return this.update(program, subject, (r) => {
      r.acknowledged = ack;
    });
  }

  snooze(program: string, subject: string, snooze: { until: string; reason: string; by: string }): Promise<EscalationRecord> {
    return this.update(program, subject, (r) => {
      r.snoozed = snooze;
    });
  }

  async getOverride(program: string): Promise<RagOverride | null> {
    const raw = await this.redis.hget(`${this.apiPrefix}overrides`, program);
    return raw ? (JSON.parse(raw) as RagOverride) : null;
  }

  async getOverrides(programs: string[]): Promise<Array<RagOverride | null>> {
    if (!programs.length) return [];
    const raw = await this.redis.hmget(`${this.apiPrefix}overrides`, ...programs);
    return raw.map((r) => (r ? (JSON.parse(r) as RagOverride) : null));
  }

  async setOverride(program: string, override: RagOverride | null): Promise<void> {
    if (override) await this.redis.hset(`${this.apiPrefix}overrides`, program, JSON.stringify(override));
    else await this.redis.hdel(`${this.apiPrefix}overrides`, program);
  }

  async appendAudit(entry: ApiAuditEntry): Promise<string> {
    if (isAuditAction(entry.action)) return this.store.audit.append({ ...entry, action: entry.action });
    // An action the store does not list goes into the same stream, same fields.
    const args = AUDIT_FIELDS.flatMap((k) => [k, entry[k]]);
    return String(await this.redis.xadd(this.store.keys.audit(), 'MAXLEN', '~', '1000000', '*', ...args));
  }

  async listAudit(filter: { program?: string; from?: string; to?: string; limit?: number }): Promise<Array<ApiAuditEntry & { id: string }>> {
    return this.store.audit.list(filter);
  }
}
