/**
 * The API's ports over the running pipeline: program catalog from the settings, sync and webhook intake over the
 * BullMQ queues (the job catalog validates every payload), and a queue probe for `/readyz` and `/metrics`.
 */
import type { Redis } from 'ioredis';
import type { TrackerConnector, WebhookDelivery, WebhookParse } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import type { Program } from '../model/program';
import type { Queues } from '../pipeline/queues';
import type { PipelineSettings } from '../pipeline/types';
import type { ProgramCatalog, QueueProbe, SyncTrigger, WebhookIntake } from './ports';

export function catalogFromSettings(settings: Pick<PipelineSettings, 'programs' | 'sources'>): ProgramCatalog {
  const byId = new Map(settings.programs.map((p) => [p.program.id, p]));
  const kinds = new Map(settings.sources.map((s) => [s.id, s.kind]));
  return {
    list: (): Program[] => settings.programs.map((p) => p.program),
    get: (id) => byId.get(id)?.program ?? null,
    sources: (id) => byId.get(id)?.sources ?? [],
    sourceKind: (source) => kinds.get(source) ?? null,
  };
}

export class QueueSyncTrigger implements SyncTrigger {
  constructor(
    private readonly queues: Queues,
    private readonly catalog: ProgramCatalog,
    private readonly nowMs: () => number,
  ) {}

  async requestSync(program: string): Promise<{ jobs: string[] }> {
    const jobs: string[] = [];
    // One job per source per 10-second slot: repeated clicks within the slot are the same job.
    const slot = Math.floor(this.nowMs() / 10_000);
    for (const source of this.catalog.sources(program)) {
      const id = await this.queues.enqueue('pull.source', { source, mode: 'poll' }, { jobId: `sync.${source}.${slot}` });
      if (id) jobs.push(id);
    }
    return { jobs };
  }
}

export interface WebhookSecrets {
  /** The configured secret of a source, if any (Jira; Asana before its handshake). */
  configured(source: string): string | null;
}

/** Verifies with the source's connector; Asana handshake secrets are kept in Redis under the API prefix. */
export class ConnectorWebhookIntake implements WebhookIntake {
  constructor(
    private readonly connectors: Map<string, TrackerConnector>,
    private readonly secrets: WebhookSecrets,
    private readonly redis: Redis,
    private readonly apiPrefix: string,
    private readonly queues: Queues,
  ) {}

  async parse(source: string, delivery: WebhookDelivery): Promise<WebhookParse> {
    const connector = this.connectors.get(source);
    if (!connector) throw new Error(`no connector for source ${source}`);
    const stored = await this.redis.hget(`${this.apiPrefix}webhook-secrets`, source);
    return connector.parseWebhook(delivery, stored ?? this.secrets.configured(source));
  }

  /** First handshake wins: a later one could be anybody re-keying the hook, so it is refused (clear the field to re-key). */
  async storeHandshake(source: string, secret: string): Promise<void> {
    if (this.secrets.configured(source)) throw new WebhookRejectedError(403, `source ${source} has a configured webhook secret; handshakes are refused`);
    const set = await this.redis.hsetnx(`${this.apiPrefix}webhook-secrets`, source, secret);
    if (set !== 1) throw new WebhookRejectedError(403, `source ${source} already completed its webhook handshake`);
  }

  async enqueue(source: string, keys: string[], deletedKeys: string[], receivedAt: number): Promise<void> {
    await this.queues.enqueue('pull.source', { source, mode: 'keys', keys: keys.slice(0, 1000), deletedKeys: deletedKeys.slice(0, 1000), receivedAt });
  }
}

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

export class BullQueueProbe implements QueueProbe {
  constructor(private readonly queues: Queues) {}

  async ping(): Promise<boolean> {
    // The queues share the store's connection; a count read proves the queue keys answer.
    await this.queues.queue(this.queues.allQueueNames()[0] ?? 'evaluate').getJobCounts('waiting');
    return (await this.queues.connection.ping()) === 'PONG';
  }

  async counts(): Promise<Array<{ queue: string; state: string; count: number }>> {
    const out: Array<{ queue: string; state: string; count: number }> = [];
    for (const name of this.queues.allQueueNames()) {
      const c = await this.queues.queue(name).getJobCounts(...STATES);
      for (const s of STATES) out.push({ queue: name, state: s, count: c[s] ?? 0 });
    }
    return out;
  }
}
