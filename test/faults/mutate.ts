/**
 * Changes made to the sandboxes while faults are injected (so "latest version" means something), and the signed
 * webhook deliveries that announce them, duplicated and shuffled by a seeded generator.
 */
import type { WebhookDelivery } from '../../connectors/contract';
import { signBody } from '../../connectors/asana/webhook';
import { marksOf } from './invariants';
import { ASANA_WEBHOOK_SECRET, JIRA_WEBHOOK_SECRET, type FaultWorld } from './world';

const DAY = 86_400_000;

export interface Delivery {
  source: 'jira-demo' | 'asana-demo';
  delivery: WebhookDelivery;
  secret: string;
  /** Position in the order the changes happened. */
  seq: number;
}

export function pick<T>(xs: T[], n: number, rnd: () => number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

const rev = (title: string, r: string): string => `${title.replace(/ \(rev [^)]*\)$/, '')} (rev ${r})`;

export class Mutator {
  /** Comment marks of items deleted on purpose: their comments go with them, the duplicate count keeps them. */
  readonly removedMarks: string[] = [];
  readonly deliveries: Delivery[] = [];
  private n = 0;

  constructor(
    private readonly world: FaultWorld,
    private readonly rnd: () => number,
  ) {}

  private asanaDelivery(gid: string, action: string): WebhookDelivery {
    const body = { events: [{ action, resource: { gid, resource_type: 'task' }, parent: null, user: null, created_at: this.world.clock().toISOString() }] };
    const rawBody = Buffer.from(JSON.stringify(body));
    return { headers: { 'content-type': 'application/json', 'x-hook-signature': signBody(rawBody, ASANA_WEBHOOK_SECRET) }, rawBody };
  }

  private push(source: Delivery['source'], delivery: WebhookDelivery): void {
    this.deliveries.push({ source, delivery, secret: source === 'jira-demo' ? JIRA_WEBHOOK_SECRET : ASANA_WEBHOOK_SECRET, seq: this.deliveries.length });
  }

  /** Renames `n` random items of each tool, `rounds` times (one simulated second apart), each change announced. */
  update(n: number, rounds: number, announce = false): void {
    const jira = pick([...this.world.jira.state.issues.keys()], n, this.rnd);
    const asana = pick([...this.world.asana.state.tasks.keys()], n, this.rnd);
    for (let r = 1; r <= rounds; r += 1) {
      this.world.clock.advance(1000);
      const tag = `${++this.n}`;
      for (const key of jira) {
        const issue = this.world.jira.state.issues.get(key);
        if (!issue) continue;
        this.world.jira.updateIssue(key, { summary: rev(issue.summary, tag) });
        if (announce) this.push('jira-demo', this.world.jira.signedDelivery('jira:issue_updated', key, JIRA_WEBHOOK_SECRET));
      }
      for (const gid of asana) {
        const task = this.world.asana.state.tasks.get(gid);
        if (!task) continue;
        this.world.asana.updateTask(gid, { name: rev(task.name, tag) });
        if (announce) this.push('asana-demo', this.asanaDelivery(gid, 'changed'));
      }
    }
  }

  /** Deletes `n` random items of each tool (not the demo's own), announced or left for a reconcile to find. */
  remove(n: number, announce = false): string[] {
    const demo = new Set([...this.world.seed.jiraKeys, ...this.world.seed.asanaTasks]);
    const jira = pick([...this.world.jira.state.issues.keys()].filter((k) => !demo.has(k)), n, this.rnd);
    const asana = pick([...this.world.asana.state.tasks.keys()].filter((k) => !demo.has(k)), n, this.rnd);
    for (const key of jira) {
      this.removedMarks.push(...marksOf(this.world, 'jira', key));
      this.world.jira.deleteIssue(key);
      if (announce) this.push('jira-demo', this.world.jira.signedDelivery('jira:issue_deleted', key, JIRA_WEBHOOK_SECRET));
    }
    for (const gid of asana) {
      this.removedMarks.push(...marksOf(this.world, 'asana', gid));
      this.world.asana.deleteTask(gid);
      if (announce) this.push('asana-demo', this.asanaDelivery(gid, 'deleted'));
    }
    return [...jira.map((k) => `jira:${k}`), ...asana.map((g) => `asana:${g}`)];
  }

  /** New work: `stale` in-progress EHR build tasks untouched for 60 days (each a stale-item risk and a comment). */
  add(stale: number, fresh: number, announce = false): string[] {
    const t = this.world.clock().getTime();
    const keys: string[] = [];
    for (let i = 0; i < stale + fresh; i += 1) {
      const isStale = i < stale;
      const at = isStale ? t - 60 * DAY : t;
      const issue = this.world.jira.addIssue({
        project: 'EHR', summary: `Added work ${++this.n}`, issuetype: 'Task', labels: ['build'],
        status: isStale ? 'In Progress' : 'To Do', category: isStale ? 'indeterminate' : 'new', created: at - DAY, updated: at, resolutiondate: null, resolution: null,
      });
      keys.push(issue.key);
      if (announce) this.push('jira-demo', this.world.jira.signedDelivery('jira:issue_created', issue.key, JIRA_WEBHOOK_SECRET));
    }
    for (let i = 0; i < fresh; i += 1) {
      const task = this.world.asana.addTask({ project: this.world.seed.asanaProjects.ehr, name: `Added readiness line ${++this.n}`, section: 'Readiness' });
      if (announce) this.push('asana-demo', this.asanaDelivery(task.gid, 'added'));
    }
    return keys;
  }

  /**
   * The announced deliveries, shuffled, each sent one to three times: returns the sequence and how many were
   * repeats and how many arrived before one that happened earlier.
   */
  scrambled(): { sequence: Delivery[]; repeated: number; reordered: number } {
    const sequence: Delivery[] = [];
    for (const d of this.deliveries) {
      const copies = 1 + (this.rnd() < 0.5 ? 1 : 0) + (this.rnd() < 0.2 ? 1 : 0);
      for (let c = 0; c < copies; c += 1) sequence.push(d);
    }
    const shuffled = pick(sequence, sequence.length, this.rnd);
    let reordered = 0;
    let maxSeen = -1;
    for (const d of shuffled) {
      if (d.seq < maxSeen) reordered += 1;
      maxSeen = Math.max(maxSeen, d.seq);
    }
    const repeated = shuffled.length - this.deliveries.length;
    this.deliveries.length = 0;
    return { sequence: shuffled, repeated, reordered };
  }
}
