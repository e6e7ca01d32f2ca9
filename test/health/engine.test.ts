import { evaluateProgram } from '../../src/health';
import { stableStringify } from '../../src/health/stable-json';
import { done, input, makeProgram, steadyHistory, wi } from './fixtures';

const NOW = '2026-04-10T16:00:00Z';

describe('health score', () => {
  it('renormalises weights without a budget and adds the budget component with one', () => {
    const plain = evaluateProgram(input({ now: NOW }));
    expect(plain.components.map((c) => c.id)).toEqual(['schedule', 'compliance', 'clinical', 'flow', 'hygiene']);
    const withBudget = evaluateProgram(input({ now: NOW, program: makeProgram({ budget: { currency: 'USD', bac: 1000, eac: 1100, actualCost: null } }) }));
    const budget = withBudget.components.find((c) => c.id === 'budget');
    expect(budget?.score).toBe(60);
    expect(budget?.deductions[0]?.reason).toContain('10% over budget');
  });

  it('explains deductions with the items and their links', () => {
    const r = evaluateProgram(input({ now: NOW, items: [wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa', source: { due: '2026-03-25' } })] }));
    const compliance = r.components.find((c) => c.id === 'compliance');
    expect(compliance?.score).toBeLessThan(100);
    expect(compliance?.deductions[0]).toMatchObject({ items: [{ key: 'B-1', url: 'https://example.test/jira/B-1' }] });
    expect(compliance?.deductions[0]?.reason).toContain('hipaa-baa overdue');
  });

  it('shows computed and overridden RAG while the override lasts, and ignores it after expiry', () => {
    const override = { rag: 'green' as const, reason: 'vendor fix agreed', by: 'pmo', expires: '2026-04-30' };
    const items = [wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa' })];
    const live = evaluateProgram(input({ now: NOW, items, program: makeProgram({ override }) }));
    expect(live).toMatchObject({ computedRag: 'red', rag: 'green', override });
    const expired = evaluateProgram(input({ now: '2026-05-01T16:00:00Z', items, program: makeProgram({ override }) }));
    expect(expired).toMatchObject({ computedRag: 'red', rag: 'red', override: null });
  });

  it('flags low confidence when hygiene is poor', () => {
    const items = Array.from({ length: 5 }, (_, i) => wi({ key: `U-${i}`, phase: null, source: { assignee: null } }));
    expect(evaluateProgram(input({ now: NOW, items })).lowConfidence).toBe(true);
    expect(evaluateProgram(input({ now: NOW, items: [wi({ key: 'OK-1' })] })).lowConfidence).toBe(false);
  });
});

describe('gates, sign-offs and phases', () => {
  it('derives due and window from the blocked phase, buffer and lead time', () => {
    const r = evaluateProgram(input({ now: '2026-03-01T16:00:00Z' }));
    expect(r.gates.find((g) => g.id === 'hipaa-baa')).toMatchObject({ due: '2026-03-25', windowStart: '2026-02-25', owner: 'privacy_officer', state: 'not_started' });
  });

  it.each([
    ['not started before its window', '2026-02-01T16:00:00Z', 'todo', 'not_started'],
    ['in progress in its window', '2026-03-02T16:00:00Z', 'in_progress', 'in_progress'],
    ['at risk when not started at half the window', '2026-03-12T16:00:00Z', 'todo', 'at_risk'],
    ['overdue after the due date', '2026-03-26T16:00:00Z', 'in_progress', 'overdue'],
    ['done', '2026-03-26T16:00:00Z', 'done', 'done'],
  ] as const)('gate is %s', (_n, now, status, state) => {
    const r = evaluateProgram(input({ now, items: [wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa', status })] }));
    expect(r.gates.find((g) => g.id === 'hipaa-baa')?.state).toBe(state);
  });

  it('a phase is ready only when all its gates and sign-offs are done', () => {
    const items = [done({ key: 'V-1', kind: 'compliance', gate: 'vendor-assurance' }), wi({ key: 'S-1', kind: 'signoff', signoff: 'cmio-design' })];
    const build = () => evaluateProgram(input({ now: NOW, items })).phases.find((p) => p.id === 'build');
    expect(build()).toEqual({ id: 'build', ready: false, blockers: ['signoff:cmio-design'] });
    items[1] = done({ key: 'S-1', kind: 'signoff', signoff: 'cmio-design', source: { approvalStatus: 'approved' } });
    expect(build()).toEqual({ id: 'build', ready: true, blockers: [] });
    items[1] = done({ key: 'S-1', kind: 'signoff', signoff: 'cmio-design', source: { approvalStatus: 'changes_requested' } });
    expect(build()?.ready).toBe(false);
  });
});

describe('forecast and earned value', () => {
  const items = Array.from({ length: 30 }, (_, i) => wi({ key: `W-${i}`, phase: 'design' }));

  it('replays the same Monte Carlo P50/P85 for the same inputs', () => {
    const a = evaluateProgram(input({ now: NOW, items, history: steadyHistory(12, 4) }));
    const b = evaluateProgram(input({ now: NOW, items: [...items].reverse(), history: steadyHistory(12, 4) }));
    const f = a.forecasts[0];
    expect(f).toMatchObject({ milestone: 'm-design-exit', method: 'monte_carlo', remainingItems: 30 });
    // 30 items at a steady 4/week: exactly 8 weeks in every trial.
    expect(f?.p50).toBe('2026-06-05');
    expect(f?.p85).toBe('2026-06-05');
    expect(f?.slipDays).toBe(14);
    expect(b.forecasts).toEqual(a.forecasts);
  });

  it('varies with variable throughput, P85 at or after P50', () => {
    const history = { throughput: [0, 2, 9, 1, 5, 0, 7, 3, 4, 6, 2, 8].map((done, i) => ({ weekStart: new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10), done })), scores: [] };
    const f = evaluateProgram(input({ now: NOW, items, history })).forecasts[0];
    expect(f?.method).toBe('monte_carlo');
    expect(f && f.p50 && f.p85 && f.p85 >= f.p50).toBe(true);
  });

  it('falls back to the due date under 4 weeks of history', () => {
    const f = evaluateProgram(input({ now: NOW, items, history: steadyHistory(3, 4, '2026-03-30') })).forecasts[0];
    expect(f).toMatchObject({ method: 'due_date', p50: null, p85: null, slipDays: 0 });
    expect(f?.note).toContain('no forecast');
  });

  it('computes schedule-only SPI and, with actuals, CPI', () => {
    const mixed = [...items.slice(0, 10).map((it) => done({ key: it.source.key, phase: 'design' })), ...items.slice(10)];
    const program = makeProgram({ budget: { currency: 'USD', bac: 1_000_000, eac: null, actualCost: 400_000 } });
    const ev = evaluateProgram(input({ now: NOW, items: mixed, program })).earnedValue;
    // Only the design milestone has tracked work: EV = 1/3 of BAC; PV = (2026-04-10 − 2026-01-05) / (2026-05-22 − 2026-01-05).
    expect(ev.ev).toBeCloseTo(333_333.33, 1);
    expect(ev.pv).toBeCloseTo((95 / 137) * 1_000_000, 0);
    expect(ev.spi).toBeCloseTo(0.481, 3);
    expect(ev.cpi).toBeCloseTo(0.833, 3);
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same input in any item order', () => {
    const items = [
      wi({ key: 'B-1', kind: 'compliance', gate: 'hipaa-baa', source: { assignee: null } }),
      wi({ key: 'A-9', status: 'in_progress', source: { blockedBy: [{ tool: 'asana', instance: 'ws', key: '7' }] } }),
      done({ key: 'C-3' }),
      wi({ key: '7', source: { tool: 'asana', instance: 'ws' } }),
    ];
    const a = stableStringify(evaluateProgram(input({ now: NOW, items, history: steadyHistory(12, 2) })));
    const b = stableStringify(evaluateProgram(input({ now: NOW, items: [...items].reverse(), history: steadyHistory(12, 2) })));
    expect(a).toBe(b);
  });
});
