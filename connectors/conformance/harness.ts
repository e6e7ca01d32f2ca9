/**
 * What a connector's test harness offers the shared conformance suite: a running sandbox, a connector wired to it
 * through the real vendor SDK, and the levers to change the sandbox's world.
 */
import type { TrackerConnector, WebhookDelivery } from '../contract';
import type { FaultSettings } from '../sandbox-kit/faults';

export interface ConformanceHarness {
  name: string;
  connector: TrackerConnector;
  webhookSecret: string;
  /**
   * A second connector on the same sandbox with no shared in-process state (a restarted worker whose Redis is
   * gone): the tracker-side marker alone must stop a repost. Optional so older harnesses still compile.
   */
  freshConnector?(): TrackerConnector;
  /** The sandbox's clock, passed as PullOptions.now (a connector may use it to bound its next window). Optional. */
  now?(): Date;
  /** Adds `count` items to the sandbox; returns their keys. */
  seed(count: number): Promise<string[]>;
  /** Changes an item so that its `updated` stamp and version move. */
  touch(key: string): Promise<void>;
  remove(key: string): Promise<void>;
  faults(settings: Partial<FaultSettings>): void;
  /** Comments stored on the item in the sandbox (what a user would see). */
  commentCount(key: string): Promise<number>;
  /** A delivery signed as the vendor would sign it, saying these items changed. */
  signedDelivery(keys: string[]): WebhookDelivery;
  /** Moves the sandbox's clock (updated stamps, token expiry). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export type HarnessFactory = () => Promise<ConformanceHarness>;
