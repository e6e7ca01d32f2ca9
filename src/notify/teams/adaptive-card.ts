/**
 * An alert as a Teams message with an Adaptive Card, the shape a Workflows "when a webhook request is received"
 * flow posts (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
 */
import type { Alert } from '../alert';

export interface TeamsMessage {
  type: 'message';
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }>;
}

const COLOR = { low: 'Default', medium: 'Warning', high: 'Attention' } as const;

export function toAdaptiveCard(alert: Alert): TeamsMessage {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: alert.heading, weight: 'Bolder', size: 'Medium', wrap: true, color: COLOR[alert.severity] },
      ...alert.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
      {
        type: 'FactSet',
        facts: [
          { title: 'Program', value: alert.programId },
          { title: 'Severity', value: alert.severity },
          { title: 'Level', value: alert.level },
        ],
      },
    ],
    actions: alert.links.map((l) => ({ type: 'Action.OpenUrl', title: l.text, url: l.url })),
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}
