/**
 * Tracker items per source: only the model's fields, written only when their content hash changed, and the
 * source's cursor moved in the same MULTI as the page it belongs to.
 */
import type { Redis } from 'ioredis';
import type { ConnectorCursor } from '../../connectors/contract';
import type { SourceItem } from '../model/source-item';
import { contentHash } from './hash';
import type { StoreKeys } from './keys';
import { IndexBatch, joinPrograms, programMember, splitPrograms } from './program-index';

export { contentHash } from './hash';

export interface SavePageResult {
  written: number;
  unchanged: number;
  /** Keys whose stored copy changed (new or different). */
  changedKeys: string[];
  /**
   * With `programs` given: the programs whose item set or items changed (an item's old and new programs), sorted.
   * Empty otherwise.
   */
  programs: string[];
}

export interface RemoveResult {
  deleted: number;
  /** Programs the removed items belonged to (from the index), sorted. */
  programs: string[];
}

/** Copies exactly the fields of `SourceItem`, so nothing a connector carried along is stored. */
export function modelFields(i: SourceItem): SourceItem {
  return {
    tool: i.tool,
    instance: i.instance,
    key: i.key,
    id: i.id,
    url: i.url,
    title: i.title,
    type: i.type,
    status: i.status,
    statusCategory: i.statusCategory,
    assignee: i.assignee,
    project: i.project,
    created: i.created,
    updated: i.updated,
    start: i.start,
    due: i.due,
    completed: i.completed,
    labels: i.labels,
    components: i.components,
    parent: i.parent,
    section: i.section,
    tags: i.tags,
    customFields: i.customFields,
    approvalStatus: i.approvalStatus,
    priority: i.priority,
    resolution: i.resolution,
    fixVersions: i.fixVersions,
    blockedBy: i.blockedBy,
    version: i.version,
  };
}

export class ItemStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
  ) {}

  /**
   * Stores a page: changed items and (when given) the cursor that follows the page, atomically. A crash before
   * EXEC leaves both untouched, so the page is pulled again; a crash after leaves both written.
   * `programs[i]` (optional) are the ids of the programs `items[i]` maps to: the program index is kept in the same
   * MULTI, and an item whose content is unchanged but whose programs differ (new rules) has only its index rewritten.
   */
  async savePage(source: string, items: SourceItem[], cursor: ConnectorCursor | null, programs?: readonly string[][]): Promise<SavePageResult> {
    const serialized = items.map((i, idx) => {
      const json = JSON.stringify(modelFields(i));
      return { key: i.key, json, hash: contentHash(json), programs: programs ? joinPrograms(programs[idx] ?? []) : null };
    });
    const keys = serialized.map((s) => s.key);
    const known = keys.length ? await this.redis.hmget(this.keys.itemHashes(source), ...keys) : [];
    const knownPrograms = programs && keys.length ? await this.redis.hmget(this.keys.itemPrograms(source), ...keys) : [];
    const changed = serialized.filter((s, idx) => known[idx] !== s.hash);
    const multi = this.redis.multi();
    if (changed.length) {
      multi.hset(this.keys.items(source), ...changed.flatMap((c) => [c.key, c.json]));
      multi.hset(this.keys.itemHashes(source), ...changed.flatMap((c) => [c.key, c.hash]));
      // Survives a crash between storing and enqueueing the evaluation: the re-run of the job sees it.
      multi.set(this.keys.dirty(source), '1');
    }
    const touched = new Set<string>();
    const index = new IndexBatch(this.keys, source);
    serialized.forEach((s, idx) => {
      if (s.programs === null) return;
      const before = knownPrograms[idx] ?? null;
      if (known[idx] === s.hash && before === s.programs) return;
      for (const p of index.set(s.key, before, s.programs)) touched.add(p);
    });
    index.queue(multi);
    const indexWrites = index.size;
    if (indexWrites && !changed.length) multi.set(this.keys.dirty(source), '1');
    if (cursor) multi.set(this.keys.cursor(source), JSON.stringify(cursor));
    if (changed.length || cursor || indexWrites) await multi.exec();
    return {
      written: changed.length,
      unchanged: serialized.length - changed.length,
      changedKeys: changed.map((c) => c.key),
      programs: [...touched].sort(),
    };
  }

  /** True when items changed since the last `clearDirty`: the programs of this source need an evaluation. */
  async isDirty(source: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.dirty(source))) === 1;
  }

  async markDirty(source: string): Promise<void> {
    await this.redis.set(this.keys.dirty(source), '1');
  }

  async clearDirty(source: string): Promise<void> {
    await this.redis.del(this.keys.dirty(source));
  }

  async getCursor(source: string): Promise<ConnectorCursor | null> {
    const raw = await this.redis.get(this.keys.cursor(source));
    return raw ? (JSON.parse(raw) as ConnectorCursor) : null;
  }

  async clearCursor(source: string): Promise<void> {
    await this.redis.del(this.keys.cursor(source));
  }

  async getItem(source: string, key: string): Promise<SourceItem | null> {
    const raw = await this.redis.hget(this.keys.items(source), key);
    return raw ? (JSON.parse(raw) as SourceItem) : null;
  }

  /** The stored copies of `keys` (missing ones left out). */
  async getItems(source: string, keys: string[]): Promise<SourceItem[]> {
    if (!keys.length) return [];
    const raw = await this.redis.hmget(this.keys.items(source), ...keys);
    return raw.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as SourceItem);
  }

  async loadItems(source: string): Promise<SourceItem[]> {
    const values = await this.redis.hvals(this.keys.items(source));
    return values.map((v) => JSON.parse(v) as SourceItem);
  }

  async count(source: string): Promise<number> {
    return this.redis.hlen(this.keys.items(source));
  }

  async deleteKeys(source: string, keys: string[]): Promise<number> {
    return (await this.removeItems(source, keys)).deleted;
  }

  /**
   * Deletes items with their hashes and index entries in one MULTI that also marks the source dirty when any of
   * them was stored, so a crash after the delete still leads to an evaluation. Returns the programs they were in.
   */
  async removeItems(source: string, keys: string[]): Promise<RemoveResult> {
    if (!keys.length) return { deleted: 0, programs: [] };
    const [hashes, before] = await Promise.all([
      this.redis.hmget(this.keys.itemHashes(source), ...keys),
      this.redis.hmget(this.keys.itemPrograms(source), ...keys),
    ]);
    const multi = this.redis.multi().hdel(this.keys.items(source), ...keys).hdel(this.keys.itemHashes(source), ...keys);
    multi.hdel(this.keys.itemPrograms(source), ...keys);
    const programs = new Set<string>();
    const gone = new Map<string, string[]>();
    keys.forEach((key, i) => {
      for (const p of splitPrograms(before[i])) {
        const list = gone.get(p);
        if (list) list.push(programMember(source, key));
        else gone.set(p, [programMember(source, key)]);
        programs.add(p);
      }
    });
    for (const [p, members] of gone) multi.srem(this.keys.programItems(p), ...members);
    if (hashes.some((h) => h !== null)) multi.set(this.keys.dirty(source), '1');
    const [[, n] = []] = (await multi.exec()) ?? [];
    return { deleted: typeof n === 'number' ? n : 0, programs: [...programs].sort() };
  }

  /**
   * Deletes stored items that are not in `liveKeys`. Only call it with the key set of a complete, successful pass:
   * a failed or partial pass must never delete.
   */
  async deleteMissing(source: string, liveKeys: string[]): Promise<string[]> {
    const live = new Set(liveKeys);
    const stored = await this.redis.hkeys(this.keys.itemHashes(source));
    const gone = stored.filter((k) => !live.has(k));
    for (let i = 0; i < gone.length; i += 1000) await this.removeItems(source, gone.slice(i, i + 1000));
    return gone;
  }
}
