/**
 * The effect ledger: one key per delivery (a tracker comment, an alert). A worker claims the key with a lease
 * before the side effect and completes it after. A crash between the two lets the lease expire; the next claim
 * re-runs the effect, and the tracker-side marker (or the channel's own key) turns the repeat into a no-op.
 */
import type { Redis } from 'ioredis';
import type { StoreKeys } from './keys';

export type ClaimResult =
  /** This worker owns the effect now. */
  | { state: 'claimed' }
  /** Already done; `result` is what completion recorded (e.g. the comment id). */
  | { state: 'done'; result: string }
  /** Another worker holds a live lease: retry later. */
  | { state: 'busy' };

export interface LedgerOptions {
  /** How long a claim holds before another worker may take over. */
  leaseMs: number;
  /** How long a completed entry is kept. */
  doneTtlSec: number;
}

export const DEFAULT_LEDGER: LedgerOptions = { leaseMs: 60_000, doneTtlSec: 400 * 24 * 3600 };

export class EffectLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly options: LedgerOptions = DEFAULT_LEDGER,
  ) {}

  async claim(deliveryKey: string, owner: string): Promise<ClaimResult> {
    const key = this.keys.effect(deliveryKey);
    const ok = await this.redis.set(key, `claimed|${owner}`, 'PX', this.options.leaseMs, 'NX');
    if (ok === 'OK') return { state: 'claimed' };
    const value = await this.redis.get(key);
    if (value === null) return this.claim(deliveryKey, owner);
    if (value.startsWith('done|')) return { state: 'done', result: value.slice(5) };
    if (value === `claimed|${owner}`) return { state: 'claimed' };
    return { state: 'busy' };
  }

  async complete(deliveryKey: string, result: string): Promise<void> {
    await this.redis.set(this.keys.effect(deliveryKey), `done|${result}`, 'EX', this.options.doneTtlSec);
  }

  /** Gives a claim back after a failure that did not perform the effect, so a retry can claim at once. */
  async release(deliveryKey: string, owner: string): Promise<void> {
    const key = this.keys.effect(deliveryKey);
    if ((await this.redis.get(key)) === `claimed|${owner}`) await this.redis.del(key);
  }

  async get(deliveryKey: string): Promise<string | null> {
    return this.redis.get(this.keys.effect(deliveryKey));
  }
}
