/**
 * Turns the engine's risks and escalations into channel-neutral alerts and tracker comments. Every free-text
 * line passes the redactor; item titles appear only when the caller passes them and the mode is `redact`.
 */
import type { CommentRequest } from '../../connectors/contract';
import type { Escalation, ItemRef, Risk, RiskType } from '../model';
import { signActionLink } from './action-links';
import type { Alert, AlertLink, AlertSeverity } from './alert';
import { redact, safeTitle, type RedactOptions, type TitleMode } from './redact';

export interface AlertLinksInput {
  /** The item in its tracker; defaults to the first item's url. */
  item?: string | null;
  program: string;
  ack?: string;
  snooze?: string;
}

export interface RenderOptions {
  /** `omit` (default) never quotes titles; `redact` quotes the ones in `titles` through the redactor. */
  titleMode?: TitleMode;
  /** Titles by item key, when the caller has them (never stored in the alert unredacted). */
  titles?: Record<string, string>;
  /** The program's own dates and names (`programAllowList`), and further tracker keys, kept by the redactor. */
  allow?: RedactOptions;
}

const RISK_LABEL: Record<RiskType, string> = {
  milestone_slip: 'Milestone at risk of slipping',
  gate_at_risk: 'Compliance gate at risk',
  gate_overdue: 'Compliance gate overdue',
  signoff_missing: 'Clinical sign-off missing',
  cross_tool_block: 'Blocked by work in another tool',
  stale_item: 'Work item gone stale',
  unassigned_compliance: 'Compliance work unassigned',
  defect_near_golive: 'Open defect close to go-live',
  scope_added: 'Scope added after baseline',
  budget_overrun: 'Budget overrun',
};

const COMPLIANCE_RISKS: ReadonlySet<RiskType> = new Set(['gate_at_risk', 'gate_overdue', 'unassigned_compliance', 'signoff_missing']);

function clean(text: string, keys: string[], options: RenderOptions): string {
  return redact(text, { ...options.allow, allowKeys: [...keys, ...(options.allow?.allowKeys ?? [])] }).text;
}

function itemsLine(items: ItemRef[], options: RenderOptions): string | null {
  if (items.length === 0) return null;
  const mode = options.titleMode ?? 'omit';
  const named = items.map((i) => {
    const title = options.titles?.[i.key];
    return title === undefined ? i.key : safeTitle(i.key, title, mode, options.allow);
  });
  return `Items: ${named.join(', ')}`;
}

function linksOf(input: AlertLinksInput, items: Array<{ url: string }>): AlertLink[] {
  const links: AlertLink[] = [];
  const item = input.item === undefined ? items[0]?.url : input.item;
  if (item) links.push({ rel: 'item', text: 'Open the item', url: item });
  links.push({ rel: 'program', text: 'Program page', url: input.program });
  if (input.ack) links.push({ rel: 'ack', text: 'Acknowledge', url: input.ack });
  if (input.snooze) links.push({ rel: 'snooze', text: 'Snooze', url: input.snooze });
  return links;
}

/** Severity of a ladder level: heads-up is low, the reminder medium, from the due date on high. */
export function escalationSeverity(levelIndex: number): AlertSeverity {
  return levelIndex <= 0 ? 'low' : levelIndex === 1 ? 'medium' : 'high';
}

/** An alert for one risk of the evaluation. */
export function renderRiskAlert(programId: string, risk: Risk, links: AlertLinksInput, options: RenderOptions = {}): Alert {
  const keys = risk.items.map((i) => i.key);
  const lines = [
    clean(risk.message, keys, options),
    `Since ${risk.since.slice(0, 10)}. Severity ${risk.severity}/25 (probability ${risk.probability}, impact ${risk.impact}).`,
    `What to do: ${clean(risk.action, keys, options)}`,
  ];
  const items = itemsLine(risk.items, options);
  if (items) lines.push(items);
  return {
    kind: 'risk',
    fingerprint: risk.fingerprint,
    level: risk.level,
    severity: risk.level,
    programId,
    subject: risk.subject,
    heading: `${RISK_LABEL[risk.type]}: ${risk.subject} (${programId})`,
    lines,
    links: linksOf(links, risk.items),
    audience: COMPLIANCE_RISKS.has(risk.type) ? ['pmo', 'compliance_officer'] : ['pmo'],
  };
}

export interface EscalationRenderInput {
  escalation: Escalation;
  /** The ladder step being delivered; defaults to the escalation's current level. */
  fire?: Escalation['fire'][number];
  /** Position of `fire.level` on the ladder (severity); defaults to the escalation's `levelIndex`. */
  levelIndex?: number;
  /** What the ladder asks for at this level (the level's `action` from config). */
  action?: string;
  ownerRole?: string;
}

/** An alert for one escalation ladder step. */
export function renderEscalationAlert(programId: string, input: EscalationRenderInput, links: AlertLinksInput, options: RenderOptions = {}): Alert {
  const esc = input.escalation;
  const level = input.fire?.level ?? esc.level ?? 'L0';
  const levelIndex = input.levelIndex ?? esc.levelIndex;
  const keys = esc.items.map((i) => i.key);
  const overdue = esc.businessDaysOverdue > 0 ? `${esc.businessDaysOverdue} business day(s) overdue` : 'not yet overdue';
  const lines = [`Due ${esc.due}, ${overdue}. Escalation level ${level}.`];
  if (input.action) lines.push(`What to do: ${clean(input.action, keys, options)}`);
  const items = itemsLine(esc.items, options);
  if (items) lines.push(items);
  const alert: Alert = {
    kind: 'escalation',
    fingerprint: input.fire?.fingerprint ?? esc.fingerprint,
    level,
    severity: escalationSeverity(levelIndex),
    programId,
    subject: esc.subject,
    heading: `[${level}] Compliance escalation: ${esc.subject} (${programId})`,
    lines,
    links: linksOf(links, esc.items),
    audience: input.fire?.audiences ?? esc.audiences,
  };
  if (input.ownerRole) alert.ownerRole = input.ownerRole;
  return alert;
}

/** Signed acknowledge and snooze urls for an alert identity (`actionLinks` config). */
export function actionUrls(
  id: { programId: string; fingerprint: string; level: string },
  config: { secret: string; ttlHours: number },
  baseUrl: string,
  now: Date,
): { ack: string; snooze: string } {
  const expires = new Date(now.getTime() + config.ttlHours * 3_600_000);
  return {
    ack: signActionLink({ action: 'ack', ...id, expires }, config.secret, baseUrl),
    snooze: signActionLink({ action: 'snooze', ...id, expires }, config.secret, baseUrl),
  };
}

export interface CommentContext extends RenderOptions {
  /** The milestone this risk threatens, when the engine knows it. */
  milestone?: { name: string; baseline: string; p85?: string | null; slipDays?: number };
}

/** The tracker write-back: what is wrong, since when, the impact on the milestone, what to do, the program page. */
export function renderTrackerComment(risk: Risk, programUrl: string, context: CommentContext = {}): CommentRequest {
  const keys = risk.items.map((i) => i.key);
  const m = context.milestone;
  const impact = m
    ? `Impact: puts milestone ${m.name} (baseline ${m.baseline}) at risk` +
      (m.slipDays ? `; forecast slip ${m.slipDays} day(s)${m.p85 ? `, 85% by ${m.p85}` : ''}.` : '.')
    : `Impact: ${risk.impact}/5 on the program's next milestone (severity ${risk.severity}/25).`;
  const allow = { ...context, allow: { ...context.allow, allowTerms: [...(context.allow?.allowTerms ?? []), ...(m ? [m.name] : [])] } };
  return {
    fingerprint: risk.fingerprint,
    heading: `Vitals: ${RISK_LABEL[risk.type]}`,
    lines: [
      `What is wrong: ${clean(risk.message, keys, allow)}`,
      `Since: ${risk.since.slice(0, 10)}`,
      impact,
      `What to do: ${clean(risk.action, keys, allow)}`,
    ],
    link: { text: 'Open the program page in Vitals', url: programUrl },
  };
}
