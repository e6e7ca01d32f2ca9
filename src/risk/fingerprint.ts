import { createHash } from 'node:crypto';

/**
 * Stable identity of a risk or escalation event: sha256 of type, subject and window, truncated to 16 hex chars
 * (64 bits: collisions are negligible at portfolio scale). The same inputs give the same value in every process,
 * so the notifier can make write-backs exactly-once by fingerprint.
 */
export function fingerprint(type: string, subject: string, window: string): string {
  return createHash('sha256').update(`${type}\u0000${subject}\u0000${window}`).digest('hex').slice(0, 16);
}
