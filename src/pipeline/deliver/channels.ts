/**
 * The alert channels of one worker process, built once from the config. Channels hold only connection pools
 * (SMTP), never state that two workers must agree on: exactly-once lives in the ledger.
 */
import type { ChannelsConfig } from '../../config/channels-schema';
import type { Clock } from '../../clock';
import type { AlertChannel } from '../../notify/channel';
import { createChannels } from '../../notify/create-channel';

const built = new WeakMap<ChannelsConfig, Map<string, AlertChannel>>();

/** The channels of `cfg`, created on first use and shared by every job of this process. */
export function channelsOf(cfg: ChannelsConfig, clock: Clock): Map<string, AlertChannel> {
  let map = built.get(cfg);
  if (!map) {
    map = createChannels(cfg.channels, clock);
    built.set(cfg, map);
  }
  return map;
}

/** Closes pooled connections (SMTP) of the channels built for `cfg`, if any. */
export async function closeChannels(cfg: ChannelsConfig | undefined): Promise<void> {
  if (!cfg) return;
  const map = built.get(cfg);
  built.delete(cfg);
  if (map) await Promise.all([...map.values()].map((c) => c.close?.()));
}
