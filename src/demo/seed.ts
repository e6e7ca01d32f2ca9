/**
 * The demo world, seeded into both sandboxes at a pinned "now" (a Wednesday in November 2026):
 * - EHR go-live (Jira EHR + Asana "EHR compliance"): the HIPAA security risk analysis is overdue, and integrated
 *   testing (IVT) is slipping: many open test cycles, slow throughput, the milestone close.
 * - PACS upgrade (Jira PACS + Asana "PACS readiness"): on track, gates done, steady throughput.
 * Titles are ordinary work titles; nothing here is real patient data.
 */
import type { AsanaSandbox } from '../../connectors/asana/sandbox';
import type { JiraSandbox } from '../../connectors/jira/sandbox/server';

export const DEMO_NOW = '2026-11-18T15:00:00.000Z';
const DAY = 86_400_000;
const now = Date.parse(DEMO_NOW);
const at = (daysAgo: number): number => now - daysAgo * DAY;
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface DemoSeed {
  asanaProjects: { ehr: string; pacs: string };
  jiraKeys: string[];
  asanaTasks: string[];
  /** The overdue HIPAA SRA item in Jira. */
  sraKey: string;
}

function seedJira(j: JiraSandbox): { keys: string[]; sraKey: string } {
  const keys: string[] = [];
  const add = (f: Parameters<JiraSandbox['addIssue']>[0]): string => {
    const issue = j.addIssue(f);
    keys.push(issue.key);
    return issue.key;
  };
  const done = (created: number, resolved: number) => ({ status: 'Done', category: 'done' as const, created, updated: resolved, resolutiondate: resolved, resolution: 'Done' });
  const open = (created: number, status = 'In Progress') => ({ status, category: status === 'To Do' ? ('new' as const) : ('indeterminate' as const), created, updated: Math.max(created + DAY, at(3)), resolutiondate: null, resolution: null });

  // EHR: build work done over the past weeks (throughput history), IVT cycles mostly open, SRA overdue.
  const buildEpic = add({ project: 'EHR', summary: 'Phase: build', issuetype: 'Epic', labels: ['build'], ...done(at(140), at(12)) });
  for (let i = 0; i < 24; i += 1) {
    add({ project: 'EHR', summary: `Build order set ${i + 1}`, issuetype: 'Task', labels: ['build'], parent: buildEpic, duedate: ymd(at(10)), ...done(at(120), at(84 - i * 3)) });
  }
  const ivtEpic = add({ project: 'EHR', summary: 'Phase: integrated testing', issuetype: 'Epic', labels: ['ivt'], ...open(at(60)) });
  for (let i = 0; i < 30; i += 1) {
    const state = i < 4 ? done(at(50), at(40 - i * 6)) : open(at(50), i % 3 === 0 ? 'In Progress' : 'To Do');
    add({ project: 'EHR', summary: `IVT cycle script ${i + 1}`, issuetype: 'Task', labels: ['ivt'], parent: ivtEpic, duedate: '2026-11-25', assignee: '5b10ac8d82e05b22cc7d4e01', ...state });
  }
  const sraKey = add({ project: 'EHR', summary: 'HIPAA security risk analysis for the new EHR', issuetype: 'Task', labels: ['hipaa-sra', 'compliance'], priority: 'High', duedate: '2026-11-09', assignee: '5b10ac8d82e05b22cc7d4e02', ...open(at(70)) });
  add({ project: 'EHR', summary: 'Interface engine drops ADT A08 messages', issuetype: 'Bug', labels: ['defect'], priority: 'High', parent: ivtEpic, ...open(at(9)) });

  // PACS: steady delivery, gates closed early, testing on schedule.
  const pacsEpic = add({ project: 'PACS', summary: 'Phase: build', issuetype: 'Epic', labels: ['build'], ...open(at(90)) });
  for (let i = 0; i < 30; i += 1) {
    const state = i < 22 ? done(at(100), at(80 - i * 3.5)) : open(at(40), 'In Progress');
    add({ project: 'PACS', summary: `Configure modality worklist ${i + 1}`, issuetype: 'Task', labels: ['build'], parent: pacsEpic, duedate: '2027-01-15', assignee: '5b10ac8d82e05b22cc7d4e03', ...state });
  }
  add({ project: 'PACS', summary: 'HIPAA security risk analysis for the PACS upgrade', issuetype: 'Task', labels: ['hipaa-sra', 'compliance'], duedate: '2026-12-28', assignee: '5b10ac8d82e05b22cc7d4e04', ...done(at(60), at(20)) });
  return { keys, sraKey };
}

function seedAsana(a: AsanaSandbox): { ehr: string; pacs: string; tasks: string[] } {
  const tasks: string[] = [];
  const ehr = a.addProject('EHR compliance', ['BAA inventory', 'Sign-offs', 'Readiness']);
  const pacs = a.addProject('PACS readiness', ['BAA inventory', 'Sign-offs', 'Readiness']);
  const add = (f: Parameters<AsanaSandbox['addTask']>[0]): void => {
    tasks.push(a.addTask(f).gid);
  };
  for (const vendor of ['interface engine vendor', 'cloud hosting', 'transcription service']) {
    add({ project: ehr, name: `BAA signed: ${vendor}`, section: 'BAA inventory', completed: true, completedAt: new Date(at(150)).toISOString(), dueOn: '2026-04-15', createdAt: new Date(at(200)).toISOString() });
    add({ project: pacs, name: `BAA signed: ${vendor}`, section: 'BAA inventory', completed: true, completedAt: new Date(at(165)).toISOString(), dueOn: '2026-07-01', createdAt: new Date(at(180)).toISOString() });
  }
  add({ project: pacs, name: 'Vendor SOC 2 Type II report reviewed', section: 'BAA inventory', tags: ['soc2'], completed: true, completedAt: new Date(at(170)).toISOString(), dueOn: '2026-06-10', createdAt: new Date(at(200)).toISOString() });
  add({ project: ehr, name: 'CMIO sign-off on order sets', section: 'Sign-offs', subtype: 'approval', approvalStatus: 'approved', completed: true, completedAt: new Date(at(30)).toISOString(), customFields: { 'Sign-off role': 'CMIO' }, dueOn: '2026-07-10', createdAt: new Date(at(200)).toISOString() });
  add({ project: pacs, name: 'Radiology chair sign-off on the imaging order catalog', section: 'Sign-offs', subtype: 'approval', approvalStatus: 'approved', completed: true, completedAt: new Date(at(25)).toISOString(), customFields: { 'Sign-off role': 'Radiology' }, dueOn: '2026-09-01', createdAt: new Date(at(150)).toISOString() });
  add({ project: ehr, name: 'Go-live', subtype: 'milestone', section: 'Readiness', dueOn: '2027-02-01', createdAt: new Date(at(200)).toISOString() });
  add({ project: pacs, name: 'Go-live', subtype: 'milestone', section: 'Readiness', dueOn: '2027-03-01', createdAt: new Date(at(200)).toISOString() });
  return { ehr, pacs, tasks };
}

export function seedDemo(jira: JiraSandbox, asana: AsanaSandbox): DemoSeed {
  const j = seedJira(jira);
  const a = seedAsana(asana);
  return { asanaProjects: { ehr: a.ehr, pacs: a.pacs }, jiraKeys: j.keys, asanaTasks: a.tasks, sraKey: j.sraKey };
}
