/**
 * From the engine's output to channel-neutral alerts: one per fired ladder level, one per new high-severity risk.
 * Pure given its inputs (the program config, the snapshot's escalation, `now`); the links are the item, the program
 * page and, when `actionLinks` is configured, signed acknowledge / snooze links for the escalation.
 */
import type { ChannelsConfig } from '../../config/channels-schema';
import type { Escalation, EscalationLevel, Risk } from '../../model';
import type { Alert } from '../../notify/alert';
import { actionUrls, renderEscalationAlert, renderRiskAlert, type AlertLinksInput } from '../../notify/render';
import type { AlertRequest, PipelineProgram, PipelineSettings } from '../types';
import { programUrl } from '../types';

/** Where the alert came from, for the audit trail of its deliveries. */
export interface AlertOrigin {
  /** `tool:instance:key` of the first item, or the subject when there is none. */
  item: string;
  version: string;
  /** Risk type, or the ladder level of an escalation. */
  rule: string;
}

/** The ladder level `id` and its index, in the program's ladder or its breach ladder. */
export function findLevel(pp: PipelineProgram, id: string): { level: EscalationLevel; index: number } | null {
  for (const ladder of [pp.program.escalation, pp.program.breachEscalation]) {
    const index = ladder?.levels.findIndex((l) => l.id === id) ?? -1;
    const level = index >= 0 ? ladder?.levels[index] : undefined;
    if (level) return { level, index };
  }
  return null;
}

export function itemUid(ref: { tool: string; instance: string; key: string } | undefined): string | null {
  return ref ? `${ref.tool}:${ref.instance}:${ref.key}` : null;
}

/** The escalation of `req` from the snapshot, or a minimal one when the snapshot moved on (re-baselined). */
export function escalationFor(req: AlertRequest, snapshot: Escalation[] | null, levelIndex: number): Escalation {
  const found = snapshot?.find((e) => e.subject === req.subject && e.due === req.due);
  if (found) return found;
  return {
    subject: req.subject,
    fingerprint: req.fingerprint,
    level: req.level,
    levelIndex,
    audiences: req.audiences,
    due: req.due,
    businessDaysOverdue: 0,
    status: 'active',
    fire: [],
    items: [],
  };
}

function links(settings: PipelineSettings, cfg: ChannelsConfig | undefined, program: string, fingerprint: string, level: string, now: Date): AlertLinksInput {
  const base: AlertLinksInput = { program: programUrl(settings, program) };
  if (!cfg?.actionLinks) return base;
  const urls = actionUrls({ programId: program, fingerprint, level }, cfg.actionLinks, `${settings.publicUrl.replace(/\/$/, '')}/api/actions`, now);
  return { ...base, ack: urls.ack, snooze: urls.snooze };
}

/** The alert for one ladder level of `esc` that fires now. */
export function escalationAlert(settings: PipelineSettings, pp: PipelineProgram, esc: Escalation, req: AlertRequest, now: Date): Alert {
  const found = findLevel(pp, req.level);
  const ownerRole = pp.program.gates.find((g) => g.id === esc.subject)?.ownerRole;
  // The links act on the escalation (stable across levels), so the API finds it after this level was recorded.
  return renderEscalationAlert(
    pp.program.id,
    {
      escalation: esc,
      fire: { level: req.level, audiences: req.audiences, fingerprint: req.fingerprint },
      levelIndex: found?.index ?? esc.levelIndex,
      ...(found ? { action: found.level.action } : {}),
      ...(ownerRole ? { ownerRole } : {}),
    },
    links(settings, settings.channels, pp.program.id, esc.fingerprint, req.level, now),
  );
}

export function riskAlert(settings: PipelineSettings, program: string, risk: Risk): Alert {
  return renderRiskAlert(program, risk, { program: programUrl(settings, program) });
}

/** High-severity risks that were not high before: each is alerted once (ledger key by fingerprint + level). */
export function newlyHigh(risks: Risk[], previous: Map<string, { level: string }>): Risk[] {
  return risks.filter((r) => r.level === 'high' && previous.get(r.fingerprint)?.level !== 'high');
}
