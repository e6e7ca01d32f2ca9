/** What `createApiServer` needs, and the per-server context the routers share. */
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { ApiKeyStore } from './api-keys';
import type { PortfolioService } from './portfolio-service';
import type { PortfolioStore, ProgramCatalog, QueueProbe, SyncTrigger, WebhookIntake } from './ports';

export interface ApiDeps {
  store: PortfolioStore;
  catalog: ProgramCatalog;
  keys: ApiKeyStore;
  clock: Clock;
  sync: SyncTrigger;
  webhooks: WebhookIntake;
  queues: QueueProbe;
  /** PING the store's Redis (for `/readyz`). */
  redisPing(): Promise<boolean>;
  /** HMAC secret of the acknowledge / snooze links in alerts; null disables `/api/actions`. */
  actionLinkSecret: string | null;
  /** Base URL of the dashboard (links in reports). */
  publicUrl: string;
  /** Requests per key per window; default 600 per minute. */
  rateLimit?: { windowMs: number; limit: number };
  log?: Logger;
  /** Serve the dashboard pages and their bundle (default true). */
  dashboard?: boolean;
}

export interface ApiContext {
  deps: ApiDeps;
  service: PortfolioService;
}
