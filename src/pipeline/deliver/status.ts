/** The channel table of `vitals status`: configured channels with their delivery counts and last error. */
import type { ChannelsConfig } from '../../config/channels-schema';
import type { ChannelStatus } from '../../store/channel-status';

export function formatChannelStatus(list: ChannelStatus[], cfg: ChannelsConfig | undefined): string {
  const kinds: Record<string, string> = Object.fromEntries(Object.entries(cfg?.channels ?? {}).map(([id, c]) => [id, c.kind]));
  const lines = ['channel              kind     status    delivered  failed  last delivered             last error'];
  if (!list.length) lines.push('(no alert channels configured)');
  for (const c of list) {
    const error = c.lastError ? `${c.lastErrorAt ?? ''} ${c.lastError}` : '';
    lines.push(
      `${c.channel.padEnd(20)} ${(kinds[c.channel] ?? '-').padEnd(8)} ${c.status.padEnd(9)} ${String(c.delivered).padStart(9)} ${String(c.failed).padStart(7)}  ${(c.lastDeliveredAt ?? 'never').padEnd(26)} ${error}`,
    );
  }
  return lines.join('\n');
}
