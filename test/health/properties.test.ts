import fc from 'fast-check';
import { evaluateProgram } from '../../src/health';
import { stableStringify } from '../../src/health/stable-json';
import type { WorkItem } from '../../src/model';
import { fingerprint } from '../../src/risk/fingerprint';
import { input as baseInput, makeProgram, steadyHistory, wi } from './fixtures';

const NOW = '2026-04-10T16:00:00Z';
const PHASES = ['design', 'build', 'testing', 'golive', null] as const;
const KINDS = ['task', 'compliance', 'signoff', 'defect', 'milestone'] as const;
const STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;

const itemArb = fc.record({
  n: fc.integer({ min: 0, max: 10_000 }),
  phase: fc.constantFrom(...PHASES),
  kind: fc.constantFrom(...KINDS),
  status: fc.constantFrom(...STATUSES),
  gate: fc.constantFrom('hipaa-baa', 'hipaa-sra', 'vendor-assurance', null),
  signoff: fc.constantFrom('cmio-design', 'sponsor-golive', null),
  milestone: fc.constantFrom('m-design-exit', 'm-golive', 'ghost', null),
  severity: fc.constantFrom('sev1', 'sev2', 'sev3', null),
  assigned: fc.boolean(),
  updatedDay: fc.integer({ min: 1, max: 99 }),
  blocked: fc.boolean(),
  tool: fc.constantFrom('jira', 'asana'),
  approval: fc.constantFrom('approved', 'rejected', null),
});

type Gen = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function toItem(g: Gen, i: number): WorkItem {
  const updated = new Date(Date.UTC(2026, 0, g.updatedDay)).toISOString();
  return wi({
    key: `K-${i}-${g.n}`,
    phase: g.phase,
    kind: g.kind,
    status: g.status,
    gate: g.gate,
    signoff: g.signoff,
    milestone: g.milestone,
    severity: g.kind === 'defect' ? g.severity : null,
    goLiveBlocking: g.severity === 'sev1',
    source: {
      tool: g.tool,
      assignee: g.assigned ? 'acct' : null,
      statusCategory: g.status === 'cancelled' ? 'done' : g.status,
      updated,
      completed: g.status === 'done' ? updated : null,
      approvalStatus: g.approval,
      blockedBy: g.blocked ? [{ tool: g.tool === 'jira' ? 'asana' : 'jira', instance: 'main', key: `K-0-${g.n}` }] : [],
    },
  });
}

const itemsArb = fc.array(itemArb, { maxLength: 40 }).map((gs) => gs.map(toItem));
const history = steadyHistory(12, 3);
// The properties are not about the Monte Carlo: fewer trials keep the file fast.
const base = makeProgram();
const program = makeProgram({ thresholds: { ...base.thresholds, forecastTrials: 200 } });
const input = (over: Parameters<typeof baseInput>[0]) => baseInput({ program, ...over });

describe('engine properties', () => {
  it('score stays within 0–100 (and every component too)', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 0, max: 400 }), (items, day) => {
        const now = new Date(Date.UTC(2026, 0, 5 + day, 15)).toISOString();
        const r = evaluateProgram(input({ now, items, history }));
        return r.score >= 0 && r.score <= 100 && r.components.every((c) => c.score >= 0 && c.score <= 100);
      }),
      { numRuns: 150 },
    );
  });

  it('item order does not change the result', () => {
    fc.assert(
      fc.property(itemsArb.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))), ([items, shuffled]) => {
        const a = stableStringify(evaluateProgram(input({ now: NOW, items, history })));
        const b = stableStringify(evaluateProgram(input({ now: NOW, items: shuffled, history })));
        return a === b;
      }),
      { numRuns: 100 },
    );
  });

  it('finishing an overdue gate never lowers the score', () => {
    fc.assert(
      fc.property(itemsArb, (others) => {
        const rest = others.filter((it) => it.gate !== 'hipaa-baa');
        const open = wi({ key: 'BAA-1', kind: 'compliance', gate: 'hipaa-baa', phase: 'planning' });
        const finished = wi({ key: 'BAA-1', kind: 'compliance', gate: 'hipaa-baa', phase: 'planning', status: 'done', source: { statusCategory: 'done', completed: '2026-04-09T15:00:00Z' } });
        const before = evaluateProgram(input({ now: NOW, items: [...rest, open], history }));
        const after = evaluateProgram(input({ now: NOW, items: [...rest, finished], history }));
        expect(before.gates.find((g) => g.id === 'hipaa-baa')?.state).toBe('overdue');
        return after.score >= before.score;
      }),
      { numRuns: 150 },
    );
  });

  it('fingerprints are stable: a pure function of type, subject and window', () => {
    // Pinned value: a change here would re-send every write-back already made.
    expect(fingerprint('gate_overdue', 'hipaa-baa', '2026-03-25')).toBe('0ca5221eea18f29a');
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (t, s, w) => {
        const f = fingerprint(t, s, w);
        return /^[0-9a-f]{16}$/.test(f) && f === fingerprint(t, s, w) && (w === `${w}x` || f !== fingerprint(t, s, `${w}x`));
      }),
    );
    fc.assert(
      fc.property(itemsArb, (items) => {
        const a = evaluateProgram(input({ now: NOW, items, history })).risks.map((r) => r.fingerprint);
        const b = evaluateProgram(input({ now: NOW, items: [...items].reverse(), history })).risks.map((r) => r.fingerprint);
        return stableStringify(a) === stableStringify(b);
      }),
      { numRuns: 50 },
    );
  });
});
