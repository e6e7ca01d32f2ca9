import type { Escalation, Risk } from '../../src/model';
import { verifyActionLink } from '../../src/notify/action-links';
import { actionUrls, renderEscalationAlert, renderRiskAlert, renderTrackerComment } from '../../src/notify/render';

const item = { tool: 'jira', instance: 'main', key: 'EHR-41', url: 'https://jira.example/browse/EHR-41' };
const risk: Risk = {
  type: 'gate_overdue',
  fingerprint: 'risk:gate_overdue:hipaa-sra:2026-02-20',
  probability: 5,
  impact: 5,
  severity: 25,
  level: 'high',
  subject: 'hipaa-sra',
  items: [item],
  message: 'HIPAA security risk analysis is 3 business days overdue; it blocks phase go-live',
  action: 'Record a recovery date; the privacy officer John Smith must sign off',
  since: '2026-02-20T00:00:00.000Z',
};
const escalation: Escalation = {
  subject: 'hipaa-sra',
  fingerprint: 'esc:hipaa-sra:2026-02-20',
  level: 'L3',
  levelIndex: 3,
  audiences: ['gate_owner', 'pmo'],
  due: '2026-02-20',
  businessDaysOverdue: 3,
  status: 'active',
  fire: [{ level: 'L3', audiences: ['gate_owner', 'pmo'], fingerprint: 'esc:hipaa-sra:2026-02-20:L3' }],
  items: [item],
};
const TITLE = 'SRA follow-up for patient Maria Hernandez MRN 00482913';

describe('renderRiskAlert', () => {
  it('omits titles by default and redacts free text', () => {
    const a = renderRiskAlert('ehr', risk, { program: 'https://vitals.example/programs/ehr' }, { titles: { 'EHR-41': TITLE } });
    const text = JSON.stringify(a);
    expect(text).not.toContain('Hernandez');
    expect(text).not.toContain('00482913');
    expect(text).not.toContain('John Smith');
    expect(a.lines.at(-1)).toBe('Items: EHR-41');
    expect(a).toMatchObject({ fingerprint: risk.fingerprint, level: 'high', severity: 'high', programId: 'ehr', audience: ['pmo', 'compliance_officer'] });
    expect(a.links.map((l) => l.rel)).toEqual(['item', 'program']);
  });

  it('quotes the title through the redactor in redact mode', () => {
    const a = renderRiskAlert('ehr', risk, { program: 'https://p' }, { titleMode: 'redact', titles: { 'EHR-41': TITLE } });
    expect(a.lines.at(-1)).toBe('Items: EHR-41 "SRA follow-up for patient [NAME] MRN [ID]"');
  });
});

describe('renderEscalationAlert', () => {
  it('carries the level, audiences and signed action links', () => {
    const now = new Date('2026-02-25T09:00:00Z');
    const urls = actionUrls({ programId: 'ehr', fingerprint: 'esc:hipaa-sra:2026-02-20:L3', level: 'L3' }, { secret: 's'.repeat(20), ttlHours: 72 }, 'https://vitals.example/api/actions', now);
    const a = renderEscalationAlert('ehr', { escalation, fire: escalation.fire[0], action: 'Owner must record a recovery date', ownerRole: 'security' }, { program: 'https://p', ...urls });
    expect(a).toMatchObject({ kind: 'escalation', level: 'L3', severity: 'high', audience: ['gate_owner', 'pmo'], ownerRole: 'security' });
    expect(a.fingerprint).toBe('esc:hipaa-sra:2026-02-20:L3');
    expect(a.lines[0]).toBe('Due 2026-02-20, 3 business day(s) overdue. Escalation level L3.');
    const ack = a.links.find((l) => l.rel === 'ack');
    expect(ack).toBeDefined();
    const v = verifyActionLink(new URL(ack!.url).searchParams, 's'.repeat(20), now);
    expect(v.ok && v.claims.action === 'ack' && v.claims.level === 'L3').toBe(true);
  });

  it('grades the heads-up low and the reminder medium', () => {
    expect(renderEscalationAlert('ehr', { escalation: { ...escalation, levelIndex: 0, level: 'L0' } }, { program: 'https://p' }).severity).toBe('low');
    expect(renderEscalationAlert('ehr', { escalation: { ...escalation, levelIndex: 1, level: 'L1' } }, { program: 'https://p' }).severity).toBe('medium');
  });
});

describe('renderTrackerComment', () => {
  it('says what, since when, the milestone impact, what to do, and links the program', () => {
    const c = renderTrackerComment(risk, 'https://vitals.example/programs/ehr', {
      milestone: { name: 'Go-live', baseline: '2026-03-01', p85: '2026-03-20', slipDays: 19 },
    });
    expect(c.fingerprint).toBe(risk.fingerprint);
    expect(c.heading).toBe('Vitals: Compliance gate overdue');
    expect(c.lines[0]).toMatch(/^What is wrong: HIPAA security risk analysis is 3 business days overdue/);
    expect(c.lines[1]).toBe('Since: 2026-02-20');
    expect(c.lines[2]).toBe('Impact: puts milestone Go-live (baseline 2026-03-01) at risk; forecast slip 19 day(s), 85% by 2026-03-20.');
    expect(c.lines[3]).toBe('What to do: Record a recovery date; the privacy officer [NAME] must sign off');
    expect(c.link).toEqual({ text: 'Open the program page in Vitals', url: 'https://vitals.example/programs/ehr' });
  });
});

describe('programAllowList', () => {
  it('keeps the program own dates and names in engine messages, and still redacts people', async () => {
    const { programAllowList } = await import('../../src/notify/allow-list');
    const program = {
      id: 'ehr', name: 'St Elsewhere EHR', preset: 'ehr', start: '2026-01-05', baselineDate: null, override: null, budget: null,
      calendar: { timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], holidays: ['2026-02-16'], freezeWindows: [] },
      phases: [{ id: 'golive', name: 'Go-live', order: 1, start: '2027-02-27', end: '2027-03-12' }],
      milestones: [{ id: 'golive', name: 'Go-live', kind: 'golive' as const, baseline: '2027-02-27', phase: 'golive' }],
      gates: [{ id: 'hipaa-sra', name: 'HIPAA Security Risk Analysis', regulation: 'HIPAA Security Rule', citation: '45 CFR 164.308(a)(1)(ii)(A)', ownerRole: 'security', blocksPhase: 'golive', leadTimeDays: 30, bufferDays: 5, class: 'statutory' as const, calendarDays: false }],
      signoffs: [], escalation: { levels: [], maxPauseDays: 14 },
      weights: { schedule: 1, compliance: 1, clinical: 1, flow: 1, hygiene: 1, budget: 0 },
      thresholds: {} as never, caps: {} as never,
    };
    const allow = programAllowList(program);
    expect(allow.allowDates).toEqual(expect.arrayContaining(['2026-01-05', '2027-02-27', '2027-03-12', '2026-02-16']));
    const r = renderRiskAlert('ehr', { ...risk, message: 'Open sev1 defect EHR-88 with go-live on 2027-02-27; HIPAA Security Rule applies', action: 'Ask Maria Lopez (born 1931-04-02)' }, { program: 'https://p' }, { allow });
    expect(r.lines[0]).toBe('Open sev1 defect EHR-88 with go-live on 2027-02-27; HIPAA Security Rule applies');
    expect(r.lines[2]).toBe('What to do: Ask [NAME] (born [DATE])');
  });
});
