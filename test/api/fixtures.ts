/**
 * Two programs evaluated by the real engine and written through the real store: an EHR go-live with an overdue
 * HIPAA risk analysis (SRA) and a slipping integrated-testing milestone, and a PACS upgrade in good health.
 * Score history comes from evaluating at earlier times, so trends and sparklines have real points.
 */
import type { Redis } from 'ioredis';
import { evaluateProgram } from '../../src/health';
import type { Program, SourceItem, WorkItem } from '../../src/model';
import { createStore, type Store } from '../../src/store';
import { done, makeProgram, steadyHistory, wi } from '../health/fixtures';
import type { ProgramCatalog } from '../../src/api/ports';

export const NOW = '2026-10-20T14:00:00.000Z';

export function ehrProgram(): Program {
  const p = makeProgram({ id: 'ehr-golive', name: 'St. Elsewhere EHR go-live' });
  p.milestones = [
    { id: 'm-design-exit', name: 'Design exit', kind: 'phase_exit', baseline: '2026-05-22', phase: 'design' },
    { id: 'm-integrated-testing', name: 'Integrated testing complete', kind: 'phase_exit', baseline: '2026-10-09', phase: 'testing' },
    { id: 'm-golive', name: 'Go-live', kind: 'golive', baseline: '2026-11-16', phase: 'golive' },
  ];
  return p;
}

const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function pacsProgram(): Program {
  const base = makeProgram({ id: 'pacs-upgrade', name: 'Radiology PACS upgrade' });
  const s = 200;
  return {
    ...base,
    start: shift(base.start, s),
    phases: base.phases.map((ph) => ({ ...ph, start: shift(ph.start, s), end: shift(ph.end, s) })),
    milestones: base.milestones.map((m) => ({ ...m, baseline: shift(m.baseline, s) })),
    gates: base.gates.filter((g) => g.id !== 'breach-readiness'),
  };
}

function ehrItems(program: string): WorkItem[] {
  const items: WorkItem[] = [
    wi({ key: 'EHR-101', program, kind: 'compliance', gate: 'hipaa-sra', phase: 'training', source: { due: '2026-10-05', labels: ['hipaa'] } }),
    done({ key: 'EHR-102', program, kind: 'compliance', gate: 'hipaa-baa', phase: 'design' }, '2026-03-10T15:00:00Z'),
    done({ key: 'EHR-103', program, kind: 'compliance', gate: 'vendor-assurance', phase: 'build' }, '2026-05-10T15:00:00Z'),
    done({ key: 'EHR-104', program, kind: 'signoff', signoff: 'cmio-design', phase: 'design', source: { approvalStatus: 'approved' } }, '2026-05-12T15:00:00Z'),
    wi({ key: 'EHR-105', program, kind: 'signoff', signoff: 'pharmacy-build', phase: 'build', status: 'in_progress', source: { statusCategory: 'in_progress', approvalStatus: 'pending' } }),
    wi({ key: '1205550001', program, kind: 'signoff', signoff: 'sponsor-golive', phase: 'golive', source: { tool: 'asana', instance: 'asana-main', type: 'approval', approvalStatus: 'pending', url: 'https://app.asana.com/0/1/1205550001' } }),
  ];
  for (let i = 0; i < 40; i++) {
    const key = `EHR-${200 + i}`;
    const spec = { key, program, phase: 'testing', milestone: 'm-integrated-testing', source: { due: '2026-10-02' } };
    items.push(i < 12 ? done(spec, '2026-09-20T15:00:00Z') : wi(i % 3 === 0 ? { ...spec, status: 'in_progress', source: { ...spec.source, statusCategory: 'in_progress' } } : spec));
  }
  for (let i = 0; i < 20; i++) items.push(wi({ key: `EHR-${300 + i}`, program, phase: 'golive', milestone: 'm-golive', source: { due: '2026-11-10' } }));
  return items;
}

function pacsItems(program: string): WorkItem[] {
  const items: WorkItem[] = [
    done({ key: 'PACS-1', program, kind: 'compliance', gate: 'hipaa-baa', phase: 'design' }, '2026-09-01T15:00:00Z'),
    wi({ key: 'PACS-2', program, kind: 'compliance', gate: 'vendor-assurance', phase: 'build', status: 'in_progress', source: { statusCategory: 'in_progress', due: '2026-12-01' } }),
    wi({ key: 'PACS-3', program, kind: 'compliance', gate: 'hipaa-sra', phase: 'training', source: { due: '2027-04-20' } }),
  ];
  for (let i = 0; i < 30; i++) {
    const spec = { key: `PACS-${10 + i}`, program, phase: 'planning', milestone: 'm-design-exit', source: { due: '2026-12-01' } };
    items.push(i < 20 ? done(spec, '2026-10-10T15:00:00Z') : wi(spec));
  }
  return items;
}

export interface Seeded {
  store: Store;
  programs: Program[];
  catalog: ProgramCatalog;
}

/** Evaluates both programs at NOW-21d, -14d, -7d and NOW and stores each snapshot, plus the items per source. */
export async function seedTwoPrograms(redis: Redis, prefix: string, now = NOW): Promise<Seeded> {
  const store = createStore(redis, { prefix });
  const programs = [ehrProgram(), pacsProgram()];
  const itemSets = [ehrItems('ehr-golive'), pacsItems('pacs-upgrade')];
  for (const [i, program] of programs.entries()) {
    const items = itemSets[i] as WorkItem[];
    for (const back of [21, 14, 7, 0]) {
      const at = new Date(Date.parse(now) - back * 86_400_000);
      const throughput = steadyHistory(8, 3, '2026-10-12').throughput.map((w, k) => ({ ...w, done: [1, 5, 2, 6, 0, 4, 2, 5][k] ?? 3 }));
      const history = { throughput, scores: (await store.state.getHistory(program.id)).scores };
      const evaluation = evaluateProgram({ program, items, history, escalations: await store.state.getEscalations(program.id), now: at });
      await store.state.saveSnapshot(evaluation);
    }
    const bySource = new Map<string, SourceItem[]>();
    for (const w of items) bySource.set(w.source.instance, [...(bySource.get(w.source.instance) ?? []), w.source]);
    for (const [source, list] of bySource) await store.items.savePage(`${program.id}-${source}`, list, null);
  }
  return { store, programs, catalog: catalogOf(programs) };
}

export function catalogOf(programs: Program[]): ProgramCatalog {
  return {
    list: () => programs,
    get: (id) => programs.find((p) => p.id === id) ?? null,
    sources: (id) => (id === 'ehr-golive' ? ['ehr-golive-main', 'ehr-golive-asana-main'] : id === 'pacs-upgrade' ? ['pacs-upgrade-main'] : []),
    sourceKind: (s) => (s === 'jira-main' ? 'jira' : s === 'asana-main' ? 'asana' : null),
  };
}
