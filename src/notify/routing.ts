/**
 * Who gets an alert, where and when. Pure: config, alert and `now` in, delivery targets out.
 * High severity goes at once; lower severities wait for quiet hours to end, and low ones for the daily digest.
 */
import type { ChannelsConfig } from '../config/channels-schema';
import { SEVERITY_RANK, type Alert } from './alert';
import { inDailyWindow, nextLocalTime } from './zoned-time';

export { deliveryKey } from './delivery-key';

export interface RouteTarget {
  channelId: string;
  /** The audience that brought this channel in (the first one, when several share a channel). */
  audience: string;
  deliverAt: 'now' | string;
  /** True when the alert waits for the daily digest of this audience. */
  digest: boolean;
  /** Email addresses from the role directory, for email channels. */
  recipients: string[];
}

function channelsFor(cfg: ChannelsConfig, programId: string, audience: string): string[] {
  return cfg.audiences.programs[programId]?.[audience] ?? cfg.audiences.default[audience] ?? [];
}

/** `gate_owner` resolves through the gate's owner role (`security`, `privacy`) when the alert names it. */
function rolesOf(audience: string, alert: Alert): string[] {
  return audience === 'gate_owner' && alert.ownerRole ? [alert.ownerRole, audience] : [audience];
}

interface Timing {
  deliverAt: 'now' | string;
  digest: boolean;
}

function timing(cfg: ChannelsConfig, audience: string, alert: Alert, now: Date): Timing {
  if (alert.severity === 'high') return { deliverAt: 'now', digest: false };
  const quiet = cfg.quietHours && cfg.quietHours.audiences.includes(audience) ? cfg.quietHours : null;
  const outOfQuiet = (at: Date): Date => (quiet && inDailyWindow(at, quiet.start, quiet.end, quiet.timeZone) ? nextLocalTime(at, quiet.end, quiet.timeZone) : at);
  const d = cfg.digest;
  if (d && SEVERITY_RANK[alert.severity] <= SEVERITY_RANK[d.maxSeverity] && (!d.audiences || d.audiences.includes(audience))) {
    return { deliverAt: outOfQuiet(nextLocalTime(now, d.at, d.timeZone)).toISOString(), digest: true };
  }
  const at = outOfQuiet(now);
  return { deliverAt: at.getTime() === now.getTime() ? 'now' : at.toISOString(), digest: false };
}

function earlier(a: Timing, b: Timing): Timing {
  if (a.deliverAt === 'now' || b.deliverAt === 'now') return { deliverAt: 'now', digest: false };
  return a.deliverAt <= b.deliverAt ? a : b;
}

/**
 * The channels an alert goes to for `programId` at `now`. One target per channel (the delivery identity is
 * fingerprint + level + channel): audiences sharing a channel merge, the earliest time wins, recipients add up.
 * A role with email addresses but no email channel of its own uses the first configured email channel.
 */
export function routeAlert(cfg: ChannelsConfig, programId: string, alert: Alert, now: Date): RouteTarget[] {
  const byChannel = new Map<string, RouteTarget>();
  const firstEmail = Object.entries(cfg.channels).find(([, c]) => c.kind === 'email')?.[0];
  for (const audience of alert.audience) {
    const ids = new Set<string>();
    const emails = new Set<string>();
    for (const role of rolesOf(audience, alert)) {
      for (const id of channelsFor(cfg, programId, role)) ids.add(id);
      const entry = cfg.roles[role];
      for (const id of entry?.channels ?? []) ids.add(id);
      for (const e of entry?.email ?? []) emails.add(e);
    }
    const isEmail = (id: string): boolean => cfg.channels[id]?.kind === 'email';
    if (emails.size > 0 && ![...ids].some(isEmail) && firstEmail) ids.add(firstEmail);
    const when = timing(cfg, audience, alert, now);
    for (const channelId of ids) {
      if (!cfg.channels[channelId]) continue;
      const recipients = isEmail(channelId) ? [...emails] : [];
      const prev = byChannel.get(channelId);
      if (!prev) {
        byChannel.set(channelId, { channelId, audience, ...when, recipients });
        continue;
      }
      const merged = earlier(prev, when);
      prev.deliverAt = merged.deliverAt;
      prev.digest = merged.digest;
      prev.recipients = [...new Set([...prev.recipients, ...recipients])];
    }
  }
  return [...byChannel.values()];
}
