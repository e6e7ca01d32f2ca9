import type { Risk, RiskParams, RiskType } from '../model';
import type { LinkedRef } from './context';
import { fingerprint } from './fingerprint';

export interface RiskSpec {
  type: RiskType;
  subject: string;
  /** What makes this occurrence distinct (a due date, a threshold, a blocker): part of the fingerprint. */
  window: string;
  probability: number;
  impact: number;
  items: LinkedRef[];
  message: string;
  action: string;
  since: string;
}

/** Exposure bands (default the PMBOK 5×5 matrix: 1–5 low, 6–14 medium, 15–25 high). */
export function riskLevel(severity: number, levels: RiskParams['levels']): Risk['level'] {
  return severity >= levels.high ? 'high' : severity >= levels.medium ? 'medium' : 'low';
}

function scale(n: number): number {
  return Math.min(5, Math.max(1, Math.round(n)));
}

/** A typed risk from its spec; probability and impact are rounded and clamped to 1–5, the level comes from `levels`. */
export function makeRisk(spec: RiskSpec, levels: RiskParams['levels']): Risk {
  const probability = scale(spec.probability);
  const impact = scale(spec.impact);
  const severity = probability * impact;
  return {
    type: spec.type,
    fingerprint: fingerprint(spec.type, spec.subject, spec.window),
    probability,
    impact,
    severity,
    level: riskLevel(severity, levels),
    subject: spec.subject,
    items: spec.items,
    message: spec.message,
    action: spec.action,
    since: spec.since,
  };
}

/** Severity first (highest first), then fingerprint, so alerts go out in exposure order and ties are stable. */
export function sortRisks(risks: Risk[]): Risk[] {
  return risks.sort((a, b) => b.severity - a.severity || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

/** Impact of a fractional overrun or slip: 1, plus one per band bound reached (default PMBOK: <5 %, 5–10 %, 10–20 %, >20 %). */
export function bandImpact(fraction: number, bounds: readonly number[]): number {
  let impact = 1;
  for (const b of bounds) if (fraction >= b) impact++;
  return impact;
}
