/** The sandbox's world: projects, sections, tags, custom fields, tasks, stories, status updates and the event log. */

export interface Named {
  gid: string;
  name: string;
}

export interface TaskRecord {
  gid: string;
  name: string;
  resourceSubtype: 'default_task' | 'milestone' | 'approval';
  completed: boolean;
  completedAt: string | null;
  approvalStatus: 'pending' | 'approved' | 'rejected' | 'changes_requested' | null;
  dueOn: string | null;
  startOn: string | null;
  createdAt: string;
  modifiedAt: string;
  assignee: string | null;
  /** Project gid → section gid. Subtasks have none (they live under their parent). */
  memberships: Array<{ project: string; section: string }>;
  tags: string[];
  /** Custom field gid → value. */
  customFields: Record<string, string | number | null>;
  parent: string | null;
  dependencies: string[];
}

export interface StoryRecord {
  gid: string;
  task: string;
  createdAt: string;
  text: string;
  htmlText: string;
  type: 'comment' | 'system';
}

export interface StatusRecord {
  gid: string;
  parent: string;
  statusType: string;
  title: string;
  text: string;
  createdAt: string;
}

export interface EventRecord {
  seq: number;
  project: string;
  action: 'added' | 'changed' | 'removed' | 'deleted';
  resource: { gid: string; type: 'task' | 'story' };
  parent: { gid: string; type: 'project' | 'task' } | null;
  field: string | null;
  createdAt: string;
}

export interface TaskFields {
  project?: string;
  name?: string;
  section?: string;
  subtype?: TaskRecord['resourceSubtype'];
  approvalStatus?: TaskRecord['approvalStatus'];
  completed?: boolean;
  completedAt?: string | null;
  dueOn?: string | null;
  startOn?: string | null;
  assignee?: string | null;
  tags?: string[];
  /** By field name; numbers make number fields, strings text fields. */
  customFields?: Record<string, string | number | null>;
  parent?: string | null;
  dependencies?: string[];
  createdAt?: string;
}

export class SandboxState {
  readonly workspace: Named = { gid: '1100000000000001', name: 'Healthcare IT' };
  readonly users = new Map<string, Named>();
  readonly projects = new Map<string, Named & { sections: Named[] }>();
  readonly tags = new Map<string, Named>();
  readonly customFieldDefs = new Map<string, Named & { type: 'text' | 'number' }>();
  readonly tasks = new Map<string, TaskRecord>();
  /** Project gid → task gids in creation (= gid) order. */
  readonly projectTasks = new Map<string, string[]>();
  readonly stories = new Map<string, StoryRecord[]>();
  readonly statusUpdates = new Map<string, StatusRecord[]>();
  readonly events: EventRecord[] = [];
  /** Parent gid → subtask gids. */
  readonly children = new Map<string, string[]>();
  private nextGid = 1200000000000001;
  private seq = 0;

  constructor(readonly clock: () => Date) {}

  gid(): string {
    return String(this.nextGid++);
  }

  now(): string {
    return this.clock().toISOString();
  }

  currentSeq(): number {
    return this.seq;
  }

  addUser(name: string): string {
    const gid = this.gid();
    this.users.set(gid, { gid, name });
    return gid;
  }

  addProject(name: string, sections: string[] = ['Backlog']): string {
    const gid = this.gid();
    this.projects.set(gid, { gid, name, sections: sections.map((s) => ({ gid: this.gid(), name: s })) });
    this.projectTasks.set(gid, []);
    return gid;
  }

  sectionGid(project: string, name: string): string {
    const p = this.projects.get(project);
    if (!p) throw new Error(`sandbox: no project ${project}`);
    let s = p.sections.find((x) => x.name === name);
    if (!s) {
      s = { gid: this.gid(), name };
      p.sections.push(s);
    }
    return s.gid;
  }

  tagGid(name: string): string {
    for (const t of this.tags.values()) if (t.name === name) return t.gid;
    const gid = this.gid();
    this.tags.set(gid, { gid, name });
    return gid;
  }

  fieldGid(name: string, sample: string | number | null): string {
    for (const f of this.customFieldDefs.values()) if (f.name === name) return f.gid;
    const gid = this.gid();
    this.customFieldDefs.set(gid, { gid, name, type: typeof sample === 'number' ? 'number' : 'text' });
    return gid;
  }

  /** The projects a task shows up in, its own or its root parent's (events bubble up). */
  projectsOf(task: TaskRecord): string[] {
    let t: TaskRecord | undefined = task;
    for (let depth = 0; t && t.memberships.length === 0 && t.parent && depth < 10; depth++) t = this.tasks.get(t.parent);
    return t ? t.memberships.map((m) => m.project) : [];
  }

  addTask(fields: TaskFields): TaskRecord {
    const now = this.now();
    const gid = this.gid();
    const subtype = fields.subtype ?? 'default_task';
    const task: TaskRecord = {
      gid,
      name: fields.name ?? `Task ${gid}`,
      resourceSubtype: subtype,
      completed: false,
      completedAt: null,
      approvalStatus: subtype === 'approval' ? 'pending' : null,
      dueOn: null,
      startOn: null,
      createdAt: fields.createdAt ?? now,
      modifiedAt: now,
      assignee: null,
      memberships: [],
      tags: [],
      customFields: {},
      parent: fields.parent ?? null,
      dependencies: [],
    };
    if (fields.project && !task.parent) {
      task.memberships.push({ project: fields.project, section: this.sectionGid(fields.project, fields.section ?? 'Backlog') });
      this.projectTasks.get(fields.project)?.push(gid);
    }
    this.tasks.set(gid, task);
    if (task.parent) this.children.set(task.parent, [...(this.children.get(task.parent) ?? []), gid]);
    this.apply(task, fields);
    for (const p of this.projectsOf(task)) this.record(p, 'added', { gid, type: 'task' }, task.parent ? { gid: task.parent, type: 'task' } : { gid: p, type: 'project' }, null);
    return task;
  }

  updateTask(gid: string, fields: TaskFields): TaskRecord {
    const task = this.mustTask(gid);
    if (fields.section !== undefined) {
      task.memberships = task.memberships.map((m) => ({ project: m.project, section: this.sectionGid(m.project, fields.section ?? 'Backlog') }));
    }
    this.apply(task, fields);
    if (fields.name !== undefined) task.name = fields.name;
    task.modifiedAt = this.now();
    const field = Object.keys(fields)[0] ?? 'name';
    for (const p of this.projectsOf(task)) this.record(p, 'changed', { gid, type: 'task' }, null, field);
    return task;
  }

  deleteTask(gid: string): void {
    const task = this.mustTask(gid);
    const projects = this.projectsOf(task);
    this.tasks.delete(gid);
    if (task.parent) this.children.set(task.parent, (this.children.get(task.parent) ?? []).filter((g) => g !== gid));
    for (const m of task.memberships) {
      const list = this.projectTasks.get(m.project);
      if (list) list.splice(list.indexOf(gid), 1);
    }
    for (const p of projects) this.record(p, 'deleted', { gid, type: 'task' }, null, null);
  }

  addStory(taskGid: string, text: string, htmlText: string): StoryRecord {
    const task = this.mustTask(taskGid);
    const story: StoryRecord = { gid: this.gid(), task: taskGid, createdAt: this.now(), text, htmlText, type: 'comment' };
    const list = this.stories.get(taskGid) ?? [];
    list.push(story);
    this.stories.set(taskGid, list);
    task.modifiedAt = story.createdAt;
    for (const p of this.projectsOf(task)) this.record(p, 'added', { gid: story.gid, type: 'story' }, { gid: taskGid, type: 'task' }, null);
    return story;
  }

  addStatus(parent: string, statusType: string, title: string, text: string): StatusRecord {
    const status: StatusRecord = { gid: this.gid(), parent, statusType, title, text, createdAt: this.now() };
    const list = this.statusUpdates.get(parent) ?? [];
    list.push(status);
    this.statusUpdates.set(parent, list);
    return status;
  }

  mustTask(gid: string): TaskRecord {
    const task = this.tasks.get(gid);
    if (!task) throw new Error(`sandbox: no task ${gid}`);
    return task;
  }

  private apply(task: TaskRecord, f: TaskFields): void {
    if (f.completed !== undefined) {
      task.completed = f.completed;
      task.completedAt = f.completed ? (f.completedAt ?? this.now()) : null;
      if (task.resourceSubtype === 'approval' && f.approvalStatus === undefined) task.approvalStatus = f.completed ? 'approved' : 'pending';
    }
    if (f.approvalStatus !== undefined && task.resourceSubtype === 'approval') {
      task.approvalStatus = f.approvalStatus;
      task.completed = f.approvalStatus !== 'pending';
      task.completedAt = task.completed ? (f.completedAt ?? task.completedAt ?? this.now()) : null;
    }
    if (f.dueOn !== undefined) task.dueOn = f.dueOn;
    if (f.startOn !== undefined) task.startOn = task.resourceSubtype === 'milestone' ? null : f.startOn;
    if (f.assignee !== undefined) task.assignee = f.assignee;
    if (f.tags) task.tags = f.tags.map((t) => this.tagGid(t));
    if (f.customFields) for (const [name, v] of Object.entries(f.customFields)) task.customFields[this.fieldGid(name, v)] = v;
    if (f.dependencies) task.dependencies = [...f.dependencies];
  }

  private record(project: string, action: EventRecord['action'], resource: EventRecord['resource'], parent: EventRecord['parent'], field: string | null): void {
    this.seq += 1;
    this.events.push({ seq: this.seq, project, action, resource, parent, field, createdAt: this.now() });
  }
}
