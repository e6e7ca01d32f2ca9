/**
 * Alert channels, audiences and the role directory: owned by the alerts work (src/notify).
 * The config loader embeds this schema under the top-level `channels:` key.
 */
import { z } from 'zod';

export const channelsSchema = z.object({}).strict().default({});
export type ChannelsConfig = z.infer<typeof channelsSchema>;
