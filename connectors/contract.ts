/**
 * The contract every tracker connector offers the pipeline. The pipeline never sees a vendor payload:
 * it gets `SourceItem`s, opaque cursors, and the typed errors of `./errors`.
 * The conformance suite (`test/conformance/connectors.test.ts`) runs against every implementation.
 */
import type { SourceItem } from '../src/model/source-item';

/** Opaque, JSON-serializable. Each connector validates its own cursor and discards one built for other inputs. */
export type ConnectorCursor = { readonly connector: string } & Record<string, unknown>;

export interface PullPage {
  items: SourceItem[];
  /** Store it only after `items` are stored: a cursor moves only after its page is safe. */
  cursor: ConnectorCursor;
  hasMore: boolean;
}

export interface PullOptions {
  /** Injected clock: the connector never reads the wall clock for cursor math. */
  now: Date;
  /** Ignore the cursor's position and walk everything (reconcile, first run). */
  full?: boolean;
}

/** What Vitals writes on a tracker item. Rendered by each connector in its own format (ADF, Asana rich text). */
export interface CommentRequest {
  /** Stable idempotency key; the connector stores it on the tracker side so a lost Redis cannot cause a repost. */
  fingerprint: string;
  heading: string;
  /** Plain-text paragraphs, already redacted. */
  lines: string[];
  link: { text: string; url: string } | null;
}

export interface CommentResult {
  status: 'posted' | 'duplicate';
  commentId: string;
}

export interface WebhookDelivery {
  headers: Record<string, string | string[] | undefined>;
  /** The raw bytes as received: signatures are over these, not over re-serialized JSON. */
  rawBody: Buffer;
}

export type WebhookParse =
  /** A hint: these items changed; re-fetch them, never trust the payload's copy. */
  | { kind: 'changed'; keys: string[]; deletedKeys: string[] }
  /** Asana's X-Hook-Secret handshake: echo the secret back and store it for later verification. */
  | { kind: 'handshake'; secret: string }
  /** Heartbeats and empty deliveries: answer 200, cause nothing. */
  | { kind: 'ignored'; reason: string };

export interface IdSet {
  /** Every live item key in the configured scope. Only a complete, successful pass may be used to delete. */
  keys: string[];
  complete: true;
}

export interface TrackerConnector {
  readonly tool: string;
  readonly instance: string;
  pull(cursor: ConnectorCursor | null, options: PullOptions): Promise<PullPage>;
  fetchItem(key: string): Promise<SourceItem | null>;
  listIds(): Promise<IdSet>;
  postComment(key: string, comment: CommentRequest): Promise<CommentResult>;
  /** The id of an earlier comment carrying this fingerprint, or null. */
  findComment(key: string, fingerprint: string): Promise<string | null>;
  /** Verifies the signature with `secret` (throws WebhookRejectedError) and says what changed. */
  parseWebhook(delivery: WebhookDelivery, secret: string | null): WebhookParse;
  /** HTTP requests made so far (benchmarks compare this with the minimum possible). */
  requestCount(): number;
}
