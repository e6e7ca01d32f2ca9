/**
 * What the Jira connector needs to know about one Jira site. The config's `JiraSourceConfig` has the same
 * fields, so the pipeline passes it straight through; tests and benches add `sleep`/`random`.
 */
import type { AdaptivePacer } from '../http-kit/pacer';

export type JiraAuth =
  | { kind: 'basic'; email: string; apiToken: string }
  | { kind: 'bearer'; token: string };

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Longest wait we sit out in-process; a longer Retry-After becomes a RateLimitedError for the queue. */
  maxDelayMs: number;
}

export interface JiraConnectorOptions {
  /** The config's source id (`sources[].id`). */
  instance: string;
  /** `https://acme.atlassian.net` (no trailing path). */
  baseUrl: string;
  auth: JiraAuth;
  /** The scope, e.g. `project = EHR`; must be bounded (Jira rejects an empty JQL). */
  jql: string;
  /** How far behind the cursor each poll looks again (index lag, clock skew, JQL minute precision). */
  lookbackMinutes: number;
  /** maxResults for full-field searches and bulk fetches (Jira caps these at 100). */
  pageSize: number;
  /** Requests in flight at once against this site. 1 = strictly sequential. */
  maxConcurrency: number;
  /** Map `fixVersions` onto SourceItem.fixVersions (milestones); otherwise they are left empty. */
  fixVersionsAsMilestones: boolean;
  /** Custom field id → display name, e.g. `{ customfield_10020: 'Sprint' }`. */
  customFields: Record<string, string>;
  retry?: Partial<RetryOptions>;
  /** Injected for tests and benches; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; defaults to the process-wide pacer of this site (one per base URL). */
  pacer?: AdaptivePacer;
  /** Injected for tests and benches; defaults to Math.random (jitter only). */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };
