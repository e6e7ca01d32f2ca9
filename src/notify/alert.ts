/** The channel-neutral alert every channel renders in its own format (Block Kit, Adaptive Card, email, JSON). */

export type AlertSeverity = 'low' | 'medium' | 'high';

export const SEVERITY_RANK: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2 };

export interface AlertLink {
  rel: 'item' | 'program' | 'ack' | 'snooze';
  text: string;
  url: string;
}

/**
 * One alert. All text is already redacted: no item titles unless they passed the redactor, no secrets.
 * `fingerprint` + `level` is the delivery identity (see `deliveryKey`).
 */
export interface Alert {
  kind: 'risk' | 'escalation' | 'digest' | 'test';
  fingerprint: string;
  /** The ladder level id (`L2`) of an escalation, the risk level of a risk, `test` for a test message. */
  level: string;
  severity: AlertSeverity;
  programId: string;
  /** Gate, sign-off, milestone or item uid the alert is about (config ids and tracker keys, never titles). */
  subject: string;
  heading: string;
  lines: string[];
  links: AlertLink[];
  /** Audience ids (`pmo`, `gate_owner`, a role id...) the router resolves to channels. */
  audience: string[];
  /** The role behind `gate_owner` (e.g. `security`), resolved through the role directory. */
  ownerRole?: string;
}
