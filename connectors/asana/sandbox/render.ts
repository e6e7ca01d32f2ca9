/** Sandbox records → Asana JSON, shaped after the vendor's OpenAPI schemas (checked in test/asana). */
import type { EventRecord, SandboxState, StatusRecord, StoryRecord, TaskRecord } from './state';

type Json = Record<string, unknown>;

const user = (s: SandboxState, gid: string | null): Json | null => {
  if (!gid) return null;
  return { gid, resource_type: 'user', name: s.users.get(gid)?.name ?? 'User' };
};

export function taskCompact(t: TaskRecord): Json {
  return { gid: t.gid, resource_type: 'task', name: t.name, resource_subtype: t.resourceSubtype };
}

export function taskFull(s: SandboxState, t: TaskRecord, appUrl: string): Json {
  const home = s.projectsOf(t)[0] ?? '0';
  const body: Json = {
    ...taskCompact(t),
    completed: t.completed,
    completed_at: t.completedAt,
    due_on: t.dueOn,
    due_at: null,
    start_on: t.startOn,
    start_at: null,
    created_at: t.createdAt,
    modified_at: t.modifiedAt,
    notes: '',
    assignee: user(s, t.assignee),
    workspace: { gid: s.workspace.gid, resource_type: 'workspace', name: s.workspace.name },
    projects: t.memberships.map((m) => ({ gid: m.project, resource_type: 'project', name: s.projects.get(m.project)?.name ?? '' })),
    memberships: t.memberships.map((m) => ({
      project: { gid: m.project, resource_type: 'project', name: s.projects.get(m.project)?.name ?? '' },
      section: { gid: m.section, resource_type: 'section', name: s.projects.get(m.project)?.sections.find((x) => x.gid === m.section)?.name ?? '' },
    })),
    tags: t.tags.map((gid) => ({ gid, resource_type: 'tag', name: s.tags.get(gid)?.name ?? '' })),
    parent: t.parent && s.tasks.get(t.parent) ? taskCompact(s.tasks.get(t.parent) as TaskRecord) : null,
    dependencies: t.dependencies.map((gid) => ({ gid, resource_type: 'task' })),
    dependents: [],
    num_subtasks: s.children.get(t.gid)?.length ?? 0,
    permalink_url: `${appUrl}/0/${home}/${t.gid}`,
    custom_fields: Object.entries(t.customFields).map(([gid, value]) => {
      const def = s.customFieldDefs.get(gid);
      const number = def?.type === 'number';
      return {
        gid,
        resource_type: 'custom_field',
        name: def?.name ?? '',
        type: number ? 'number' : 'text',
        resource_subtype: number ? 'number' : 'text',
        ...(number ? { number_value: typeof value === 'number' ? value : null } : { text_value: value === null ? null : String(value) }),
        display_value: value === null ? null : String(value),
      };
    }),
  };
  if (t.resourceSubtype === 'approval') body['approval_status'] = t.approvalStatus;
  return body;
}

/** Keeps what `opt_fields` asked for (top-level names of dotted paths), plus gid and resource_type. */
export function project(full: Json, optFields: string | null): Json {
  if (!optFields) return full;
  const keep = new Set(['gid', 'resource_type', ...optFields.split(',').map((f) => f.trim().split('.')[0] ?? '')]);
  return Object.fromEntries(Object.entries(full).filter(([k]) => keep.has(k)));
}

export function storyCompact(s: SandboxState, st: StoryRecord): Json {
  return {
    gid: st.gid,
    resource_type: 'story',
    created_at: st.createdAt,
    created_by: { gid: botUser(s), resource_type: 'user', name: 'Vitals bot' },
    resource_subtype: 'comment_added',
    text: st.text,
  };
}

export function storyFull(s: SandboxState, st: StoryRecord): Json {
  const task = s.tasks.get(st.task);
  return {
    ...storyCompact(s, st),
    type: st.type,
    html_text: st.htmlText,
    is_pinned: false,
    is_edited: false,
    is_editable: true,
    hearted: false,
    num_hearts: 0,
    liked: false,
    num_likes: 0,
    source: 'api',
    target: task ? taskCompact(task) : null,
  };
}

export function botUser(s: SandboxState): string {
  for (const u of s.users.values()) if (u.name === 'Vitals bot') return u.gid;
  return s.addUser('Vitals bot');
}

export function statusCompact(st: StatusRecord): Json {
  return { gid: st.gid, resource_type: 'status_update', title: st.title, resource_subtype: 'project_status_update' };
}

export function statusFull(s: SandboxState, st: StatusRecord): Json {
  return {
    ...statusCompact(st),
    text: st.text,
    status_type: st.statusType,
    created_at: st.createdAt,
    modified_at: st.createdAt,
    author: { gid: botUser(s), resource_type: 'user', name: 'Vitals bot' },
    created_by: { gid: botUser(s), resource_type: 'user', name: 'Vitals bot' },
    parent: { gid: st.parent, resource_type: 'project', name: s.projects.get(st.parent)?.name ?? '' },
  };
}

export function eventJson(s: SandboxState, e: EventRecord): Json {
  const task = e.resource.type === 'task' ? s.tasks.get(e.resource.gid) : undefined;
  return {
    user: { gid: botUser(s), resource_type: 'user', name: 'Vitals bot' },
    resource: { gid: e.resource.gid, resource_type: e.resource.type, ...(task ? { name: task.name, resource_subtype: task.resourceSubtype } : {}) },
    type: e.resource.type,
    action: e.action,
    // The spec types `parent` as an object (not nullable), so it is left out rather than null.
    ...(e.parent ? { parent: { gid: e.parent.gid, resource_type: e.parent.type } } : {}),
    created_at: e.createdAt,
    ...(e.action === 'changed' ? { change: { field: e.field ?? 'name', action: 'changed' } } : {}),
  };
}

/** What a webhook delivery carries: compact events (gid and type only). */
export function webhookEventJson(e: EventRecord): Json {
  return {
    action: e.action,
    resource: { gid: e.resource.gid, resource_type: e.resource.type },
    parent: e.parent ? { gid: e.parent.gid, resource_type: e.parent.type } : null,
    created_at: e.createdAt,
    user: null,
    ...(e.action === 'changed' ? { change: { field: e.field ?? 'name', action: 'changed' } } : {}),
  };
}
