/**
 * The invariants of shared/DESIGN.md, read from the outside: the sandboxes' own state (items, comments and their
 * markers), the alert receivers (the NDJSON file and the webhook receiver's hits) and the store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { COMMENT_PROPERTY } from '../../connectors/jira/push';
import type { Runtime } from '../../src/pipeline/runtime';
import type { FaultWorld } from './world';

/** `<tool>:<item>|<marker>` of every comment on the tracker side, plus those of items deleted since (`removed`). */
export function trackerMarks(world: FaultWorld, removed: string[] = []): string[] {
  const out = [...removed];
  for (const key of world.jira.state.comments.keys()) out.push(...jiraMarks(world, key));
  for (const [task, stories] of world.asana.state.stories) {
    for (const s of stories) if (s.type === 'comment') out.push(`asana:${task}|${/vitals:([A-Za-z0-9:_.-]+)/.exec(s.text)?.[1] ?? '?'}`);
  }
  return out;
}

function jiraMarks(world: FaultWorld, key: string): string[] {
  return (world.jira.state.comments.get(key) ?? []).map((c) => `jira:${key}|${(c.properties.get(COMMENT_PROPERTY) as { fingerprint?: string } | undefined)?.fingerprint ?? '?'}`);
}

/** The marks of one item, kept before the item is deleted (deleting an item deletes its comments). */
export function marksOf(world: FaultWorld, tool: 'jira' | 'asana', key: string): string[] {
  if (tool === 'jira') return jiraMarks(world, key);
  return (world.asana.state.stories.get(key) ?? []).filter((s) => s.type === 'comment').map((s) => `asana:${key}|${/vitals:([A-Za-z0-9:_.-]+)/.exec(s.text)?.[1] ?? '?'}`);
}

export function repeats(keys: string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

/** Delivery keys (`fingerprint|level|channel`) of the alerts the file channel wrote. */
export function fileAlerts(world: FaultWorld): string[] {
  if (!existsSync(world.alertsFile)) return [];
  return readFileSync(world.alertsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const line = JSON.parse(l) as { channel: string; alert: { fingerprint: string; level: string } };
      return `${line.alert.fingerprint}|${line.alert.level}|${line.channel}`;
    });
}

export interface ItemCheck {
  checked: number;
  /** Sandbox items missing from the store or stored at an older version. */
  lost: string[];
  /** Stored items the sandbox no longer has (a reconcile should have removed them). */
  ghosts: string[];
}

/** Every sandbox item is in the store at the version (and with the title) the sandbox holds now. */
export async function checkItems(world: FaultWorld, runtime: Runtime, opts: { titlesOnly?: boolean } = {}): Promise<ItemCheck> {
  const store = runtime.deps.store.items;
  const jira = new Map((await store.loadItems('jira-demo')).map((i) => [i.key, i]));
  const asana = new Map((await store.loadItems('asana-demo')).map((i) => [i.key, i]));
  const lost: string[] = [];
  const stale = (version: string, at: number): boolean => !opts.titlesOnly && Date.parse(version) !== at;
  for (const [key, issue] of world.jira.state.issues) {
    const got = jira.get(key);
    if (!got || stale(got.version, issue.updated) || got.title !== issue.summary) lost.push(`jira:${key}`);
  }
  for (const [gid, task] of world.asana.state.tasks) {
    const got = asana.get(gid);
    if (!got || stale(got.version, Date.parse(task.modifiedAt)) || got.title !== task.name) lost.push(`asana:${gid}`);
  }
  const ghosts = [
    ...[...jira.keys()].filter((k) => !world.jira.state.issues.has(k)).map((k) => `jira:${k}`),
    ...[...asana.keys()].filter((k) => !world.asana.state.tasks.has(k)).map((k) => `asana:${k}`),
  ];
  return { checked: world.jira.state.issues.size + world.asana.state.tasks.size, lost, ghosts };
}

/** Risks the store holds with a target whose comment is not on the tracker exactly once. */
export async function missingComments(world: FaultWorld, runtime: Runtime, marks: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const pp of world.config.programs) {
    const risks = await runtime.deps.store.state.getRiskState(pp.program.id);
    for (const r of risks.values()) {
      if (!r.target) continue;
      const [tool, , ...key] = r.target.split(':');
      const mark = `${tool}:${key.join(':')}|${r.fingerprint}.s${r.severity}`;
      if (marks.filter((m) => m === mark).length !== 1) missing.push(mark);
    }
  }
  return missing;
}

export interface Row {
  fault: string;
  injected: number;
  checked: number;
  duplicates: number;
  losses: number;
  note: string;
}

export function formatTable(rows: Row[]): string {
  const head = ['fault', 'injected', 'items checked', 'duplicates', 'losses', 'what was injected / seen'];
  const cells = rows.map((r) => [r.fault, String(r.injected), String(r.checked), String(r.duplicates), String(r.losses), r.note]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string => c.map((v, i) => (i >= 1 && i <= 4 ? v.padStart(width[i] ?? 0) : v.padEnd(width[i] ?? 0))).join('  ').trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
