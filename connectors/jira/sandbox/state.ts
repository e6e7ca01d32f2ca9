/**
 * The sandbox's world: projects, versions, issues, comments and entity properties, held in memory and
 * reachable directly by tests (`sandbox.state`). Every mutation bumps `revision` so search results can be cached.
 */
export type CategoryKey = 'new' | 'indeterminate' | 'done';

export interface SandboxVersion {
  id: string;
  name: string;
  projectId: number;
  releaseDate?: string;
  startDate?: string;
  released: boolean;
  archived: boolean;
}

export interface SandboxProject {
  id: number;
  key: string;
  name: string;
  versions: SandboxVersion[];
}

export interface SandboxIssue {
  id: string;
  key: string;
  project: string;
  summary: string;
  issuetype: 'Epic' | 'Task' | 'Bug' | 'Story' | 'Sub-task';
  status: string;
  category: CategoryKey;
  created: number;
  updated: number;
  duedate: string | null;
  resolutiondate: number | null;
  labels: string[];
  components: string[];
  /** Version ids. */
  fixVersions: string[];
  assignee: string | null;
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest' | null;
  resolution: string | null;
  parent: string | null;
  /** Keys of issues that block this one. */
  blockedBy: string[];
  custom: Record<string, unknown>;
}

export interface SandboxComment {
  id: string;
  issueKey: string;
  authorId: string;
  body: unknown;
  created: number;
  properties: Map<string, unknown>;
}

export type NewIssue = Partial<Omit<SandboxIssue, 'id' | 'key'>> & { project: string; summary: string };

export class JiraState {
  readonly projects = new Map<string, SandboxProject>();
  readonly issues = new Map<string, SandboxIssue>();
  readonly comments = new Map<string, SandboxComment[]>();
  readonly commentsById = new Map<string, SandboxComment>();
  readonly issueProperties = new Map<string, Map<string, unknown>>();
  revision = 0;
  private nextIssueId = 10000;
  private nextCommentId = 50000;
  private nextVersionId = 20000;
  private readonly counters = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  addProject(key: string, name = key): SandboxProject {
    const found = this.projects.get(key);
    if (found) return found;
    const project: SandboxProject = { id: 10000 + this.projects.size, key, name, versions: [] };
    this.projects.set(key, project);
    this.revision += 1;
    return project;
  }

  addVersion(projectKey: string, v: Omit<SandboxVersion, 'id' | 'projectId'>): SandboxVersion {
    const project = this.addProject(projectKey);
    const version: SandboxVersion = { ...v, id: String(this.nextVersionId++), projectId: project.id };
    project.versions.push(version);
    this.revision += 1;
    return version;
  }

  /** Adds an issue with Jira-like defaults; `created`/`updated` default to the sandbox clock. */
  addIssue(fields: NewIssue): SandboxIssue {
    this.addProject(fields.project);
    const n = (this.counters.get(fields.project) ?? 0) + 1;
    this.counters.set(fields.project, n);
    const t = this.now();
    const issue: SandboxIssue = {
      issuetype: 'Task',
      status: 'To Do',
      category: 'new',
      created: t,
      updated: fields.created ?? t,
      duedate: null,
      resolutiondate: null,
      labels: [],
      components: [],
      fixVersions: [],
      assignee: null,
      priority: 'Medium',
      resolution: null,
      parent: null,
      blockedBy: [],
      custom: {},
      ...fields,
      id: String(this.nextIssueId++),
      key: `${fields.project}-${n}`,
    };
    this.issues.set(issue.key, issue);
    this.revision += 1;
    return issue;
  }

  /** Applies a change and moves `updated` forward (strictly, even under a frozen clock). */
  updateIssue(key: string, patch: Partial<Omit<SandboxIssue, 'id' | 'key' | 'project'>> = {}): SandboxIssue {
    const issue = this.issues.get(key);
    if (!issue) throw new Error(`sandbox: no issue ${key}`);
    Object.assign(issue, patch);
    if (patch.updated === undefined) issue.updated = Math.max(this.now(), issue.updated + 1);
    this.revision += 1;
    return issue;
  }

  deleteIssue(key: string): boolean {
    const gone = this.issues.delete(key);
    this.comments.delete(key);
    this.issueProperties.delete(key);
    this.revision += 1;
    return gone;
  }

  /** Deleting a project deletes its issues, as in Jira. */
  deleteProject(key: string): void {
    this.projects.delete(key);
    for (const issueKey of [...this.issues.keys()]) if (issueKey.startsWith(`${key}-`)) this.deleteIssue(issueKey);
    this.revision += 1;
  }

  addComment(issueKey: string, authorId: string, body: unknown, properties: Array<{ key: string; value: unknown }> = []): SandboxComment {
    const comment: SandboxComment = {
      id: String(this.nextCommentId++),
      issueKey,
      authorId,
      body,
      created: this.now(),
      properties: new Map(properties.map((p) => [p.key, p.value])),
    };
    const list = this.comments.get(issueKey) ?? [];
    list.push(comment);
    this.comments.set(issueKey, list);
    this.commentsById.set(comment.id, comment);
    return comment;
  }

  issueProps(key: string): Map<string, unknown> {
    let props = this.issueProperties.get(key);
    if (!props) {
      props = new Map();
      this.issueProperties.set(key, props);
    }
    return props;
  }
}
