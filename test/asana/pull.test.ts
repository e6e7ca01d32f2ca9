/** Pull against the sandbox through the real asana client: mapping, 412 fallback, faults. */
import { seedHealthcareProgram, startAsanaSandbox, type AsanaSandbox, type SeededProgram } from '../../connectors/asana/sandbox';
import { connectorFor, drain, testClock, type TestClock } from './helpers';

let sb: AsanaSandbox;
let clock: TestClock;
let seeded: SeededProgram;
let projects: string[];

beforeAll(async () => {
  clock = testClock();
  sb = await startAsanaSandbox({ clock });
  seeded = seedHealthcareProgram(sb, { seed: 3, programs: ['EHR go-live', 'PACS upgrade'], projectsPerProgram: 2, tasksPerProject: 120, subtaskEvery: 10 });
  projects = seeded.projects.map((p) => p.gid);
});
afterAll(() => sb.close());

describe('asana pull', () => {
  it('maps sections, tags, custom fields, milestones, approvals, dependencies and Jira blockers', async () => {
    const blocker = sb.addTask({ project: projects[0], name: 'Interface engine ready', section: 'Build', customFields: { 'Jira blocker': 'EHR-12, EHR-40' } });
    sb.updateTask(seeded.approvals[0] as string, { dependencies: [blocker.gid] });
    const c = connectorFor(sb, clock, projects, { crossToolField: 'Jira blocker' });
    const { items } = await drain(c, null, clock());
    const byKey = new Map(items.map((i) => [i.key, i]));
    const approval = byKey.get(seeded.approvals[0] as string);
    expect(approval).toMatchObject({ type: 'approval', section: 'Test', tool: 'asana', instance: 'asana-main' });
    expect(['pending', 'approved', 'changes_requested']).toContain(approval?.approvalStatus);
    expect(approval?.customFields['Sign-off role']).toMatch(/^(cmio|cnio|pharmacy|lab|radiology)$/);
    expect(approval?.blockedBy).toEqual([{ tool: 'asana', instance: 'asana-main', key: blocker.gid }]);
    expect(byKey.get(blocker.gid)?.blockedBy).toEqual([{ tool: 'jira', instance: '', key: 'EHR-12' }, { tool: 'jira', instance: '', key: 'EHR-40' }]);
    const gate = byKey.get(seeded.compliance[0] as string);
    expect(gate?.tags).toContain('gate:hipaa-baa');
    expect(byKey.get(seeded.milestones[0] as string)?.type).toBe('milestone');
    expect(byKey.get(seeded.milestones[0] as string)?.statusCategory).toBe('done');
    // Subtasks are left out unless configured.
    expect(items.some((i) => i.parent !== null)).toBe(false);
  });

  it('includes subtasks, with their parent, when configured', async () => {
    const c = connectorFor(sb, clock, projects, { includeSubtasks: true });
    const { items } = await drain(c, null, clock());
    const subs = items.filter((i) => i.parent !== null);
    expect(subs.length).toBe(4 * 12);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    expect((await c.listIds()).keys.length).toBe(items.length);
  });

  it('an expired sync token (412) falls back to a modified_since pass and loses nothing', async () => {
    const c = connectorFor(sb, clock, projects);
    clock.advance(3600_000);
    let { cursor } = await drain(c, null, clock());
    const target = seeded.tasks[5] as string;
    clock.advance(25 * 3600_000);
    sb.updateTask(target, { section: 'Go-live' });
    const before = c.requestCount();
    const out = await drain(c, cursor, clock());
    cursor = out.cursor;
    expect(out.items.map((i) => i.key)).toContain(target);
    expect(out.items.find((i) => i.key === target)?.section).toBe('Go-live');
    // The fallback only walks what changed since the watermark, not all 500+ tasks.
    expect(out.items.length).toBeLessThan(10);
    // Per project: the events call (412), then one modified_since page.
    expect(c.requestCount() - before).toBe(projects.length * 2);
    const quiet = await drain(c, cursor, clock());
    expect(quiet.items).toEqual([]);
  });

  it('survives 412, injected 429s and 5xx with no task lost or duplicated', async () => {
    const c = connectorFor(sb, clock, projects);
    sb.faults.set({ rate429: 0.15, rate5xx: 0.1, retryAfterSec: 2 });
    try {
      const first = await drain(c, null, clock());
      const keys = first.items.map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(sb.state.tasks.size - [...sb.state.tasks.values()].filter((t) => t.parent).length);
      const changed = seeded.tasks.slice(20, 60).filter((g) => !sb.state.tasks.get(g)?.parent);
      for (const g of changed) sb.updateTask(g, { dueOn: '2026-06-01' });
      const next = await drain(c, first.cursor, clock());
      expect(next.items.map((i) => i.key).sort()).toEqual([...changed].sort());
      expect(sb.faults.stats.rateLimited + sb.faults.stats.serverErrors).toBeGreaterThan(5);
    } finally {
      sb.faults.reset();
    }
  });

  it('discards a cursor built for another project list', async () => {
    const c = connectorFor(sb, clock, projects);
    const { cursor } = await drain(c, null, clock());
    const other = connectorFor(sb, clock, projects.slice(0, 1));
    const page = await other.pull(cursor, { now: clock() });
    expect(page.items.length).toBeGreaterThan(100);
  });
});
