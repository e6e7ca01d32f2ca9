/** The daily digest of held low-severity alerts, and the test message of `vitals notify test <channel>`. */
import type { Alert } from './alert';

/** Lines beyond this are summarised: a digest is a pointer to the program page, not a report. */
const MAX_DIGEST_LINES = 30;

/**
 * One alert for everything an audience of a program collected since the last digest. `localDate` (`YYYY-MM-DD`
 * in the digest's time zone) makes the fingerprint, so a digest is delivered once per audience per day.
 */
export function renderDigest(programId: string, audience: string, localDate: string, alerts: Alert[], programUrl: string): Alert {
  const sorted = [...alerts].sort((a, b) => a.heading.localeCompare(b.heading));
  const lines = sorted.slice(0, MAX_DIGEST_LINES).map((a) => `${a.severity}: ${a.heading}`);
  if (sorted.length > MAX_DIGEST_LINES) lines.push(`and ${sorted.length - MAX_DIGEST_LINES} more on the program page`);
  return {
    kind: 'digest',
    fingerprint: `digest:${programId}:${audience}:${localDate}`,
    level: 'digest',
    severity: 'low',
    programId,
    subject: `digest:${audience}`,
    heading: `Daily digest for ${audience}: ${alerts.length} item(s) (${programId}, ${localDate})`,
    lines,
    links: [{ rel: 'program', text: 'Program page', url: programUrl }],
    audience: [audience],
  };
}

/** A harmless message that shows a channel works end to end. Unique per call so receivers never de-duplicate it. */
export function renderTestAlert(channelId: string, now: Date, programUrl: string): Alert {
  return {
    kind: 'test',
    fingerprint: `test:${channelId}:${now.toISOString()}`,
    level: 'test',
    severity: 'low',
    programId: 'test',
    subject: channelId,
    heading: `Vitals test message for channel ${channelId}`,
    lines: [`Sent ${now.toISOString()} by \`vitals notify test\`. No action needed.`],
    links: [{ rel: 'program', text: 'Vitals', url: programUrl }],
    audience: [],
  };
}
