/** Microsoft Teams through a Workflows webhook (Power Automate); answers 202 Accepted. */
import type { TeamsChannelConfig } from '../../config/channels-schema';
import type { Alert } from '../alert';
import type { AlertChannel, DeliveryResult } from '../channel';
import { postBody } from '../http';
import { toAdaptiveCard } from './adaptive-card';

export class TeamsChannel implements AlertChannel {
  readonly kind = 'teams' as const;

  constructor(
    readonly id: string,
    private readonly config: TeamsChannelConfig,
  ) {}

  async send(alert: Alert): Promise<DeliveryResult> {
    // https://learn.microsoft.com/power-automate/teams/create-flows-from-teams-webhook (POST JSON, 202 Accepted).
    const { result } = await postBody(this.config.webhookUrl, JSON.stringify(toAdaptiveCard(alert)), {
      headers: { 'content-type': 'application/json' },
      timeoutMs: this.config.timeoutMs,
    });
    return result;
  }
}
