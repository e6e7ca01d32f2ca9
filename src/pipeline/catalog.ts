/**
 * The job catalog: the only way onto a queue. Each job name has a zod payload schema, the queue it goes to, a
 * timeout and a retry policy. Producers validate before adding; workers validate again on dequeue, and a payload
 * that fails its schema fails at once (UnrecoverableError), never retried.
 */
import { z } from 'zod';
import { alertSchema } from '../notify/alert-schema';

const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
const itemRef = z.object({ tool: z.string().min(1), instance: z.string(), key: z.string().min(1) });
const isoTime = z.string().min(10).max(40);

export const riskSchema = z.object({
  type: z.string().min(1),
  fingerprint: z.string().min(1).max(300),
  probability: z.number(),
  impact: z.number(),
  severity: z.number().int().min(0).max(25),
  level: z.enum(['low', 'medium', 'high']),
  subject: z.string().min(1),
  items: z.array(itemRef.extend({ url: z.string() })).max(500),
  message: z.string().max(2000),
  action: z.string().max(2000),
  since: z.string(),
});

export interface RetryPolicy {
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: 'pull' | 'evaluate' | 'notify' | 'reconcile';
  schema: S;
  timeoutMs: number;
  retry: RetryPolicy;
}

export const CATALOG = {
  /** Pull one source: `poll` from the cursor, `full` from the start, `keys` re-fetches named items (webhooks). */
  'pull.source': {
    queue: 'pull',
    schema: z.object({
      source: id,
      mode: z.enum(['poll', 'full', 'keys']),
      keys: z.array(z.string().min(1)).max(1000).default([]),
      deletedKeys: z.array(z.string().min(1)).max(1000).default([]),
      /** When the webhook arrived (ms since epoch): the bench measures webhook-to-comment from it. */
      receivedAt: z.number().int().nonnegative().optional(),
    }),
    timeoutMs: 15 * 60_000,
    retry: { attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
  },
  /** Map, score and diff one program; debounced per program. */
  'evaluate.program': {
    queue: 'evaluate',
    schema: z.object({ program: id }),
    timeoutMs: 5 * 60_000,
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 500 } },
  },
  /** One tracker comment for a new, changed or resolved risk. */
  'writeback.comment': {
    queue: 'notify',
    schema: z.object({
      program: id,
      change: z.enum(['new', 'changed', 'resolved']),
      target: itemRef,
      risk: riskSchema,
    }),
    timeoutMs: 2 * 60_000,
    retry: { attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
  },
  /** One escalation level to its audiences. */
  'escalate.level': {
    queue: 'notify',
    schema: z.object({
      program: id,
      subject: z.string().min(1),
      level: z.string().min(1),
      audiences: z.array(z.string()).max(50),
      fingerprint: z.string().min(1).max(300),
      due: z.string(),
      /**
       * Chosen at evaluate time when the escalation has no tracker item (deliver/anchor.ts), best first: the
       * first carries the notice and its marker, all are searched for an earlier one.
       */
      anchors: z.array(itemRef).max(10).default([]),
    }),
    timeoutMs: 2 * 60_000,
    retry: { attempts: 10, backoff: { type: 'exponential', delay: 2000 } },
  },
  /** One rendered alert to one channel; exactly-once in effect through the ledger key `deliveryKey`. */
  'alert.deliver': {
    queue: 'notify',
    schema: z.object({
      program: id,
      channel: id,
      deliveryKey: z.string().min(1).max(1000),
      alert: alertSchema,
      recipients: z.array(z.string().min(3).max(320)).max(500).default([]),
      /** Audit context: the item uid, its version and the rule or ladder level behind the alert. */
      item: z.string().max(500).default(''),
      version: z.string().max(200).default(''),
      rule: z.string().max(200).default(''),
    }),
    timeoutMs: 60_000,
    retry: { attempts: 6, backoff: { type: 'exponential', delay: 1000 } },
  },
  /** The daily digest of one audience of one program to one channel, for the local date `date`. */
  'alert.digest': {
    queue: 'notify',
    schema: z.object({
      program: id,
      audience: z.string().min(1).max(100),
      channel: id,
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      recipients: z.array(z.string().min(3).max(320)).max(500).default([]),
    }),
    timeoutMs: 60_000,
    retry: { attempts: 6, backoff: { type: 'exponential', delay: 1000 } },
  },
  /** A full listIds pass over one source; only a complete pass deletes. */
  'reconcile.source': {
    queue: 'reconcile',
    schema: z.object({ source: id, requestedAt: isoTime.optional() }),
    timeoutMs: 15 * 60_000,
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof CATALOG;
export type JobPayload<N extends JobName> = z.output<(typeof CATALOG)[N]['schema']>;
export type JobInput<N extends JobName> = z.input<(typeof CATALOG)[N]['schema']>;

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(CATALOG, name);
}

/** A payload that does not match its job's schema; never retried. */
export class BadJobPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly issues: string[],
  ) {
    super(`bad payload for job ${job}: ${issues.join('; ')}`);
    this.name = 'BadJobPayloadError';
  }
}

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const res = CATALOG[name].schema.safeParse(data);
  if (!res.success) {
    throw new BadJobPayloadError(
      name,
      res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return res.data as JobPayload<N>;
}

/** Job ids may not contain `:` (BullMQ) and must be stable: squash anything else to `_`. */
export function jobIdPart(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_');
}
