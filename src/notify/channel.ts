/** The one interface every alert channel implements; the notify worker only ever sees this. */
import type { ChannelKind } from '../config/channels-schema';
import type { Alert } from './alert';

/**
 * The receiver's answer. `retryable` says whether sending the same alert again may succeed (429, 5xx, timeouts,
 * transient SMTP 4xx); a 4xx other than 429 or a misconfiguration is final. `detail` never holds secrets or text.
 */
export interface DeliveryResult {
  ok: boolean;
  /** HTTP status, SMTP reply code, or null when nothing answered (timeout, refused connection, file sink). */
  status: number | null;
  retryable: boolean;
  detail: string;
  /** From `Retry-After`, when the receiver said how long to wait. */
  retryAfterMs?: number;
}

/** Per-delivery recipients resolved by the router from the role directory (email addresses). */
export interface DeliveryTarget {
  recipients?: string[];
}

export interface AlertChannel {
  readonly id: string;
  readonly kind: ChannelKind;
  send(alert: Alert, target?: DeliveryTarget): Promise<DeliveryResult>;
  /** Releases pooled connections (SMTP); optional. */
  close?(): Promise<void>;
}
