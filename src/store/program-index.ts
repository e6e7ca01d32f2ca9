/**
 * The per-program item index: for every stored item the programs its mapping puts it in (`itemprogs:<source>`),
 * and for every program the set of its items (`pitems:<program>`, members `<source>:<item key>`). An evaluation
 * then loads only its own program's items instead of every item of its sources. The store does not map: the
 * pipeline passes the program ids it computed with the pure mapper.
 *
 * Invariant: every item a program's mapping takes is a member of that program's set. A set may briefly hold
 * more (a stale member after two concurrent writes of one item); readers re-map what they load, and `prune`
 * drops what no longer belongs, so a superset is harmless and a missing member is what the writes avoid: every
 * write adds the item to all its current programs in the same MULTI as the item itself.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { SourceItem } from '../model/source-item';
import { contentHash } from './hash';
import type { StoreKeys } from './keys';

/** `<source>:<key>`; source ids never hold `:` (job payloads allow letters, digits, `_ . -` only). */
export function programMember(source: string, key: string): string {
  return `${source}:${key}`;
}

export function splitMember(member: string): { source: string; key: string } {
  const at = member.indexOf(':');
  return { source: member.slice(0, at), key: member.slice(at + 1) };
}

/** Sorted, unique, comma-joined program ids (program ids never hold `,`). */
export function joinPrograms(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(',');
}

export function splitPrograms(joined: string | null | undefined): string[] {
  return joined ? joined.split(',') : [];
}

/**
 * Collects the index writes of a page and queues them on its MULTI as one SADD/SREM per program and one HSET, not
 * one command per item (a 5,000-item page would otherwise queue 10,000 commands). An item's current programs are
 * always (re)added, so the last writer of an item leaves its memberships complete.
 */
export class IndexBatch {
  private readonly adds = new Map<string, string[]>();
  private readonly removes = new Map<string, string[]>();
  private readonly entries: string[] = [];

  constructor(
    private readonly keys: StoreKeys,
    private readonly source: string,
  ) {}

  get size(): number {
    return this.entries.length / 2;
  }

  /** One item's programs went from `before` to `after`; returns the programs touched (old and new). */
  set(key: string, before: string | null, after: string): string[] {
    const member = programMember(this.source, key);
    const next = splitPrograms(after);
    const gone = splitPrograms(before).filter((p) => !next.includes(p));
    for (const p of next) push(this.adds, p, member);
    for (const p of gone) push(this.removes, p, member);
    this.entries.push(key, after);
    return [...next, ...gone];
  }

  queue(multi: ChainableCommander): void {
    for (const [p, members] of this.removes) multi.srem(this.keys.programItems(p), ...members);
    for (const [p, members] of this.adds) multi.sadd(this.keys.programItems(p), ...members);
    if (this.entries.length) multi.hset(this.keys.itemPrograms(this.source), ...this.entries);
  }
}

function push(map: Map<string, string[]>, k: string, v: string): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

// Applies an index entry only if the item's content hash is still the one the caller mapped, so a rebuild that
// races a pull never writes an old copy's programs over a newer item's.
const APPLY_IF_HASH = `
local changed = 0
for i = 3, #ARGV, 3 do
  local key, h, progs = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('HGET', KEYS[1], key) == h then
    local old = redis.call('HGET', KEYS[2], key) or ''
    if old ~= progs then
      local member = ARGV[2] .. key
      local keep = {}
      for p in string.gmatch(progs, '[^,]+') do keep[p] = true; redis.call('SADD', ARGV[1] .. p, member) end
      for p in string.gmatch(old, '[^,]+') do if not keep[p] then redis.call('SREM', ARGV[1] .. p, member) end end
      redis.call('HSET', KEYS[2], key, progs)
      changed = changed + 1
    end
  end
end
return changed`;

// Removes members whose item is gone or no longer lists the program, atomically with respect to item writes.
const PRUNE = `
local n = 0
for i = 2, #ARGV do
  local member = ARGV[i]
  local at = string.find(member, ':', 1, true)
  local source, key = string.sub(member, 1, at - 1), string.sub(member, at + 1)
  local progs = redis.call('HGET', KEYS[2] .. source, key)
  if not progs or not string.find(',' .. progs .. ',', ',' .. ARGV[1] .. ',', 1, true) then
    n = n + redis.call('SREM', KEYS[1], member)
  end
end
return n`;

export interface IndexedChunk {
  /** The stored items of this chunk (members whose item is gone are left out and reported in `missing`). */
  items: SourceItem[];
  /** `members[i]` is the index member `items[i]` was loaded for. */
  members: string[];
  missing: string[];
}

export class ProgramIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
  ) {}

  async version(source: string): Promise<string | null> {
    return this.redis.get(this.keys.indexVersion(source));
  }

  async setVersion(source: string, version: string): Promise<void> {
    await this.redis.set(this.keys.indexVersion(source), version);
  }

  async count(program: string): Promise<number> {
    return this.redis.scard(this.keys.programItems(program));
  }

  async members(program: string): Promise<string[]> {
    return this.redis.smembers(this.keys.programItems(program));
  }

  /**
   * The program's items in chunks of `size` (HMGET per source, pipelined), each parsed once. Holding one chunk's
   * JSON at a time keeps a large program's load from doubling its memory in strings.
   */
  async *programItems(program: string, size = 1000): AsyncGenerator<IndexedChunk> {
    const members = await this.members(program);
    for (let i = 0; i < members.length; i += size) {
      const slice = members.slice(i, i + size);
      const bySource = new Map<string, string[]>();
      for (const m of slice) {
        const { source, key } = splitMember(m);
        let list = bySource.get(source);
        if (!list) bySource.set(source, (list = []));
        list.push(key);
      }
      const pipe = this.redis.pipeline();
      const groups = [...bySource.entries()];
      for (const [source, keys] of groups) pipe.hmget(this.keys.items(source), ...keys);
      const replies = (await pipe.exec()) ?? [];
      const chunk: IndexedChunk = { items: [], members: [], missing: [] };
      groups.forEach(([source, keys], g) => {
        const [err, values] = replies[g] ?? [null, null];
        if (err) throw err;
        (values as Array<string | null>).forEach((v, k) => {
          const member = programMember(source, keys[k] as string);
          if (v === null) chunk.missing.push(member);
          else {
            chunk.items.push(JSON.parse(v) as SourceItem);
            chunk.members.push(member);
          }
        });
      });
      yield chunk;
    }
  }

  /** Drops `members` from the program's set unless their item (still) maps to it. Returns how many went. */
  async prune(program: string, members: string[]): Promise<number> {
    if (!members.length) return 0;
    const n = await this.redis.eval(PRUNE, 2, this.keys.programItems(program), this.keys.itemPrograms(''), program, ...members);
    return Number(n);
  }

  /**
   * Rebuilds the source's index with `programsOf` (a config change, or a store written before the index existed),
   * one HSCAN chunk at a time, then records `version`. Items written meanwhile are indexed by their own write.
   */
  async rebuild(source: string, programsOf: (items: SourceItem[]) => string[][], version: string, count = 500): Promise<number> {
    let cursor = '0';
    let changed = 0;
    do {
      const [next, flat] = await this.redis.hscan(this.keys.items(source), cursor, 'COUNT', count);
      cursor = next;
      const items: SourceItem[] = [];
      // The hash of the copy read here (the stored JSON is what was hashed), so the script can tell a newer write.
      const hashes: string[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const json = flat[i + 1] as string;
        items.push(JSON.parse(json) as SourceItem);
        hashes.push(contentHash(json));
      }
      if (!items.length) continue;
      const programs = programsOf(items);
      const args = items.flatMap((it, i) => [it.key, hashes[i] as string, joinPrograms(programs[i] ?? [])]);
      const prefix = this.keys.programItems('');
      changed += Number(await this.redis.eval(APPLY_IF_HASH, 2, this.keys.itemHashes(source), this.keys.itemPrograms(source), prefix, programMember(source, ''), ...args));
    } while (cursor !== '0');
    await this.setVersion(source, version);
    return changed;
  }
}
