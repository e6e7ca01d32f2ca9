import { evaluateProgram } from '../../src/health';
import type { ProgramEvaluation, RiskType, WorkItem } from '../../src/model';
import { done, input, makeProgram, steadyHistory, wi } from '../health/fixtures';

type Scenario = Parameters<typeof input>[0];

function risksOf(s: Scenario, type: RiskType): ProgramEvaluation['risks'] {
  return evaluateProgram(input(s)).risks.filter((r) => r.type === type);
}

const designWork = (n: number): WorkItem[] => Array.from({ length: n }, (_, i) => wi({ key: `W-${i}`, phase: 'design' }));
const baaDone = done({ key: 'BAA-1', kind: 'compliance', gate: 'hipaa-baa', phase: 'planning' });
const cmio = (over: Partial<WorkItem['source']> = {}) => wi({ key: 'SO-1', kind: 'signoff', signoff: 'cmio-design', source: { due: '2026-05-26', ...over } });

describe.each<[string, RiskType, Scenario, { subject?: string; severity?: number; count: number }]>([
  ['milestone slips past baseline (P85)', 'milestone_slip', { now: '2026-04-10T16:00:00Z', items: designWork(40), history: steadyHistory(12, 1) }, { severity: 16, count: 3 }],
  ['milestone on track', 'milestone_slip', { now: '2026-04-10T16:00:00Z', items: designWork(2), history: steadyHistory(12, 5) }, { count: 0 }],
  ['milestone past baseline without a forecast', 'milestone_slip', { now: '2026-05-30T16:00:00Z', items: designWork(1) }, { subject: 'm-design-exit', count: 1 }],
  ['gate window 50 % used', 'gate_at_risk', { now: '2026-05-15T16:00:00Z', items: [baaDone] }, { subject: 'vendor-assurance', count: 1 }],
  ['gate window 75 % used', 'gate_at_risk', { now: '2026-05-21T16:00:00Z', items: [baaDone] }, { subject: 'vendor-assurance', count: 1 }],
  ['gate window barely open', 'gate_at_risk', { now: '2026-05-06T16:00:00Z', items: [baaDone] }, { count: 0 }],
  ['statutory gate overdue', 'gate_overdue', { now: '2026-04-10T16:00:00Z', items: [wi({ key: 'BAA-1', kind: 'compliance', gate: 'hipaa-baa' })] }, { subject: 'hipaa-baa', severity: 25, count: 1 }],
  ['gate done', 'gate_overdue', { now: '2026-04-10T16:00:00Z', items: [baaDone] }, { count: 0 }],
  ['sign-off pending within the horizon', 'signoff_missing', { now: '2026-05-18T16:00:00Z', items: [baaDone, cmio()] }, { subject: 'cmio-design', severity: 12, count: 1 }],
  ['sign-off rejected early', 'signoff_missing', { now: '2026-04-10T16:00:00Z', items: [baaDone, cmio({ approvalStatus: 'rejected' })] }, { subject: 'cmio-design', severity: 16, count: 1 }],
  ['sign-off pending far away', 'signoff_missing', { now: '2026-04-10T16:00:00Z', items: [baaDone, cmio()] }, { count: 0 }],
  ['blocked by an open Asana task', 'cross_tool_block', {
    now: '2026-04-10T16:00:00Z',
    items: [wi({ key: 'J-1', source: { blockedBy: [{ tool: 'asana', instance: 'ws', key: '42' }] } }), wi({ key: '42', source: { tool: 'asana', instance: 'ws' } })],
  }, { severity: 6, count: 1 }],
  ['blocked by a done Asana task', 'cross_tool_block', {
    now: '2026-04-10T16:00:00Z',
    items: [wi({ key: 'J-1', source: { blockedBy: [{ tool: 'asana', instance: '', key: '42' }] } }), done({ key: '42', source: { tool: 'asana', instance: 'ws' } })],
  }, { count: 0 }],
  ['blocked within the same tool', 'cross_tool_block', {
    now: '2026-04-10T16:00:00Z', items: [wi({ key: 'J-1', source: { blockedBy: [{ tool: 'jira', instance: 'main', key: 'J-2' }] } }), wi({ key: 'J-2' })],
  }, { count: 0 }],
  ['in progress with no update for 20 days', 'stale_item', { now: '2026-04-21T16:00:00Z', items: [wi({ key: 'S-1', status: 'in_progress', source: { updated: '2026-04-01T15:00:00Z' } })] }, { count: 1 }],
  ['in progress, recently updated', 'stale_item', { now: '2026-04-06T16:00:00Z', items: [wi({ key: 'S-1', status: 'in_progress', source: { updated: '2026-04-01T15:00:00Z' } })] }, { count: 0 }],
  ['compliance task with nobody assigned', 'unassigned_compliance', { now: '2026-03-01T16:00:00Z', items: [wi({ key: 'C-1', kind: 'compliance', source: { assignee: null } })] }, { severity: 12, count: 1 }],
  ['assigned compliance task', 'unassigned_compliance', { now: '2026-03-01T16:00:00Z', items: [wi({ key: 'C-1', kind: 'compliance' })] }, { count: 0 }],
  ['open go-live-blocking sev1 10 days before go-live', 'defect_near_golive', { now: '2026-11-06T16:00:00Z', items: [wi({ key: 'D-1', kind: 'defect', severity: 'sev1', goLiveBlocking: true })] }, { severity: 25, count: 1 }],
  ['open sev3 before go-live', 'defect_near_golive', { now: '2026-11-06T16:00:00Z', items: [wi({ key: 'D-1', kind: 'defect', severity: 'sev3' })] }, { count: 0 }],
  ['open sev2 two months before go-live', 'defect_near_golive', { now: '2026-09-06T16:00:00Z', items: [wi({ key: 'D-1', kind: 'defect', severity: 'sev2' })] }, { count: 0 }],
  ['item created after the baseline', 'scope_added', { now: '2026-04-10T16:00:00Z', program: makeProgram({ baselineDate: '2026-02-01' }), items: [wi({ key: 'N-1', source: { created: '2026-03-01T15:00:00Z' } }), wi({ key: 'O-1' })] }, { subject: 'phase:design', count: 1 }],
  ['no item after the baseline', 'scope_added', { now: '2026-04-10T16:00:00Z', program: makeProgram({ baselineDate: '2026-02-01' }), items: [wi({ key: 'O-1' })] }, { count: 0 }],
  ['estimate at completion 20 % over budget', 'budget_overrun', { now: '2026-04-10T16:00:00Z', program: makeProgram({ budget: { currency: 'USD', bac: 1000, eac: 1200, actualCost: null } }) }, { severity: 20, count: 1 }],
  ['estimate under budget', 'budget_overrun', { now: '2026-04-10T16:00:00Z', program: makeProgram({ budget: { currency: 'USD', bac: 1000, eac: 900, actualCost: null } }) }, { count: 0 }],
])('risk: %s', (_name, type, scenario, expected) => {
  it(`gives ${expected.count} ${type} risk(s)`, () => {
    const risks = risksOf(scenario, type);
    expect(risks).toHaveLength(expected.count);
    for (const r of risks) {
      if (expected.subject) expect(r.subject).toBe(expected.subject);
      if (expected.severity) expect(r.severity).toBe(expected.severity);
      expect(r.severity).toBe(r.probability * r.impact);
      expect(r.level).toBe(r.severity >= 15 ? 'high' : r.severity >= 6 ? 'medium' : 'low');
      expect(r.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(r.message).not.toMatch(/Title of/);
      expect(r.action.length).toBeGreaterThan(0);
    }
  });
});

describe('risk details', () => {
  it('a slipping milestone pushes the later ones (work runs in baseline order)', () => {
    const r = risksOf({ now: '2026-04-10T16:00:00Z', items: designWork(40), history: steadyHistory(12, 1) }, 'milestone_slip');
    expect(r.map((x) => x.subject).sort()).toEqual(['m-build-exit', 'm-design-exit', 'm-golive']);
    expect(r.find((x) => x.subject === 'm-design-exit')?.message).toContain('40 items open');
  });

  it('50 % and 75 % of the lead window are distinct events', () => {
    const at50 = risksOf({ now: '2026-05-15T16:00:00Z', items: [baaDone] }, 'gate_at_risk')[0];
    const at75 = risksOf({ now: '2026-05-21T16:00:00Z', items: [baaDone] }, 'gate_at_risk')[0];
    expect(at50?.message).toContain('50%');
    expect(at75?.message).toContain('75%');
    expect(at50?.fingerprint).not.toBe(at75?.fingerprint);
    expect(risksOf({ now: '2026-05-18T16:00:00Z', items: [baaDone] }, 'gate_at_risk')[0]?.fingerprint).toBe(at50?.fingerprint);
  });

  it('sorts by severity, then fingerprint', () => {
    const r = evaluateProgram(input({
      now: '2026-11-06T16:00:00Z',
      items: [...designWork(3), wi({ key: 'C-1', kind: 'compliance', source: { assignee: null } }), wi({ key: 'D-1', kind: 'defect', severity: 'sev2' })],
    })).risks;
    expect(r.length).toBeGreaterThan(3);
    for (let i = 1; i < r.length; i++) {
      const [a, b] = [r[i - 1]!, r[i]!];
      expect(a.severity > b.severity || (a.severity === b.severity && a.fingerprint < b.fingerprint)).toBe(true);
    }
  });
});
