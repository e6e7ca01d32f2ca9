/**
 * What people do to an escalation: acknowledge it (levels up to the acknowledged one stop firing) or snooze it
 * (nothing fires until `until`). Both update the EscalationRecord the engine reads on every evaluation and append
 * an audit entry naming who did it, on which item and due-date version, at which level.
 */
import type { EscalationRecord } from '../../model/evaluation';
import type { Store } from '../../store';

export interface AcknowledgeInput {
  program: string;
  /** Gate id or compliance item uid (the escalation's subject). */
  subject: string;
  /** The ladder level acknowledged; levels up to it no longer fire. */
  level: string;
  /** Person or API key id. */
  by: string;
  /** Kept on the record; never copied to the audit stream (free text may hold anything). */
  note: string;
  now: Date;
}

export interface SnoozeInput {
  program: string;
  subject: string;
  /** ISO date (`YYYY-MM-DD`, local to the program) or date-time; nothing fires before it. */
  until: string;
  reason: string;
  by: string;
  now: Date;
}

export interface ActionOptions {
  /** Append the audit entry (default true); callers that audit themselves pass false. */
  audit?: boolean;
}

/** Bad input to an escalation action: nothing was changed. */
export class EscalationActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscalationActionError';
  }
}

function empty(subject: string): EscalationRecord {
  return { subject, fired: [], acknowledged: null, snoozed: null, paused: null };
}

async function auditBase(store: Store, program: string, subject: string): Promise<{ item: string; version: string; fingerprint: string; level: string }> {
  const esc = (await store.state.getSnapshot(program))?.escalations.find((e) => e.subject === subject);
  const first = esc?.items[0];
  return { item: first ? `${first.tool}:${first.instance}:${first.key}` : subject, version: esc?.due ?? '', fingerprint: esc?.fingerprint ?? '', level: esc?.level ?? 'none' };
}

function required(name: string, value: string): void {
  if (!value.trim()) throw new EscalationActionError(`${name} is required`);
}

export async function acknowledgeEscalation(store: Store, input: AcknowledgeInput, options: ActionOptions = {}): Promise<EscalationRecord> {
  required('program', input.program);
  required('subject', input.subject);
  required('level', input.level);
  required('by', input.by);
  const at = input.now.toISOString();
  const rec = (await store.state.getEscalation(input.program, input.subject)) ?? empty(input.subject);
  rec.acknowledged = { level: input.level, by: input.by, note: input.note, at };
  await store.state.putEscalation(input.program, rec);
  if (options.audit !== false) {
    const b = await auditBase(store, input.program, input.subject);
    await store.audit.append({
      actor: input.by,
      action: 'acknowledged',
      program: input.program,
      item: b.item,
      version: b.version,
      rule: input.level,
      at,
      detail: `level=${input.level} subject=${input.subject} escalation=${b.fingerprint}`,
    });
  }
  return rec;
}

export async function snoozeEscalation(store: Store, input: SnoozeInput, options: ActionOptions = {}): Promise<EscalationRecord> {
  required('program', input.program);
  required('subject', input.subject);
  required('by', input.by);
  if (!/^\d{4}-\d{2}-\d{2}/.test(input.until) || !Number.isFinite(Date.parse(input.until))) {
    throw new EscalationActionError(`until must be an ISO date or date-time, got ${JSON.stringify(input.until.slice(0, 40))}`);
  }
  if (Date.parse(input.until) <= input.now.getTime()) throw new EscalationActionError('until must be in the future');
  const rec = (await store.state.getEscalation(input.program, input.subject)) ?? empty(input.subject);
  rec.snoozed = { until: input.until, reason: input.reason, by: input.by };
  await store.state.putEscalation(input.program, rec);
  if (options.audit !== false) {
    const b = await auditBase(store, input.program, input.subject);
    await store.audit.append({
      actor: input.by,
      action: 'snoozed',
      program: input.program,
      item: b.item,
      version: b.version,
      rule: b.level,
      at: input.now.toISOString(),
      detail: `until=${input.until} subject=${input.subject} escalation=${b.fingerprint}`,
    });
  }
  return rec;
}
