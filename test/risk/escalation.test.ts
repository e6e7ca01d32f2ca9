import { evaluateProgram } from '../../src/health';
import type { EscalationRecord, Program } from '../../src/model';
import { addDays } from '../../src/risk/business-calendar';
import { input, makeProgram, wi } from '../health/fixtures';

/** One statutory gate `g` due on `due` (it blocks phase p2 starting that day), fed by one open compliance item. */
function gateProgram(due: string, over: { calendarDays?: boolean; freeze?: Program['calendar']['freezeWindows'] } = {}): Program {
  const base = makeProgram();
  return makeProgram({
    calendar: { ...base.calendar, freezeWindows: over.freeze ?? base.calendar.freezeWindows },
    phases: [
      { id: 'p1', name: 'P1', order: 1, start: '2026-01-05', end: addDays(due, -1) },
      { id: 'p2', name: 'P2', order: 2, start: due, end: '2027-06-30' },
    ],
    milestones: [],
    signoffs: [],
    gates: [{
      id: 'g', name: 'G', regulation: 'HIPAA', citation: 'x', ownerRole: 'ciso', blocksPhase: 'p2',
      leadTimeDays: 28, bufferDays: 0, class: 'statutory', calendarDays: over.calendarDays ?? false,
    }],
  });
}

const gateItem = (status: 'todo' | 'done' = 'todo') =>
  wi({ key: 'C-1', kind: 'compliance', gate: 'g', phase: 'p1', status, source: { due: null, statusCategory: status } });

function esc(program: Program, now: string, records: EscalationRecord[] = [], status: 'todo' | 'done' = 'todo') {
  const r = evaluateProgram(input({ program, now, items: [gateItem(status)], escalations: records }));
  const e = r.escalations.find((x) => x.subject === 'g');
  if (!e) throw new Error('no escalation for g');
  return e;
}

const record = (over: Partial<EscalationRecord>): EscalationRecord => ({
  subject: 'g', fired: [], acknowledged: null, snoozed: null, paused: null, ...over,
});

describe('escalation clock: levels in business days', () => {
  it.each([
    // [case, due, now (instant), expected level, business days overdue]
    ['weekend: day 0 on Saturday', '2026-04-10', '2026-04-11T16:00:00Z', 'L2', 0],
    ['weekend: Tuesday is business day 2', '2026-04-10', '2026-04-14T16:00:00Z', 'L2', 2],
    ['weekend: Wednesday is business day 3', '2026-04-10', '2026-04-15T16:00:00Z', 'L3', 3],
    ['holiday: Memorial Day does not count', '2026-05-22', '2026-05-27T16:00:00Z', 'L2', 2],
    ['holiday: Thursday reaches +3', '2026-05-22', '2026-05-28T16:00:00Z', 'L3', 3],
    ['DST March: 00:30 EDT on day +3', '2026-03-06', '2026-03-11T04:30:00Z', 'L3', 3],
    ['DST March: 23:30 EDT the day before', '2026-03-06', '2026-03-11T03:30:00Z', 'L2', 2],
    ['DST November: 00:00 EST on day +3', '2026-10-30', '2026-11-04T05:00:00Z', 'L3', 3],
    ['DST November: 23:30 EST the day before', '2026-10-30', '2026-11-04T04:30:00Z', 'L2', 2],
    ['+7 business days', '2026-04-10', '2026-04-21T16:00:00Z', 'L4', 7],
    ['+14 business days', '2026-04-10', '2026-04-30T16:00:00Z', 'L5', 14],
  ])('%s', (_c, due, now, level, overdue) => {
    const e = esc(gateProgram(due), now);
    expect(e.level).toBe(level);
    expect(e.businessDaysOverdue).toBe(overdue);
    expect(e.status).toBe('active');
  });

  it('does not count a change-freeze window', () => {
    const p = gateProgram('2026-06-12', { freeze: [{ start: '2026-06-15', end: '2026-06-17', reason: 'cutover' }] });
    expect(esc(p, '2026-06-19T16:00:00Z').level).toBe('L2');
    expect(esc(p, '2026-06-22T16:00:00Z').level).toBe('L3');
  });

  it('counts calendar days for calendarDays gates', () => {
    const e = esc(gateProgram('2026-04-10', { calendarDays: true }), '2026-04-13T16:00:00Z');
    expect(e.level).toBe('L3');
    expect(e.businessDaysOverdue).toBe(3);
  });

  it('fires pre-due reminders at 50 % and 75 % of the lead window, and before_due', () => {
    const p = gateProgram('2026-04-10');
    // window 2026-03-13 .. 2026-04-10 = 20 business days; 50 % = 10 bd → 2026-03-27.
    expect(esc(p, '2026-03-27T16:00:00Z').fire.map((f) => f.level)).toEqual(['L0']);
    expect(esc(p, '2026-04-08T16:00:00Z').fire.map((f) => f.level)).toEqual(['L0', 'L1']);
  });
});

describe('escalation clock: state machine', () => {
  const p = gateProgram('2026-04-10');
  const now = '2026-04-21T16:00:00Z'; // +7 business days

  it('fires every reached post-due level once, skipping stale pre-due reminders', () => {
    const e = esc(p, now);
    expect(e.fire.map((f) => f.level)).toEqual(['L2', 'L3', 'L4']);
    const again = esc(p, now, [record({ fired: e.fire.map((f) => ({ level: f.level, due: e.due })) })]);
    expect(again.fire).toEqual([]);
  });

  it('a changed due date re-arms the ladder', () => {
    const fired = ['L2', 'L3', 'L4'].map((level) => ({ level, due: '2026-03-20' }));
    const e = esc(p, now, [record({ fired })]);
    expect(e.fire.map((f) => f.level)).toEqual(['L2', 'L3', 'L4']);
    expect(new Set(e.fire.map((f) => f.fingerprint)).size).toBe(3);
  });

  it('acknowledge stops repeats at that level but not higher levels', () => {
    const ack = record({ acknowledged: { level: 'L3', by: 'ciso', note: 'on it', at: '2026-04-16T12:00:00Z' } });
    const atL3 = esc(p, '2026-04-16T16:00:00Z', [ack]);
    expect(atL3.status).toBe('acknowledged');
    expect(atL3.fire).toEqual([]);
    const atL4 = esc(p, now, [ack]);
    expect(atL4.status).toBe('active');
    expect(atL4.fire.map((f) => f.level)).toEqual(['L4']);
  });

  it('snooze holds until its expiry', () => {
    const snooze = record({ snoozed: { until: '2026-04-22T00:00:00Z', reason: 'vendor call', by: 'pmo' } });
    expect(esc(p, now, [snooze])).toMatchObject({ status: 'snoozed', fire: [] });
    expect(esc(p, '2026-04-22T16:00:00Z', [snooze]).status).toBe('active');
  });

  it('pause freezes the clock for at most maxPauseDays', () => {
    const pause = record({ paused: { since: '2026-04-14T12:00:00Z', reason: 'waiting on vendor' } });
    const within = esc(p, '2026-04-24T16:00:00Z', [pause]);
    expect(within).toMatchObject({ status: 'paused', fire: [], businessDaysOverdue: 2, level: 'L2' });
    // 2026-05-05 is 21 days after the pause: the clock runs again, 14 days behind: 2026-04-21 → +7.
    const after = esc(p, '2026-05-05T16:00:00Z', [pause]);
    expect(after.status).toBe('active');
    expect(after.level).toBe('L4');
  });

  it('done closes; re-opened work resumes the original clock', () => {
    const fired = record({ fired: [{ level: 'L2', due: '2026-04-10' }, { level: 'L3', due: '2026-04-10' }] });
    expect(esc(p, now, [fired], 'done')).toMatchObject({ status: 'closed', fire: [] });
    const reopened = esc(p, now, [fired], 'todo');
    expect(reopened.status).toBe('active');
    expect(reopened.due).toBe('2026-04-10');
    expect(reopened.fire.map((f) => f.level)).toEqual(['L4']);
  });

  it('escalates a compliance item not tied to a gate on its own due date', () => {
    const item = wi({ key: 'C-9', kind: 'compliance', source: { due: '2026-04-10' } });
    const r = evaluateProgram(input({ program: p, now: '2026-04-15T16:00:00Z', items: [gateItem(), item] }));
    const e = r.escalations.find((x) => x.subject === item.uid);
    expect(e).toMatchObject({ level: 'L3', businessDaysOverdue: 3 });
  });
});
