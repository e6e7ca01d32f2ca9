import type { AdaptivePacer } from '../http-kit/pacer';

/** What the pipeline passes to `createAsanaConnector`; the config's `AsanaSourceConfig` has the same fields. */
export interface AsanaRetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** First backoff step for 5xx and network errors. */
  baseDelayMs: number;
  /** Longest wait we sit through in-process; a longer Retry-After becomes RateLimitedError for the queue. */
  maxDelayMs: number;
}

export interface AsanaConnectorOptions {
  /** The config's source id (`sources[].id`). */
  instance: string;
  /** API root, e.g. `https://app.asana.com/api/1.0` or a sandbox URL; no trailing slash needed. */
  baseUrl: string;
  /** Personal access token or OAuth bearer token. Never logged. */
  token: string;
  workspace: string;
  /** Project gids to pull. */
  projects: string[];
  includeSubtasks: boolean;
  /** Name of a custom field holding Jira keys this task is blocked by (`EHR-12, EHR-40`). */
  crossToolField?: string;
  /** Whether `postStatusUpdate` may write project status updates. */
  statusUpdates: boolean;
  /** Requests in flight at once; capped by Asana's 50 reads / 15 writes. */
  maxConcurrency: number;
  retry?: Partial<AsanaRetryOptions>;
  /** Injectable for tests; by default each connector (= token) has its own. */
  pacer?: AdaptivePacer;
  /** Injectable for tests and benchmarks. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: AsanaRetryOptions = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 };
