import { evaluateProgram } from '../../src/health';
import type { WorkItem } from '../../src/model';
import { done, input, wi } from './fixtures';

const gateDone = (gate: string) => done({ key: `G-${gate}`, kind: 'compliance', gate, phase: 'planning' });
const signDone = (signoff: string) => done({ key: `S-${signoff}`, kind: 'signoff', signoff, phase: 'planning', source: { due: '2026-05-01' } });
const allDoneBut = (skip: string[]): WorkItem[] => [
  ...['hipaa-baa', 'hipaa-sra', 'vendor-assurance', 'breach-readiness'].filter((g) => !skip.includes(g)).map(gateDone),
  ...['cmio-design', 'pharmacy-build', 'sponsor-golive'].filter((s) => !skip.includes(s)).map(signDone),
];

describe.each<[string, string, WorkItem[], string[]]>([
  ['an overdue gate blocking the next phase', '2026-04-10T16:00:00Z', [wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa' }), ...allDoneBut(['hipaa-baa'])], ['overdueGateBlockingNext', 'anyGateOverdue']],
  ['a statutory gate open with go-live in 10 days', '2026-11-06T16:00:00Z', [wi({ key: 'B-1', kind: 'compliance', gate: 'breach-readiness' }), ...allDoneBut(['breach-readiness'])], ['statutoryGateNearGoLive']],
  ['a go/no-go sign-off missing with go-live in 5 days', '2026-11-11T16:00:00Z', allDoneBut(['sponsor-golive']), ['goNoGoSignoffMissing']],
  ['a gate overdue more than 7 days after its phase ended', '2026-06-01T16:00:00Z', [wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa' }), ...allDoneBut(['hipaa-baa'])], ['anyGateOverdue']],
  ['an open go-live-blocking sev1 within 14 days', '2026-11-06T16:00:00Z', [wi({ key: 'D-1', kind: 'defect', severity: 'sev1', goLiveBlocking: true }), ...allDoneBut([])], ['sev1NearGoLive']],
  ['an open sev1 not tagged go-live blocking', '2026-11-06T16:00:00Z', [wi({ key: 'D-1', kind: 'defect', severity: 'sev1' }), ...allDoneBut([])], []],
  ['everything done', '2026-11-06T16:00:00Z', allDoneBut([]), []],
])('cap: %s', (_name, now, items, expected) => {
  it(`applies ${expected.join(', ') || 'no cap'}`, () => {
    const r = evaluateProgram(input({ now, items }));
    expect(r.caps.map((c) => c.id).sort()).toEqual([...expected].sort());
    for (const c of r.caps) {
      expect(r.score).toBeLessThanOrEqual(c.value);
      expect(c.reason.length).toBeGreaterThan(10);
      expect(c.reason).not.toMatch(/Title of/);
    }
    if (expected.some((id) => id !== 'anyGateOverdue')) expect(r.computedRag).toBe('red');
  });
});
