/** Slack: an incoming webhook, or a bot token posting with chat.postMessage. */
import type { SlackChannelConfig } from '../../config/channels-schema';
import type { Alert } from '../alert';
import type { AlertChannel, DeliveryResult } from '../channel';
import { postBody } from '../http';
import { toBlockKit } from './block-kit';

/** Web API errors that may clear on their own (https://api.slack.com/methods/chat.postMessage#errors). */
const RETRYABLE_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export class SlackChannel implements AlertChannel {
  readonly kind = 'slack' as const;

  constructor(
    readonly id: string,
    private readonly config: SlackChannelConfig,
  ) {}

  async send(alert: Alert): Promise<DeliveryResult> {
    const message = toBlockKit(alert);
    const timeoutMs = this.config.timeoutMs;
    if (this.config.webhookUrl) {
      // Incoming webhook: https://api.slack.com/messaging/webhooks#posting_with_webhooks (answers 200 "ok").
      const { result } = await postBody(this.config.webhookUrl, JSON.stringify(message), {
        headers: { 'content-type': 'application/json' },
        timeoutMs,
      });
      return result;
    }
    // chat.postMessage: https://api.slack.com/methods/chat.postMessage (200 with {ok:false,error} on failure).
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}/chat.postMessage`;
    const { result, body } = await postBody(url, JSON.stringify({ channel: this.config.channel, ...message }), {
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${this.config.token ?? ''}` },
      timeoutMs,
    });
    if (!result.ok) return result;
    let parsed: { ok?: unknown; error?: unknown; ts?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return { ok: false, status: result.status, retryable: true, detail: 'Slack answered with a body that is not JSON' };
    }
    if (parsed.ok === true) return { ...result, detail: `posted (ts ${String(parsed.ts)})` };
    const error = typeof parsed.error === 'string' ? parsed.error : 'unknown_error';
    return { ok: false, status: result.status, retryable: RETRYABLE_ERRORS.has(error), detail: `Slack error: ${error}` };
  }
}
