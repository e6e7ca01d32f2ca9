/**
 * The small interfaces the PMO API needs from the rest of Vitals. The server codes against these only; the Redis
 * adapters in this folder implement them over the real store and queues, and tests pass the same adapters over a
 * private key prefix.
 */
import type { EscalationRecord, ProgramEvaluation } from '../model/evaluation';
import type { Program, RagOverride } from '../model/program';
import type { SourceItem, StatusCategory } from '../model/source-item';
import type { WebhookParse, WebhookDelivery } from '../../connectors/contract';

/** A stored snapshot and its version (the evaluation time: a new evaluation is a new version). */
export interface SnapshotRecord {
  evaluation: ProgramEvaluation;
  version: string;
}

export interface ItemFilters {
  tool?: string;
  statusCategory?: StatusCategory;
  type?: string;
  label?: string;
  assignee?: string;
  /** Due on or before this date (`YYYY-MM-DD`). */
  dueBefore?: string;
  /** Items whose key starts with this. */
  keyPrefix?: string;
  limit: number;
  offset: number;
}

/** An item as the API shows it: ids, links and state; never the title (it may hold PHI). */
export type ItemView = Omit<SourceItem, 'title' | 'customFields'> & { uid: string };

export interface ItemPage {
  total: number;
  items: ItemView[];
}

/** An entry of the audit stream, as the API writes and reads it. */
export interface ApiAuditEntry {
  actor: string;
  action: string;
  program: string;
  item: string;
  version: string;
  rule: string;
  at: string;
  detail: string;
}

/** Read and write access to the portfolio state (snapshots, history, escalations, overrides, audit). */
export interface PortfolioStore {
  listPrograms(): Promise<string[]>;
  getSnapshot(program: string): Promise<SnapshotRecord | null>;
  /** Only the versions (cheap): the API's render cache checks these before reading whole snapshots. */
  getVersions(programs: string[]): Promise<Array<string | null>>;
  /** Score points, oldest first, at most `limit` (the newest). */
  getHistory(program: string, limit: number): Promise<Array<{ at: string; score: number }>>;
  listItems(program: string, filters: ItemFilters): Promise<ItemPage>;
  getEscalation(program: string, subject: string): Promise<EscalationRecord | null>;
  getEscalations(program: string): Promise<EscalationRecord[]>;
  acknowledge(program: string, subject: string, ack: { level: string; by: string; note: string; at: string }): Promise<EscalationRecord>;
  snooze(program: string, subject: string, snooze: { until: string; reason: string; by: string }): Promise<EscalationRecord>;
  getOverride(program: string): Promise<RagOverride | null>;
  getOverrides(programs: string[]): Promise<Array<RagOverride | null>>;
  setOverride(program: string, override: RagOverride | null): Promise<void>;
  appendAudit(entry: ApiAuditEntry): Promise<string>;
  listAudit(filter: { program?: string; from?: string; to?: string; limit?: number }): Promise<Array<ApiAuditEntry & { id: string }>>;
}

/** Program definitions from the config (names of phases, milestones, gates; sources feeding each program). */
export interface ProgramCatalog {
  list(): Program[];
  get(id: string): Program | null;
  sources(id: string): string[];
  /** `jira` / `asana` for a configured source id, or null when the source is unknown. */
  sourceKind(source: string): string | null;
}

/** Asks the pipeline for a sync of one program's sources (a `poll` pull per source). */
export interface SyncTrigger {
  requestSync(program: string, requestedBy: string): Promise<{ jobs: string[] }>;
}

/** Verifies and parses an inbound tracker webhook, and enqueues a targeted pull. Never evaluates inline. */
export interface WebhookIntake {
  /** Throws the connector's WebhookRejectedError on a bad delivery. */
  parse(source: string, delivery: WebhookDelivery): Promise<WebhookParse>;
  /** Keeps an Asana handshake secret for later verification; throws WebhookRejectedError when one is already kept. */
  storeHandshake(source: string, secret: string): Promise<void>;
  enqueue(source: string, keys: string[], deletedKeys: string[], receivedAt: number): Promise<void>;
}

/** Job counts by queue and state, for `/metrics` and `/readyz`. */
export interface QueueProbe {
  ping(): Promise<boolean>;
  counts(): Promise<Array<{ queue: string; state: string; count: number }>>;
}
