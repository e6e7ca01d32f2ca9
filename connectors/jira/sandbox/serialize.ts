/** Sandbox state → Jira Cloud v3 JSON (IssueBean, Comment, Version, User), shaped per the vendor's OpenAPI. */
import type { JiraState, SandboxComment, SandboxIssue, SandboxVersion } from './state';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Jira's stamp format: `2026-09-02T08:15:00.000+0000`. */
export function jiraStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;
const TYPES = {
  Epic: { id: '10000', hierarchyLevel: 1, subtask: false },
  Story: { id: '10001', hierarchyLevel: 0, subtask: false },
  Task: { id: '10002', hierarchyLevel: 0, subtask: false },
  Bug: { id: '10004', hierarchyLevel: 0, subtask: false },
  'Sub-task': { id: '10003', hierarchyLevel: -1, subtask: true },
} as const;
const PRIORITY_ID = { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '5' } as const;

export class Serializer {
  constructor(private readonly base: string, private readonly state: JiraState) {}

  user(accountId: string) {
    return {
      self: `${this.base}/rest/api/3/user?accountId=${accountId}`,
      accountId,
      displayName: `User ${accountId.slice(-4)}`,
      active: true,
      timeZone: 'UTC',
      accountType: 'atlassian',
    };
  }

  private status(issue: SandboxIssue) {
    return { self: `${this.base}/rest/api/3/status/1`, description: '', iconUrl: `${this.base}/images/status.png`, name: issue.status, id: String(10 + CATEGORY[issue.category].id), statusCategory: { self: `${this.base}/rest/api/3/statuscategory/${CATEGORY[issue.category].id}`, ...CATEGORY[issue.category] } };
  }

  private issuetype(issue: SandboxIssue) {
    const t = TYPES[issue.issuetype];
    return { self: `${this.base}/rest/api/3/issuetype/${t.id}`, id: t.id, description: '', iconUrl: `${this.base}/images/type.png`, name: issue.issuetype, subtask: t.subtask, hierarchyLevel: t.hierarchyLevel };
  }

  private priority(issue: SandboxIssue) {
    return issue.priority ? { self: `${this.base}/rest/api/3/priority/${PRIORITY_ID[issue.priority]}`, iconUrl: `${this.base}/images/p.svg`, name: issue.priority, id: PRIORITY_ID[issue.priority] } : null;
  }

  private ref(key: string) {
    const other = this.state.issues.get(key);
    if (!other) return { key };
    return { id: other.id, key, self: `${this.base}/rest/api/3/issue/${other.id}`, fields: { summary: other.summary, status: this.status(other), priority: this.priority(other), issuetype: this.issuetype(other) } };
  }

  version(v: SandboxVersion) {
    return { self: `${this.base}/rest/api/3/version/${v.id}`, id: v.id, description: '', name: v.name, archived: v.archived, released: v.released, ...(v.startDate ? { startDate: v.startDate } : {}), ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}), ...(v.releaseDate && !v.released ? { overdue: false } : {}), projectId: v.projectId };
  }

  private allFields(issue: SandboxIssue): Record<string, unknown> {
    const project = this.state.projects.get(issue.project);
    const versions = project?.versions ?? [];
    return {
      summary: issue.summary,
      status: this.status(issue),
      issuetype: this.issuetype(issue),
      project: { self: `${this.base}/rest/api/3/project/${project?.id ?? 0}`, id: String(project?.id ?? 0), key: issue.project, name: project?.name ?? issue.project, projectTypeKey: 'software', simplified: false },
      created: jiraStamp(issue.created),
      updated: jiraStamp(issue.updated),
      duedate: issue.duedate,
      resolutiondate: issue.resolutiondate === null ? null : jiraStamp(issue.resolutiondate),
      labels: issue.labels,
      components: issue.components.map((name, i) => ({ self: `${this.base}/rest/api/3/component/${100 + i}`, id: String(100 + i), name })),
      fixVersions: issue.fixVersions.map((id) => versions.find((v) => v.id === id)).filter((v): v is SandboxVersion => !!v).map((v) => this.version(v)),
      assignee: issue.assignee ? this.user(issue.assignee) : null,
      priority: this.priority(issue),
      resolution: issue.resolution ? { self: `${this.base}/rest/api/3/resolution/1`, id: '1', description: '', name: issue.resolution } : null,
      ...(issue.parent ? { parent: this.ref(issue.parent) } : {}),
      issuelinks: issue.blockedBy.map((key, i) => ({ id: `${issue.id}${i}`, self: `${this.base}/rest/api/3/issueLink/${issue.id}${i}`, type: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks', self: `${this.base}/rest/api/3/issueLinkType/10000` }, inwardIssue: this.ref(key) })),
      ...issue.custom,
    };
  }

  /** IssueBean with the requested fields (`*all`, `*navigable`, names, `-name`); none means id/key only, as in search. */
  issue(issue: SandboxIssue, fields: string[] | undefined, properties: string[] = []): Record<string, unknown> {
    const all = this.allFields(issue);
    const wantAll = fields?.some((f) => f === '*all' || f === '*navigable') ?? false;
    const picked: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(all)) {
      if (fields?.includes(`-${name}`)) continue;
      if (wantAll || fields?.includes(name)) picked[name] = value;
    }
    const out: Record<string, unknown> = { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: `${this.base}/rest/api/3/issue/${issue.id}`, key: issue.key };
    if (Object.keys(picked).length) out.fields = picked;
    if (properties.length) {
      const props = this.state.issueProperties.get(issue.key);
      out.properties = Object.fromEntries(properties.filter((p) => props?.has(p)).map((p) => [p, props?.get(p)]));
    }
    return out;
  }

  comment(c: SandboxComment) {
    const author = this.user(c.authorId);
    return { self: `${this.base}/rest/api/3/issue/${c.issueKey}/comment/${c.id}`, id: c.id, author, body: c.body, updateAuthor: author, created: jiraStamp(c.created), updated: jiraStamp(c.created), jsdPublic: true };
  }
}

/** `fields` as jira.js sends it: a comma-joined query string (GET) or an array (POST). */
export function fieldList(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return raw.filter((f): f is string => typeof f === 'string').flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  if (typeof raw === 'string') return raw.split(',').map((f) => f.trim()).filter(Boolean);
  return undefined;
}
