/** Every moved number changes the result as its formula says when a program sets it (defaults: see engine tests). */
import { evaluateProgram } from '../../src/health';
import { DEFAULT_SCORING, type ComponentId, type Program, type ProgramEvaluation, type ProgramHistory, type ScoringParams } from '../../src/model';
import { input, makeProgram, wi, type InputSpec } from './fixtures';

type Tweak = (s: ScoringParams) => void;

function programWith(tweak: Tweak, over: Partial<Program> = {}): Program {
  const scoring = structuredClone(DEFAULT_SCORING);
  tweak(scoring);
  return makeProgram({ ...over, scoring });
}

const componentOf = (r: ProgramEvaluation, id: ComponentId) => r.components.find((c) => c.id === id)?.score;

/** Evaluate with the defaults and with a tweak; same items, history and time. */
function both(spec: InputSpec, tweak: Tweak, over: Partial<Program> = {}): [ProgramEvaluation, ProgramEvaluation] {
  return [
    evaluateProgram(input({ ...spec, program: makeProgram(over) })),
    evaluateProgram(input({ ...spec, program: programWith(tweak, over) })),
  ];
}

const base = makeProgram();
const gate = (id: string) => base.gates.filter((g) => g.id === id);

describe('scoring parameters move the score', () => {
  // hipaa-baa is due 2026-03-25; on Friday 03-27 it is 2 business days overdue.
  const overdue2 = { now: '2026-03-27T16:00:00Z' };

  it('compliance: overdue bands and the score beyond them', () => {
    const [d, t] = both(overdue2, (s) => { s.compliance.overdueBands = [{ maxDays: 3, score: 70 }]; }, { gates: gate('hipaa-baa') });
    expect([componentOf(d, 'compliance'), componentOf(t, 'compliance')]).toEqual([60, 70]);
    const late = { now: '2026-04-10T16:00:00Z' };
    const [d2, t2] = both(late, (s) => { s.compliance.overdueBeyond = 10; }, { gates: gate('hipaa-baa') });
    expect([componentOf(d2, 'compliance'), componentOf(t2, 'compliance')]).toEqual([0, 10]);
  });

  it('compliance: gate-class multipliers weight the mean', () => {
    // Statutory BAA overdue (60) and contractual vendor assurance not due (100): (3·60 + 2·100)/5 = 76.
    const gates = [...gate('hipaa-baa'), ...gate('vendor-assurance')];
    const [d, t] = both(overdue2, (s) => { s.compliance.classWeights.statutory = 1; }, { gates });
    expect(componentOf(d, 'compliance')).toBe(76);
    expect(componentOf(t, 'compliance')).toBe(86.7); // (60 + 200)/3
  });

  it('compliance: the not-started-in-window score', () => {
    // hipaa-sra's lead window (to 2026-10-07) opened on 08-12; nothing started by 09-16.
    const [d, t] = both({ now: '2026-09-16T16:00:00Z' }, (s) => { s.compliance.notStartedInWindow = 90; }, { gates: gate('hipaa-sra') });
    expect([componentOf(d, 'compliance'), componentOf(t, 'compliance')]).toEqual([80, 90]);
  });

  it('schedule: milestone-kind multipliers', () => {
    // Design exit (phase exit) is 24 d past its 137-day span: pts(0.175) = 30; build exit and go-live on time.
    const [d, t] = both({ now: '2026-06-15T16:00:00Z' }, (s) => { s.schedule.kindWeights.golive = 10; });
    expect(componentOf(d, 'schedule')).toBe(80); // (2·30 + 2·100 + 3·100)/7
    expect(componentOf(t, 'schedule')).toBe(90); // (2·30 + 2·100 + 10·100)/14
  });

  it('clinical: a pending sign-off within the horizon scores pendingBase + pendingDoneWeight · done', () => {
    // cmio-design blocks build (2026-05-26), 11 days away; one of its two items is done.
    const items = [wi({ key: 'S-1', kind: 'signoff', signoff: 'cmio-design' }), wi({ key: 'S-2', kind: 'signoff', signoff: 'cmio-design', status: 'done' })];
    const [d, t] = both({ now: '2026-05-15T16:00:00Z', items }, (s) => { s.clinical.pendingBase = 20; s.clinical.pendingDoneWeight = 80; });
    expect([componentOf(d, 'clinical'), componentOf(t, 'clinical')]).toEqual([75, 60]);
  });

  describe('flow', () => {
    // 8 weeks of 4 done, then 4 weeks of 2 done, all before the week of 2026-04-10.
    const weekly = [4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2];
    const history: ProgramHistory = {
      throughput: weekly.map((done, i) => ({ weekStart: new Date(Date.UTC(2026, 0, 12 + 7 * i)).toISOString().slice(0, 10), done })),
      scores: [],
    };
    const spec = { now: '2026-04-10T16:00:00Z', history };

    it('splits its points as configured', () => {
      const [d, t] = both(spec, (s) => Object.assign(s.flow, { throughputPoints: 60, agePoints: 20, blockedPoints: 20 }));
      expect(componentOf(d, 'flow')).toBe(80); // 40·(2/4) + 30 + 30
      expect(componentOf(t, 'flow')).toBe(70); // 60·(2/4) + 20 + 20
    });

    it('compares the recent window with the median of the baseline window', () => {
      const [, t] = both(spec, (s) => Object.assign(s.flow, { recentWeeks: 8, baselineWeeks: 4 }));
      expect(componentOf(t, 'flow')).toBe(90); // 40·(3/4) + 60
      expect(t.components.find((c) => c.id === 'flow')?.deductions[0]?.reason).toContain('last 8 weeks');
    });
  });

  it('hygiene: the no-update limit for in-progress items', () => {
    const items = [
      wi({ key: 'IP-1', status: 'in_progress', source: { statusCategory: 'in_progress', updated: '2026-03-21T15:00:00Z' } }),
      ...Array.from({ length: 9 }, (_, i) => wi({ key: `OK-${i}` })),
    ];
    const [d, t] = both({ now: '2026-04-10T16:00:00Z', items }, (s) => { s.hygiene.staleDays = 14; });
    expect(componentOf(d, 'hygiene')).toBe(100);
    expect(componentOf(t, 'hygiene')).toBe(60); // pts(1/10)
    expect(t.components.find((c) => c.id === 'hygiene')?.deductions[0]?.reason).toContain('no update for 14 days');
  });

  it('gate window: the marks that make a gate at risk', () => {
    const [d, t] = both({ now: '2026-09-16T16:00:00Z' }, (s) => { s.gateWindow.atRiskNotStarted = 0.7; s.gateWindow.atRisk = 0.9; }, { gates: gate('hipaa-sra') });
    expect(d.gates[0]?.state).toBe('at_risk');
    expect(d.risks.find((r) => r.type === 'gate_at_risk')?.message).toContain('used 50%');
    expect(t.gates[0]?.state).toBe('not_started');
    expect(t.risks.find((r) => r.type === 'gate_at_risk')).toBeUndefined();
  });
});

describe('risk parameters move probability, impact and level', () => {
  it('gate overdue: probability, impact by class, and the exposure levels', () => {
    const over = { gates: gate('hipaa-baa') };
    const [d, t] = both({ now: '2026-03-27T16:00:00Z' }, (s) => { s.risk.gateOverdue.probability = 2; s.risk.gateOverdue.impact.statutory = 4; }, over);
    const pick = (r: ProgramEvaluation) => r.risks.find((k) => k.type === 'gate_overdue');
    expect(pick(d)).toMatchObject({ probability: 5, impact: 5, severity: 25, level: 'high' });
    expect(pick(t)).toMatchObject({ probability: 2, impact: 4, severity: 8, level: 'medium' });
    expect(pick(t)?.fingerprint).toBe(pick(d)?.fingerprint);
    const [, l] = both({ now: '2026-03-27T16:00:00Z' }, (s) => { s.risk.levels = { medium: 11, high: 25 }; s.risk.gateOverdue.probability = 2; }, over);
    expect(pick(l)).toMatchObject({ severity: 10, level: 'low' }); // medium by the default levels
  });

  it('milestone slip: impact bands and the no-forecast probability', () => {
    // Design exit slips 17.5 % of its span: band impact 3, no forecast → probability 5.
    const pick = (r: ProgramEvaluation) => r.risks.find((k) => k.type === 'milestone_slip' && k.subject === 'm-design-exit');
    const [d, t] = both({ now: '2026-06-15T16:00:00Z' }, (s) => { s.risk.impactBands = [0.5]; s.risk.milestoneSlip.probabilityNoForecast = 4; });
    expect(pick(d)).toMatchObject({ probability: 5, impact: 3, severity: 15, level: 'high' });
    expect(pick(t)).toMatchObject({ probability: 4, impact: 1, severity: 4, level: 'low' });
  });

  it('unassigned compliance work and stale items', () => {
    const items = [
      wi({ key: 'C-1', kind: 'compliance', source: { assignee: null } }),
      wi({ key: 'T-1', status: 'in_progress', source: { statusCategory: 'in_progress', updated: '2026-03-20T15:00:00Z' } }),
    ];
    const [d, t] = both({ now: '2026-04-10T16:00:00Z', items }, (s) => {
      s.risk.unassignedCompliance = { probability: 5, impact: 5 };
      s.risk.staleItem.longIdleFactor = 1.2;
    });
    const pick = (r: ProgramEvaluation, type: string) => r.risks.find((k) => k.type === type);
    expect(pick(d, 'unassigned_compliance')?.severity).toBe(12);
    expect(pick(t, 'unassigned_compliance')?.severity).toBe(25);
    // 21 idle days with thresholds.staleDays 14: below 2 × 14 (probability 3), above 1.2 × 14 (probability 4).
    expect([pick(d, 'stale_item')?.probability, pick(t, 'stale_item')?.probability]).toEqual([3, 4]);
  });
});
