/** Evaluating parsed JQL over the sandbox state, sorting, and keyset page tokens (stable while issues move). */
import { createHash } from 'node:crypto';
import { JqlError, jqlDateMs, parseJql, type JqlNode, type OrderTerm } from './jql';
import type { JiraState, SandboxIssue } from './state';

const CATEGORY_NAMES: Record<string, string[]> = {
  new: ['new', 'to do', '2'],
  indeterminate: ['indeterminate', 'in progress', '4'],
  done: ['done', 'complete', '3'],
};
const PRIORITY_RANK: Record<string, number> = { Highest: 1, High: 2, Medium: 3, Low: 4, Lowest: 5 };

function values(issue: SandboxIssue, field: string, state: JiraState): string[] {
  switch (field) {
    case 'project': return [issue.project, String(state.projects.get(issue.project)?.id ?? '')];
    case 'labels': return issue.labels;
    case 'issuetype': return [issue.issuetype];
    case 'statusCategory': return CATEGORY_NAMES[issue.category] ?? [];
    case 'status': return [issue.status];
    case 'key': return [issue.key, issue.id];
    case 'priority': return issue.priority ? [issue.priority] : [];
    case 'parent': return issue.parent ? [issue.parent] : [];
    case 'assignee': return issue.assignee ? [issue.assignee] : [];
    case 'component': return issue.components;
    case 'fixVersion': {
      const versions = state.projects.get(issue.project)?.versions ?? [];
      return issue.fixVersions.flatMap((id) => [id, versions.find((v) => v.id === id)?.name ?? '']);
    }
    default: return [];
  }
}

function dateOf(issue: SandboxIssue, field: string): number | null {
  if (field === 'updated') return issue.updated;
  if (field === 'created') return issue.created;
  if (field === 'duedate') return issue.duedate ? Date.parse(`${issue.duedate}T00:00:00Z`) : null;
  return null;
}

function matches(node: JqlNode, issue: SandboxIssue, state: JiraState, now: number): boolean {
  if (node.kind === 'and') return matches(node.left, issue, state, now) && matches(node.right, issue, state, now);
  if (node.kind === 'or') return matches(node.left, issue, state, now) || matches(node.right, issue, state, now);
  if (node.kind === 'not') return !matches(node.node, issue, state, now);
  const { field, op, value } = node;
  if (field === 'updated' || field === 'created' || field === 'duedate') {
    const have = dateOf(issue, field);
    if (op === 'IS') return have === null;
    if (op === 'IS NOT') return have !== null;
    if (have === null || typeof value !== 'string') return false;
    const want = jqlDateMs(value, now);
    switch (op) {
      case '>=': return have >= want;
      case '>': return have > want;
      case '<=': return have <= want;
      case '<': return have < want;
      case '=': return have === want;
      case '!=': return have !== want;
      default: return false;
    }
  }
  const have = values(issue, field, state).map((v) => v.toLowerCase());
  if (op === 'IS') return have.length === 0;
  if (op === 'IS NOT') return have.length > 0;
  const wanted = (Array.isArray(value) ? value : [value ?? '']).map((v) => v.toLowerCase());
  const hit = wanted.some((w) => have.includes(w));
  if (op === '=' || op === 'IN') return hit;
  if (op === '!=' || op === 'NOT IN') return !hit;
  throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
}

/** Jira refuses a query naming a project that does not exist (or was deleted). */
function checkProjects(node: JqlNode, state: JiraState): void {
  if (node.kind === 'and' || node.kind === 'or') { checkProjects(node.left, state); checkProjects(node.right, state); return; }
  if (node.kind === 'not') { checkProjects(node.node, state); return; }
  if (node.field !== 'project' || node.value === null) return;
  for (const v of Array.isArray(node.value) ? node.value : [node.value]) {
    const known = [...state.projects.values()].some((p) => p.key.toLowerCase() === v.toLowerCase() || String(p.id) === v);
    if (!known) throw new JqlError(`The value '${v}' does not exist for the field 'project'.`);
  }
}

type Tuple = Array<number | string>;

function tupleOf(issue: SandboxIssue, order: OrderTerm[]): Tuple {
  const out: Tuple = [];
  for (const term of order) {
    if (term.field === 'key') { out.push(issue.project, Number(issue.key.split('-')[1])); continue; }
    if (term.field === 'priority') { out.push(issue.priority ? (PRIORITY_RANK[issue.priority] ?? 9) : 9); continue; }
    out.push(dateOf(issue, term.field) ?? Number.MAX_SAFE_INTEGER);
  }
  // Tie-breaker so every issue has a unique position: the id.
  out.push(Number(issue.id));
  return out;
}

function directions(order: OrderTerm[]): number[] {
  return [...order.flatMap((t) => (t.field === 'key' ? [t.dir, t.dir] : [t.dir])), 'ASC'].map((d) => (d === 'DESC' ? -1 : 1));
}

function compare(a: Tuple, b: Tuple, dirs: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x === y) continue;
    return (x < y ? -1 : 1) * (dirs[i] ?? 1);
  }
  return 0;
}

interface Result {
  issues: SandboxIssue[];
  tuples: Tuple[];
  dirs: number[];
}

export class Searcher {
  private cache = new Map<string, { revision: number; minute: number; result: Result }>();

  constructor(private readonly state: JiraState, private readonly now: () => number) {}

  /** All matches in order. Throws JqlError (→ 400). */
  run(jql: string): Result {
    const now = this.now();
    const minute = Math.floor(now / 60_000);
    const hit = this.cache.get(jql);
    if (hit && hit.revision === this.state.revision && hit.minute === minute) return hit.result;
    const parsed = parseJql(jql);
    const where = parsed.where as JqlNode;
    checkProjects(where, this.state);
    const order = parsed.order.length ? parsed.order : [{ field: 'key', dir: 'DESC' as const }];
    const dirs = directions(order);
    const rows = [...this.state.issues.values()]
      .filter((i) => matches(where, i, this.state, now))
      .map((issue) => ({ issue, tuple: tupleOf(issue, order) }))
      .sort((a, b) => compare(a.tuple, b.tuple, dirs));
    const result = { issues: rows.map((r) => r.issue), tuples: rows.map((r) => r.tuple), dirs };
    if (this.cache.size > 50) this.cache.clear();
    this.cache.set(jql, { revision: this.state.revision, minute, result });
    return result;
  }

  /** One page after `token` (opaque: a hash of the JQL and the position of the last issue handed out). */
  page(jql: string, token: string | undefined, size: number): { issues: SandboxIssue[]; next: string | null } {
    const result = this.run(jql);
    const hash = createHash('sha1').update(jql).digest('hex').slice(0, 12);
    let start = 0;
    if (token) {
      let after: Tuple;
      try {
        const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { h?: unknown; a?: unknown };
        if (decoded.h !== hash || !Array.isArray(decoded.a)) throw new Error('mismatch');
        after = decoded.a as Tuple;
      } catch {
        throw new JqlError('The provided next page token is invalid or expired.');
      }
      let lo = 0;
      let hi = result.tuples.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compare(result.tuples[mid] as Tuple, after, result.dirs) <= 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const issues = result.issues.slice(start, start + size);
    const lastTuple = result.tuples[start + issues.length - 1];
    const more = start + issues.length < result.issues.length && lastTuple !== undefined;
    const next = more ? Buffer.from(JSON.stringify({ h: hash, a: lastTuple })).toString('base64url') : null;
    return { issues, next };
  }
}
