/**
 * Per-source sync state, per-program snapshots and history, and the risk and escalation state the notifier diffs.
 */
import type { Redis } from 'ioredis';
import type { EscalationRecord, ProgramEvaluation, ProgramHistory } from '../model/evaluation';
import type { RagOverride } from '../model/program';
import type { StoreKeys } from './keys';

export type SourceStatus = 'idle' | 'syncing' | 'ok' | 'failed' | 'rate_limited';

export interface SourceState {
  source: string;
  status: SourceStatus;
  lastSyncAt: string | null;
  lastFullSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  items: number;
}

/** What the notifier remembers about a risk it has seen, to tell new, changed and resolved apart. */
export interface RiskStateEntry {
  fingerprint: string;
  type: string;
  severity: number;
  level: string;
  subject: string;
  /** `tool:instance:key` of the item the comment goes on, or null when the risk names no item. */
  target: string | null;
  since: string;
}

export interface StateLimits {
  /** Snapshots kept per program for trends. */
  snapshotHistory: number;
  /** Hourly score points kept per program. */
  scoreHistory: number;
  /** Weeks of throughput kept per program. */
  throughputWeeks: number;
}

export const DEFAULT_LIMITS: StateLimits = { snapshotHistory: 48, scoreHistory: 24 * 35, throughputWeeks: 104 };

export class StateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly limits: StateLimits = DEFAULT_LIMITS,
  ) {}

  async setSourceState(source: string, patch: Partial<Omit<SourceState, 'source'>>): Promise<void> {
    const fields: string[] = [];
    for (const [k, v] of Object.entries(patch)) fields.push(k, v === null ? '' : String(v));
    if (!fields.length) return;
    await this.redis.multi().sadd(this.keys.sources(), source).hset(this.keys.sourceState(source), ...fields).exec();
  }

  async getSourceState(source: string): Promise<SourceState> {
    const h = await this.redis.hgetall(this.keys.sourceState(source));
    const s = (k: string): string | null => (h[k] ? h[k] : null);
    return {
      source,
      status: (s('status') as SourceStatus | null) ?? 'idle',
      lastSyncAt: s('lastSyncAt'),
      lastFullSyncAt: s('lastFullSyncAt'),
      lastError: s('lastError'),
      lastErrorAt: s('lastErrorAt'),
      items: Number(h.items ?? 0),
    };
  }

  async listSources(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.sources())).sort();
  }

  async listPrograms(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.programs())).sort();
  }

  /** Stores the current snapshot, appends it to the bounded history, and records the score point. */
  async saveSnapshot(evaluation: ProgramEvaluation): Promise<void> {
    const json = JSON.stringify(evaluation);
    const p = evaluation.program;
    await this.redis
      .multi()
      .sadd(this.keys.programs(), p)
      .set(this.keys.snapshot(p), json)
      .lpush(this.keys.snapshotHistory(p), json)
      .ltrim(this.keys.snapshotHistory(p), 0, this.limits.snapshotHistory - 1)
      // One score point per hour (the latest wins), so frequent evaluations do not crowd out the weeks a trend needs.
      .hset(this.keys.scores(p), evaluation.now.slice(0, 13), JSON.stringify({ at: evaluation.now, score: evaluation.score }))
      .exec();
    await this.trimHash(this.keys.scores(p), this.limits.scoreHistory);
  }

  /** Keeps the `keep` greatest fields of a hash whose fields sort by time. */
  private async trimHash(key: string, keep: number): Promise<void> {
    if ((await this.redis.hlen(key)) <= keep) return;
    const all = (await this.redis.hkeys(key)).sort();
    const drop = all.slice(0, all.length - keep);
    if (drop.length) await this.redis.hdel(key, ...drop);
  }

  async getSnapshot(program: string): Promise<ProgramEvaluation | null> {
    const raw = await this.redis.get(this.keys.snapshot(program));
    return raw ? (JSON.parse(raw) as ProgramEvaluation) : null;
  }

  /** Newest first. */
  async getSnapshotHistory(program: string, limit = 10): Promise<ProgramEvaluation[]> {
    const raw = await this.redis.lrange(this.keys.snapshotHistory(program), 0, limit - 1);
    return raw.map((r) => JSON.parse(r) as ProgramEvaluation);
  }

  /** Merges weekly done counts (a recount of a week replaces it), keeping the newest `throughputWeeks`. */
  async mergeThroughput(program: string, weeks: Array<{ weekStart: string; done: number }>): Promise<void> {
    if (!weeks.length) return;
    const key = this.keys.throughput(program);
    await this.redis.hset(key, ...weeks.flatMap((w) => [w.weekStart, String(w.done)]));
    await this.trimHash(key, this.limits.throughputWeeks);
  }

  async getHistory(program: string): Promise<ProgramHistory> {
    const [tp, scores] = await Promise.all([
      this.redis.hgetall(this.keys.throughput(program)),
      this.redis.hgetall(this.keys.scores(program)),
    ]);
    return {
      throughput: Object.entries(tp)
        .map(([weekStart, done]) => ({ weekStart, done: Number(done) }))
        .sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
      scores: Object.keys(scores)
        .sort()
        .map((k) => JSON.parse(scores[k] as string) as { at: string; score: number }),
    };
  }

  /** The program's RAG override as the API stored it (`keys.overrides()`), expired or not: the engine decides. */
  async getOverride(program: string): Promise<RagOverride | null> {
    const raw = await this.redis.hget(this.keys.overrides(), program);
    return raw ? (JSON.parse(raw) as RagOverride) : null;
  }

  async getRiskState(program: string): Promise<Map<string, RiskStateEntry>> {
    const h = await this.redis.hgetall(this.keys.risks(program));
    return new Map(Object.entries(h).map(([fp, json]) => [fp, JSON.parse(json) as RiskStateEntry]));
  }

  /** Replaces the program's risk state in one step. */
  async setRiskState(program: string, entries: RiskStateEntry[]): Promise<void> {
    const key = this.keys.risks(program);
    const multi = this.redis.multi().del(key);
    if (entries.length) multi.hset(key, ...entries.flatMap((e) => [e.fingerprint, JSON.stringify(e)]));
    await multi.exec();
  }

  async getEscalations(program: string): Promise<EscalationRecord[]> {
    const h = await this.redis.hgetall(this.keys.escalations(program));
    return Object.values(h).map((v) => JSON.parse(v) as EscalationRecord);
  }

  async getEscalation(program: string, subject: string): Promise<EscalationRecord | null> {
    const raw = await this.redis.hget(this.keys.escalations(program), subject);
    return raw ? (JSON.parse(raw) as EscalationRecord) : null;
  }

  async putEscalation(program: string, record: EscalationRecord): Promise<void> {
    await this.redis.hset(this.keys.escalations(program), record.subject, JSON.stringify(record));
  }

  /**
   * Records that a ladder level was delivered for a due-date version (idempotent). One Lua call, so escalate jobs
   * finishing at the same moment cannot overwrite each other's levels (a read-then-write lost one under load).
   */
  async markEscalationFired(program: string, subject: string, level: string, due: string): Promise<EscalationRecord> {
    const raw = (await this.redis.eval(MARK_FIRED_LUA, 1, this.keys.escalations(program), subject, level, due)) as string;
    return JSON.parse(raw) as EscalationRecord;
  }
}

const MARK_FIRED_LUA = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local rec
if raw then rec = cjson.decode(raw) else
  rec = { subject = ARGV[1], fired = {}, acknowledged = cjson.null, snoozed = cjson.null, paused = cjson.null }
end
if type(rec.fired) ~= 'table' then rec.fired = {} end
for _, f in ipairs(rec.fired) do
  if f.level == ARGV[2] and f.due == ARGV[3] then return raw end
end
table.insert(rec.fired, { level = ARGV[2], due = ARGV[3] })
local out = cjson.encode(rec)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
`;
