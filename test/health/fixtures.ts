/** Program and item fixtures for the engine tests (independent of the YAML presets on purpose). */
import type { EscalationLadder, EvaluationInput, Program, ProgramHistory, SourceItem, WorkItem } from '../../src/model';

export const LADDER: EscalationLadder = {
  maxPauseDays: 14,
  levels: [
    { id: 'L0', triggers: [{ kind: 'window_used', fraction: 0.5 }, { kind: 'before_due', businessDays: 7 }], audiences: ['assignee'], action: 'heads-up' },
    { id: 'L1', triggers: [{ kind: 'window_used', fraction: 0.75 }, { kind: 'before_due', businessDays: 2 }], audiences: ['assignee', 'team_lead'], action: 'reminder' },
    { id: 'L2', triggers: [{ kind: 'after_due', businessDays: 0 }], audiences: ['assignee', 'team_lead', 'pmo'], action: 'overdue' },
    { id: 'L3', triggers: [{ kind: 'after_due', businessDays: 3 }], audiences: ['gate_owner', 'pmo'], action: 'recovery date' },
    { id: 'L4', triggers: [{ kind: 'after_due', businessDays: 7 }], audiences: ['compliance_officer', 'sponsor'], action: 'steering agenda' },
    { id: 'L5', triggers: [{ kind: 'after_due', businessDays: 14 }], audiences: ['steering_committee'], action: 'corrective action plan' },
  ],
};

export function makeProgram(over: Partial<Program> = {}): Program {
  return {
    id: 'test-ehr',
    name: 'Test EHR',
    preset: 'ehr',
    start: '2026-01-05',
    calendar: {
      timeZone: 'America/New_York',
      workDays: [1, 2, 3, 4, 5],
      holidays: ['2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-11-27'],
      freezeWindows: [{ start: '2026-11-14', end: '2026-11-15', reason: 'cutover weekend' }],
    },
    phases: [
      { id: 'initiation', name: 'Initiation', order: 1, start: '2026-01-05', end: '2026-01-30' },
      { id: 'planning', name: 'Planning', order: 2, start: '2026-02-02', end: '2026-03-27' },
      { id: 'design', name: 'Design', order: 3, start: '2026-03-30', end: '2026-05-22' },
      { id: 'build', name: 'Build', order: 4, start: '2026-05-26', end: '2026-08-14' },
      { id: 'testing', name: 'Testing', order: 5, start: '2026-08-17', end: '2026-10-09' },
      { id: 'training', name: 'Training', order: 6, start: '2026-10-12', end: '2026-11-13' },
      { id: 'golive', name: 'Go-live', order: 7, start: '2026-11-16', end: '2026-11-25' },
      { id: 'stabilization', name: 'Stabilization', order: 8, start: '2026-11-30', end: '2027-02-26' },
    ],
    milestones: [
      { id: 'm-design-exit', name: 'Design exit', kind: 'phase_exit', baseline: '2026-05-22', phase: 'design' },
      { id: 'm-build-exit', name: 'Build exit', kind: 'phase_exit', baseline: '2026-08-14', phase: 'build' },
      { id: 'm-golive', name: 'Go-live', kind: 'golive', baseline: '2026-11-16', phase: 'golive' },
    ],
    gates: [
      { id: 'hipaa-baa', name: 'BAA', regulation: 'HIPAA', citation: '164.504(e)', ownerRole: 'privacy_officer', blocksPhase: 'design', leadTimeDays: 28, bufferDays: 5, class: 'statutory', calendarDays: false },
      { id: 'hipaa-sra', name: 'SRA', regulation: 'HIPAA', citation: '164.308(a)(1)', ownerRole: 'ciso', blocksPhase: 'training', leadTimeDays: 56, bufferDays: 5, class: 'statutory', calendarDays: false },
      { id: 'vendor-assurance', name: 'Vendor assurance', regulation: 'contract', citation: 'SOC 2', ownerRole: 'ciso', blocksPhase: 'build', leadTimeDays: 21, bufferDays: 0, class: 'contractual', calendarDays: false },
      { id: 'breach-readiness', name: 'Breach readiness', regulation: 'HITECH', citation: '164.400', ownerRole: 'privacy_officer', blocksPhase: 'golive', leadTimeDays: 14, bufferDays: 7, class: 'statutory', calendarDays: true },
    ],
    signoffs: [
      { id: 'cmio-design', role: 'cmio', scope: 'physician workflows', blocksPhase: 'build', goNoGo: false },
      { id: 'pharmacy-build', role: 'pharmacy', scope: 'medication build', blocksPhase: 'testing', goNoGo: false },
      { id: 'sponsor-golive', role: 'sponsor', scope: 'final go/no-go', blocksPhase: 'golive', goNoGo: true },
    ],
    budget: null,
    escalation: LADDER,
    weights: { schedule: 25, compliance: 25, clinical: 20, flow: 15, hygiene: 5, budget: 10 },
    thresholds: {
      green: 80, amber: 60, curveFactor: 400, trendPoints: 5, staleDays: 14, lowConfidenceHygiene: 60,
      forecastWeeks: 12, forecastMinWeeks: 4, forecastTrials: 10_000, defectWindowDays: 14, signoffHorizonDays: 14,
    },
    caps: {
      overdueGateBlockingNext: 59, statutoryGateNearGoLive: 59, statutoryGateNearGoLiveDays: 14,
      goNoGoSignoffMissing: 59, goNoGoSignoffMissingDays: 7, anyGateOverdue: 79, anyGateOverdueDays: 7,
      sev1NearGoLive: 59, sev1NearGoLiveDays: 14,
    },
    override: null,
    baselineDate: null,
    ...over,
  };
}

export type ItemSpec = Partial<Omit<WorkItem, 'source'>> & { key: string; source?: Partial<SourceItem> };

/** A work item with sensible defaults: an assigned, phased todo task in Jira. */
export function wi(spec: ItemSpec): WorkItem {
  const tool = spec.source?.tool ?? 'jira';
  const instance = spec.source?.instance ?? 'main';
  const source: SourceItem = {
    tool, instance, key: spec.key, id: spec.key, url: `https://example.test/${tool}/${spec.key}`,
    title: `Title of ${spec.key} (may hold PHI)`, type: 'Task', status: 'To Do', statusCategory: 'todo',
    assignee: 'acct-1', project: 'EHR', created: '2026-01-10T15:00:00Z', updated: '2026-04-01T15:00:00Z',
    start: null, due: null, completed: null, labels: [], components: [], parent: null, section: null, tags: [],
    customFields: {}, approvalStatus: null, priority: null, resolution: null, fixVersions: [], blockedBy: [], version: '1',
    ...spec.source,
  };
  const { source: _s, key: _k, ...rest } = spec;
  return {
    uid: `${tool}:${instance}:${spec.key}`, source, program: 'test-ehr', phase: 'design', kind: 'task', status: 'todo',
    severity: null, gate: null, signoff: null, milestone: null, goLiveBlocking: false, rule: 'r1',
    ...rest,
  };
}

export function done(spec: ItemSpec, completed = '2026-03-01T15:00:00Z'): WorkItem {
  return wi({ ...spec, status: 'done', source: { statusCategory: 'done', completed, ...spec.source } });
}

export function steadyHistory(weeks: number, perWeek: number, lastMonday = '2026-04-06'): ProgramHistory {
  const out: ProgramHistory['throughput'] = [];
  const end = Date.parse(`${lastMonday}T00:00:00Z`);
  for (let i = weeks - 1; i >= 0; i--) {
    out.push({ weekStart: new Date(end - i * 7 * 86_400_000).toISOString().slice(0, 10), done: perWeek });
  }
  return { throughput: out, scores: [] };
}

export type InputSpec = Partial<Omit<EvaluationInput, 'now'>> & { now: string };

export function input(over: InputSpec): EvaluationInput {
  return {
    program: over.program ?? makeProgram(),
    items: over.items ?? [],
    history: over.history ?? { throughput: [], scores: [] },
    escalations: over.escalations ?? [],
    now: new Date(over.now),
  };
}
