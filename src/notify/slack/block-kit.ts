/** An alert as a Slack Block Kit message (https://api.slack.com/reference/block-kit/blocks). */
import type { Alert } from '../alert';

export interface SlackMessage {
  /** Fallback for notifications and clients without blocks. */
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** Slack mrkdwn treats &, < and > as control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SEVERITY_ICON = { low: ':information_source:', medium: ':warning:', high: ':rotating_light:' } as const;

export function toBlockKit(alert: Alert): SlackMessage {
  const blocks: Array<Record<string, unknown>> = [
    // Header blocks take plain text of at most 150 characters.
    { type: 'header', text: { type: 'plain_text', text: alert.heading.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: alert.lines.map(escapeMrkdwn).join('\n').slice(0, 3000) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${SEVERITY_ICON[alert.severity]} ${alert.severity} · level ${escapeMrkdwn(alert.level)} · program ${escapeMrkdwn(alert.programId)}`,
        },
      ],
    },
  ];
  if (alert.links.length > 0) {
    blocks.push({
      type: 'actions',
      elements: alert.links.slice(0, 25).map((l) => ({
        type: 'button',
        text: { type: 'plain_text', text: l.text },
        url: l.url,
        action_id: `vitals_${l.rel}`,
        ...(l.rel === 'ack' ? { style: 'primary' } : {}),
      })),
    });
  }
  return { text: `${alert.heading}`.slice(0, 3000), blocks };
}
