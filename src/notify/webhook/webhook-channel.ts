/** A generic outgoing webhook: the alert as JSON, signed over the raw body with a timestamp. */
import type { WebhookChannelConfig } from '../../config/channels-schema';
import { systemClock, type Clock } from '../../clock';
import type { Alert } from '../alert';
import type { AlertChannel, DeliveryResult } from '../channel';
import { postBody } from '../http';
import { deliveryKey } from '../delivery-key';
import { signWebhook } from './signature';

/** The JSON body receivers get; `version` changes only with a breaking change of `alert`. */
export interface WebhookPayload {
  type: 'vitals.alert';
  version: 1;
  /** Same for every retry of one delivery: receivers de-duplicate on it. */
  deliveryId: string;
  sentAt: string;
  alert: Alert;
}

export class WebhookChannel implements AlertChannel {
  readonly kind = 'webhook' as const;

  constructor(
    readonly id: string,
    private readonly config: WebhookChannelConfig,
    private readonly clock: Clock = systemClock,
  ) {}

  async send(alert: Alert): Promise<DeliveryResult> {
    const now = this.clock();
    const deliveryId = deliveryKey(alert.fingerprint, alert.level, this.id);
    const payload: WebhookPayload = { type: 'vitals.alert', version: 1, deliveryId, sentAt: now.toISOString(), alert };
    const raw = JSON.stringify(payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const { result } = await postBody(this.config.url, raw, {
      headers: {
        ...this.config.headers,
        'content-type': 'application/json',
        'user-agent': 'vitals-notify/1',
        'x-vitals-delivery': deliveryId,
        'x-vitals-timestamp': String(timestamp),
        'x-vitals-signature': signWebhook(this.config.secret, timestamp, raw),
      },
      timeoutMs: this.config.timeoutMs,
    });
    return result;
  }
}
