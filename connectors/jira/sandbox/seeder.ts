/**
 * Deterministic healthcare programs for the sandbox: epics per phase, tasks under them, compliance tasks
 * labelled for gates, clinical sign-offs, defects with severities, fix versions as milestones, and dates spread
 * over past weeks so throughput history exists. Same seed + same clock → same program.
 */
import { seededRandom } from '../../sandbox-kit/faults';
import type { JiraSandbox } from './server';
import type { CategoryKey, SandboxIssue, SandboxVersion } from './state';

export const PHASES = ['initiation', 'planning', 'design', 'build', 'testing', 'training', 'go-live', 'stabilization'] as const;

export interface HealthcareProgramSpec {
  projectKey: string;
  name?: string;
  seed?: number;
  /** Weeks each phase lasts (default 3); the program starts `weeksOfHistory` weeks before the sandbox's now. */
  weeksPerPhase?: number;
  weeksOfHistory?: number;
  tasksPerEpic?: number;
  defects?: number;
  /** Put fake PHI-looking strings (names, MRNs, DOBs) into a few titles, for redaction tests. Off by default. */
  includeFakePhi?: boolean;
}

export interface SeededProgram {
  projectKey: string;
  epics: Record<string, string>;
  tasks: string[];
  gates: Record<string, string>;
  signoffs: Record<string, string>;
  defects: string[];
  versions: SandboxVersion[];
  phiKeys: string[];
  keys: string[];
}

const GATES: Array<{ label: string; title: string; phase: (typeof PHASES)[number] }> = [
  { label: 'gate:hipaa-sra', title: 'HIPAA security risk analysis for the new EHR', phase: 'build' },
  { label: 'gate:access-review', title: 'Role-based access review (minimum necessary)', phase: 'testing' },
  { label: 'gate:bcdr-test', title: 'Business continuity / disaster recovery failover test', phase: 'testing' },
  { label: 'gate:downtime-procedures', title: 'Downtime procedures approved and distributed', phase: 'training' },
  { label: 'gate:baa-signed', title: 'Business associate agreements signed with vendors', phase: 'planning' },
];
const SIGNOFFS: Array<{ label: string; title: string; phase: (typeof PHASES)[number] }> = [
  { label: 'signoff:cmio', title: 'CMIO sign-off on clinical order sets', phase: 'testing' },
  { label: 'signoff:cno', title: 'CNO sign-off on nursing documentation build', phase: 'testing' },
  { label: 'signoff:pharmacy', title: 'Pharmacy sign-off on medication formulary', phase: 'training' },
  { label: 'signoff:go-live-readiness', title: 'Go-live readiness sign-off by steering committee', phase: 'go-live' },
];
const WORK = ['Configure', 'Validate', 'Document', 'Build', 'Test', 'Review', 'Migrate', 'Train super users on'];
const THINGS = ['ADT interface', 'order sets', 'MAR workflow', 'lab results interface', 'patient portal enrollment', 'PACS worklist', 'charge capture', 'allergy reconciliation', 'discharge summary template', 'barcode scanning', 'e-prescribing', 'HL7 feed to billing'];
const FAKE_PHI = ['Pt Jane Roe MRN 00482913 DOB 1958-03-14 chart error', 'Call back John Q Sample 555-0142 re: med list', 'SSN 000-12-3456 found in test extract'];
const ASSIGNEES = ['5b10ac8d82e05b22cc7d4e01', '5b10ac8d82e05b22cc7d4e02', '5b10ac8d82e05b22cc7d4e03', '5b10ac8d82e05b22cc7d4e04', null];
const DAY = 86_400_000;
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function seedHealthcareProgram(sandbox: JiraSandbox, spec: HealthcareProgramSpec): SeededProgram {
  const rand = seededRandom(spec.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const nowMs = sandbox.now().getTime();
  const weeksPerPhase = spec.weeksPerPhase ?? 3;
  const start = nowMs - (spec.weeksOfHistory ?? 12) * 7 * DAY;
  const phaseStart = (i: number): number => start + i * weeksPerPhase * 7 * DAY;
  const phaseEnd = (i: number): number => phaseStart(i + 1) - DAY;
  sandbox.state.addProject(spec.projectKey, spec.name ?? `${spec.projectKey} EHR implementation`);
  const out: SeededProgram = { projectKey: spec.projectKey, epics: {}, tasks: [], gates: {}, signoffs: {}, defects: [], versions: [], phiKeys: [], keys: [] };

  const milestones: Array<[string, number]> = [['M1 Design complete', 2], ['M2 Build complete', 3], ['M3 Integrated testing exit', 4], ['Go-Live', 6], ['Stabilization exit', 7]];
  for (const [name, phase] of milestones) {
    const release = phaseEnd(phase);
    out.versions.push(sandbox.addVersion(spec.projectKey, { name, releaseDate: ymd(release), startDate: ymd(phaseStart(phase)), released: release < nowMs, archived: false }));
  }
  const versionFor = (phase: number): string[] => {
    const v = out.versions.find((_, i) => (milestones[i]?.[1] ?? 99) >= phase);
    return v ? [v.id] : [];
  };

  /** Past work is mostly done, current work is mixed, future work waits. */
  const lifecycle = (phase: number): { category: CategoryKey; status: string; created: number; resolved: number | null } => {
    const created = Math.min(nowMs - DAY, phaseStart(phase) - 7 * DAY + rand() * weeksPerPhase * 7 * DAY);
    const end = phaseEnd(phase);
    const doneChance = end < nowMs ? 0.9 : phaseStart(phase) < nowMs ? 0.4 : 0;
    if (rand() < doneChance) {
      const resolved = Math.min(nowMs - 3_600_000, created + (1 + rand() * weeksPerPhase * 7) * DAY);
      return { category: 'done', status: 'Done', created, resolved };
    }
    if (phaseStart(phase) < nowMs && rand() < 0.6) return { category: 'indeterminate', status: pick(['In Progress', 'In Review']), created, resolved: null };
    return { category: 'new', status: 'To Do', created, resolved: null };
  };

  const add = (fields: Parameters<JiraSandbox['addIssue']>[0], phase: number): SandboxIssue => {
    const life = lifecycle(phase);
    const issue = sandbox.addIssue({
      status: life.status,
      category: life.category,
      created: life.created,
      // Last touched somewhere between creation and now (at most 10 days on), so stamps spread like real work.
      updated: life.resolved ?? life.created + rand() * Math.min(10 * DAY, nowMs - 60_000 - life.created),
      resolutiondate: life.resolved,
      resolution: life.resolved ? 'Done' : null,
      assignee: pick(ASSIGNEES),
      duedate: ymd(phaseEnd(phase) - Math.floor(rand() * 5) * DAY),
      fixVersions: versionFor(phase),
      ...fields,
    });
    out.keys.push(issue.key);
    return issue;
  };

  PHASES.forEach((phase, i) => {
    const epic = add({ project: spec.projectKey, summary: `Phase: ${phase}`, issuetype: 'Epic', labels: [`phase:${phase}`], priority: 'High' }, i);
    out.epics[phase] = epic.key;
    for (let t = 0; t < (spec.tasksPerEpic ?? 8); t += 1) {
      const task = add({ project: spec.projectKey, summary: `${pick(WORK)} ${pick(THINGS)}`, issuetype: 'Task', parent: epic.key, labels: [`phase:${phase}`], components: [pick(['Clinical', 'Interfaces', 'Revenue cycle', 'Infrastructure'])] }, i);
      out.tasks.push(task.key);
    }
  });
  for (const gate of GATES) {
    const i = PHASES.indexOf(gate.phase);
    const key = add({ project: spec.projectKey, summary: gate.title, labels: ['compliance', gate.label], parent: out.epics[PHASES[Math.max(0, i - 1)] ?? 'initiation'] ?? null, priority: 'High', duedate: ymd(phaseStart(i) - 7 * DAY) }, Math.max(0, i - 1)).key;
    out.gates[gate.label] = key;
  }
  for (const s of SIGNOFFS) {
    const i = PHASES.indexOf(s.phase);
    out.signoffs[s.label] = add({ project: spec.projectKey, summary: s.title, labels: ['clinical-signoff', s.label], parent: out.epics[s.phase] ?? null, duedate: ymd(phaseStart(i) - 2 * DAY) }, Math.max(0, i - 1)).key;
  }
  const severities: Array<['Highest' | 'High' | 'Medium', string]> = [['Highest', 'sev1'], ['High', 'sev2'], ['Medium', 'sev3']];
  for (let d = 0; d < (spec.defects ?? 12); d += 1) {
    const [priority, sev] = pick(severities);
    const labels = ['defect', sev, ...(sev === 'sev1' || rand() < 0.15 ? ['go-live-blocker'] : [])];
    out.defects.push(add({ project: spec.projectKey, summary: `Defect: ${pick(THINGS)} ${pick(['drops messages', 'shows wrong units', 'times out', 'misfiles results'])}`, issuetype: 'Bug', priority, labels, parent: out.epics.testing ?? null }, 4).key);
  }
  if (spec.includeFakePhi) {
    for (const [n, text] of FAKE_PHI.entries()) {
      const key = out.tasks[(n * 7) % Math.max(1, out.tasks.length)];
      if (key) {
        sandbox.state.updateIssue(key, { summary: `${sandbox.state.issues.get(key)?.summary ?? ''} – ${text}`, updated: sandbox.state.issues.get(key)?.updated ?? nowMs });
        out.phiKeys.push(key);
      }
    }
  }
  return out;
}
