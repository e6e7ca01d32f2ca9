/**
 * Per-channel delivery health for `vitals status`: counts, the last success and the last error of each alert
 * channel. One small hash per channel under the store prefix (`channel:<id>`), plus the set `channels`.
 */
import type { Redis } from 'ioredis';
import type { StoreKeys } from './keys';

export type ChannelHealth = 'ok' | 'retrying' | 'failed' | 'unknown';

export interface ChannelStatus {
  channel: string;
  status: ChannelHealth;
  delivered: number;
  failed: number;
  lastDeliveredAt: string | null;
  /** Receiver status and a short reason; never alert text or secrets. */
  lastError: string | null;
  lastErrorAt: string | null;
}

export class ChannelStatusStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<StoreKeys, 'prefix'>,
  ) {}

  private key(channel: string): string {
    return `${this.keys.prefix}channel:${channel}`;
  }

  async recordDelivered(channel: string, at: string): Promise<void> {
    await this.redis
      .multi()
      .sadd(`${this.keys.prefix}channels`, channel)
      .hset(this.key(channel), 'status', 'ok', 'lastDeliveredAt', at)
      .hincrby(this.key(channel), 'delivered', 1)
      .exec();
  }

  /** `final` false: a retry follows (status `retrying`); true: the delivery gave up (status `failed`). */
  async recordFailure(channel: string, at: string, error: string, final: boolean): Promise<void> {
    await this.redis
      .multi()
      .sadd(`${this.keys.prefix}channels`, channel)
      .hset(this.key(channel), 'status', final ? 'failed' : 'retrying', 'lastError', error.slice(0, 500), 'lastErrorAt', at)
      .hincrby(this.key(channel), 'failed', final ? 1 : 0)
      .exec();
  }

  async get(channel: string): Promise<ChannelStatus> {
    const h = await this.redis.hgetall(this.key(channel));
    const s = (k: string): string | null => (h[k] ? h[k] : null);
    return {
      channel,
      status: (s('status') as ChannelHealth | null) ?? 'unknown',
      delivered: Number(h.delivered ?? 0),
      failed: Number(h.failed ?? 0),
      lastDeliveredAt: s('lastDeliveredAt'),
      lastError: s('lastError'),
      lastErrorAt: s('lastErrorAt'),
    };
  }

  /** Every channel seen, plus `also` (the configured ones), sorted by id. */
  async list(also: string[] = []): Promise<ChannelStatus[]> {
    const seen = await this.redis.smembers(`${this.keys.prefix}channels`);
    const ids = [...new Set([...seen, ...also])].sort();
    return Promise.all(ids.map((id) => this.get(id)));
  }
}
