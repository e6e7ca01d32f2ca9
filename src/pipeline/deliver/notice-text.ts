/**
 * The escalation notice a fired ladder level leaves on its tracker item (§5 of the domain reference: each level's
 * action includes a comment on the item). It names audiences and roles, never people or titles, and passes the
 * redactor like every outgoing text. Pure: program, level and `now` in, comment out.
 */
import type { CommentRequest } from '../../../connectors/contract';
import type { EscalationLadder } from '../../model';
import { redact } from '../../notify/redact';
import { calendarDaysIndex, indexCalendar, localDate } from '../../risk/business-calendar';
import { levelDate } from '../../risk/escalation';
import type { PipelineProgram } from '../types';

export interface NoticeInput {
  subject: string;
  level: string;
  due: string;
  audiences: string[];
  /** The tracker-side marker: the connector stores it with the comment. */
  marker: string;
  programUrl: string;
  /** Posted on an anchor of the phase's work because the gate has no tracker item of its own. */
  anchored?: boolean;
}

const AUDIENCE_TEXT: Record<string, string> = {
  assignee: 'the assignee',
  team: 'the team',
  team_lead: 'the team lead',
  pmo: 'the PMO lead',
  compliance_officer: 'the compliance officer',
  sponsor: 'the executive sponsor',
  steering_committee: 'the steering committee',
};

function audienceText(audience: string, ownerRole: string | undefined): string {
  if (audience === 'gate_owner') return ownerRole ? `the gate owner (role ${ownerRole})` : 'the gate owner';
  return AUDIENCE_TEXT[audience] ?? `the ${audience.replace(/[_-]+/g, ' ')} role`;
}

function listText(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? 'nobody';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

function ladderOf(pp: PipelineProgram, level: string): { ladder: EscalationLadder; index: number } | null {
  for (const ladder of [pp.program.escalation, pp.program.breachEscalation]) {
    const index = ladder?.levels.findIndex((l) => l.id === level) ?? -1;
    if (ladder && index >= 0) return { ladder, index };
  }
  return null;
}

/** "next level L4 on 2026-11-18", or why there is none; dates on the gate's own clock. */
function nextText(pp: PipelineProgram, input: NoticeInput): { text: string; date: string | null } {
  const found = ladderOf(pp, input.level);
  const next = found?.ladder.levels[found.index + 1];
  if (!next) return { text: 'this is the last level of the ladder', date: null };
  const gate = pp.program.gates.find((g) => g.id === input.subject);
  const clock = gate?.calendarDays ? calendarDaysIndex(pp.program.calendar.timeZone) : indexCalendar(pp.program.calendar);
  const when = levelDate(next, { due: input.due, windowStart: null, clock });
  return when ? { text: `next level ${next.id} on ${when.date}`, date: when.date } : { text: `next level ${next.id} when its trigger is reached`, date: null };
}

/**
 * "Escalated to L3: the gate owner (role security) and the PMO lead were notified on 2026-11-12; next level L4 on
 * 2026-11-18", plus what the ladder asks for at this level and the program page.
 */
export function renderEscalationNotice(pp: PipelineProgram, input: NoticeInput, now: Date): CommentRequest {
  const gate = pp.program.gates.find((g) => g.id === input.subject);
  const whom = [...new Set(input.audiences)].map((a) => audienceText(a, gate?.ownerRole));
  const today = localDate(now, pp.program.calendar.timeZone);
  const next = nextText(pp, input);
  const action = ladderOf(pp, input.level)?.ladder.levels.find((l) => l.id === input.level)?.action;
  // Our own structured dates and config names are not about a patient: the redactor keeps them.
  const allow = {
    allowDates: [today, input.due, ...(next.date ? [next.date] : [])],
    allowTerms: [pp.program.id, input.subject, ...(gate?.ownerRole ? [gate.ownerRole] : [])],
  };
  const verb = whom.length > 1 ? 'were' : 'was';
  const lines = [`Escalated to ${input.level}: ${listText(whom)} ${verb} notified on ${today}; ${next.text}.`];
  if (action) lines.push(`What to do: ${action}.`.replace(/\.\.$/, '.'));
  lines.push(`Compliance item ${input.subject}, due ${input.due}.`);
  if (input.anchored) lines.push(`Gate ${input.subject} has no tracker item; this notice is posted on the phase's work so the team sees it.`);
  return {
    fingerprint: input.marker,
    heading: `Vitals: compliance escalation ${input.level}`,
    lines: lines.map((l) => redact(l, allow).text),
    link: { text: 'Open the program page in Vitals', url: input.programUrl },
  };
}
