/** Builds a channel from its config entry. Kinds live in their own folders; this is the only switch over them. */
import type { ChannelConfig } from '../config/channels-schema';
import type { Clock } from '../clock';
import type { AlertChannel } from './channel';
import { EmailChannel } from './email/email-channel';
import { FileChannel } from './file/file-channel';
import { SlackChannel } from './slack/slack-channel';
import { TeamsChannel } from './teams/teams-channel';
import { WebhookChannel } from './webhook/webhook-channel';

export interface CreateChannelOptions {
  /** The config key of the channel (`channels.channels.<id>`). */
  id: string;
  /** Timestamps in webhook signatures and file-sink lines. */
  clock?: Clock;
}

export function createChannel(config: ChannelConfig, options: CreateChannelOptions): AlertChannel {
  switch (config.kind) {
    case 'slack':
      return new SlackChannel(options.id, config);
    case 'teams':
      return new TeamsChannel(options.id, config);
    case 'email':
      return new EmailChannel(options.id, config);
    case 'webhook':
      return new WebhookChannel(options.id, config, options.clock);
    case 'file':
      return new FileChannel(options.id, config, options.clock);
  }
}

/** Every configured channel by id. */
export function createChannels(channels: Record<string, ChannelConfig>, clock?: Clock): Map<string, AlertChannel> {
  const out = new Map<string, AlertChannel>();
  for (const [id, config] of Object.entries(channels)) out.set(id, createChannel(config, clock ? { id, clock } : { id }));
  return out;
}
