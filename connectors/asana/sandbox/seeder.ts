/**
 * A deterministic healthcare program in the sandbox: one project per workstream, sections per phase, approval
 * tasks for clinical sign-offs, compliance tasks tagged for gates, milestones, completed work spread over past weeks.
 */
import { seededRandom } from '../../sandbox-kit/faults';
import type { AsanaSandbox } from './server';

export interface HealthcareSeedSpec {
  seed?: number;
  /** Program names; each gets `projectsPerProgram` projects. */
  programs?: string[];
  projectsPerProgram?: number;
  /** Ordinary tasks per project, on top of milestones, sign-offs and compliance tasks. */
  tasksPerProject?: number;
  /** Subtasks under every n-th ordinary task (0: none). */
  subtaskEvery?: number;
  /** "Now" for the completed and due dates; defaults to the sandbox clock. */
  now?: Date;
}

export interface SeededProject {
  gid: string;
  name: string;
  program: string;
}

export interface SeededProgram {
  projects: SeededProject[];
  tasks: string[];
  milestones: string[];
  approvals: string[];
  compliance: string[];
}

export const PHASES = ['Plan', 'Build', 'Test', 'Train', 'Go-live'];
export const SIGN_OFF_ROLES = ['cmio', 'cnio', 'pharmacy', 'lab', 'radiology'];
export const GATES = ['gate:hipaa-baa', 'gate:hipaa-sra', 'gate:21cfr11', 'gate:onc-cert'];
const WORKSTREAMS = ['Clinical build', 'Integration', 'Data conversion', 'Training', 'Cutover'];
const DAY = 86_400_000;

export function seedHealthcareProgram(sandbox: AsanaSandbox, spec: HealthcareSeedSpec = {}): SeededProgram {
  const rnd = seededRandom(spec.seed ?? 7);
  const now = (spec.now ?? sandbox.state.clock()).getTime();
  const date = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString().slice(0, 10);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const people = ['Dana CISO', 'Sam CMIO', 'Ira CNIO', 'Lee Pharmacy', 'Kim Analyst'].map((n) => sandbox.state.addUser(n));
  const out: SeededProgram = { projects: [], tasks: [], milestones: [], approvals: [], compliance: [] };
  const perProgram = spec.projectsPerProgram ?? 2;
  const tasksPerProject = spec.tasksPerProject ?? 20;
  for (const program of spec.programs ?? ['EHR go-live']) {
    for (let i = 0; i < perProgram; i++) {
      const name = `${program} · ${WORKSTREAMS[i % WORKSTREAMS.length] ?? 'Workstream'}${i >= WORKSTREAMS.length ? ` ${i + 1}` : ''}`;
      const project = sandbox.addProject(name, PHASES);
      out.projects.push({ gid: project, name, program });
      PHASES.forEach((phase, k) => {
        const due = (k - 2) * 21;
        const t = sandbox.addTask({ project, section: phase, subtype: 'milestone', name: `${phase} complete`, dueOn: date(due), customFields: { Phase: phase } });
        if (due < 0) sandbox.updateTask(t.gid, { completed: true, completedAt: new Date(now + due * DAY).toISOString() });
        out.milestones.push(t.gid);
      });
      for (const role of SIGN_OFF_ROLES.slice(0, 2 + (i % 3))) {
        const t = sandbox.addTask({
          project, section: 'Test', subtype: 'approval', name: `Clinical sign-off: ${role.toUpperCase()}`,
          dueOn: date(Math.floor(rnd() * 30) - 5), assignee: pick(people), customFields: { 'Sign-off role': role, Phase: 'Test' },
        });
        const r = rnd();
        if (r < 0.35) sandbox.updateTask(t.gid, { approvalStatus: 'approved' });
        else if (r < 0.45) sandbox.updateTask(t.gid, { approvalStatus: 'changes_requested' });
        out.approvals.push(t.gid);
      }
      for (const gate of GATES.slice(0, 1 + (i % GATES.length))) {
        const t = sandbox.addTask({
          project, section: 'Plan', name: `Compliance: ${gate.slice(5).toUpperCase()}`, tags: [gate, 'compliance'],
          dueOn: date(Math.floor(rnd() * 40) - 20), assignee: people[0] ?? null, customFields: { Regulation: gate.slice(5), Phase: 'Plan' },
        });
        if (rnd() < 0.5) sandbox.updateTask(t.gid, { completed: true, completedAt: new Date(now - Math.floor(rnd() * 30) * DAY).toISOString() });
        out.compliance.push(t.gid);
      }
      for (let n = 0; n < tasksPerProject; n++) {
        const phase = pick(PHASES);
        const t = sandbox.addTask({
          project, section: phase, name: `Work item ${n + 1}`, dueOn: date(Math.floor(rnd() * 90) - 45), assignee: pick(people),
          customFields: { Phase: phase, ...(rnd() < 0.05 ? { 'Jira blocker': `EHR-${100 + Math.floor(rnd() * 900)}` } : {}) },
        });
        if (rnd() < 0.4) sandbox.updateTask(t.gid, { completed: true, completedAt: new Date(now - Math.floor(rnd() * 12 * 7) * DAY).toISOString() });
        out.tasks.push(t.gid);
        if (spec.subtaskEvery && n % spec.subtaskEvery === 0) {
          out.tasks.push(sandbox.addTask({ parent: t.gid, name: `Subtask of ${n + 1}` }).gid);
        }
      }
    }
  }
  return out;
}
