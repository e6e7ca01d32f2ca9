/** Asana task JSON → SourceItem: only the fields the program model needs (no notes, no names of people). */
import type { CustomFieldValue, ItemRef, SourceItem, StatusCategory } from '../../src/model/source-item';
import type { AsanaTask } from './schemas';

export interface NormalizeContext {
  instance: string;
  /** The project being pulled; a multi-homed task reports under it. */
  project: string | null;
  crossToolField?: string;
}

const JIRA_KEY = /\b[A-Z][A-Z0-9]+-\d+\b/g;

export function normalizeTask(task: AsanaTask, ctx: NormalizeContext): SourceItem {
  const memberships = task.memberships ?? [];
  const membership = memberships.find((m) => m.project?.gid === ctx.project) ?? memberships[0];
  const project = ctx.project ?? membership?.project?.gid ?? '';
  const section = membership?.section?.name ?? null;
  const customFields: Record<string, CustomFieldValue> = {};
  for (const field of task.custom_fields ?? []) {
    if (field.name) customFields[field.name] = field.display_value ?? null;
  }
  const blockedBy: ItemRef[] = (task.dependencies ?? []).map((d) => ({ tool: 'asana', instance: ctx.instance, key: d.gid }));
  const cross = ctx.crossToolField ? customFields[ctx.crossToolField] : null;
  if (typeof cross === 'string') {
    for (const key of new Set(cross.match(JIRA_KEY) ?? [])) blockedBy.push({ tool: 'jira', instance: '', key });
  }
  const completed = task.completed === true;
  const priority = customFields['Priority'];
  return {
    tool: 'asana',
    instance: ctx.instance,
    key: task.gid,
    id: task.gid,
    url: task.permalink_url ?? `https://app.asana.com/0/${project || '0'}/${task.gid}`,
    title: task.name ?? '',
    type: task.resource_subtype ?? 'default_task',
    status: completed ? 'completed' : (section ?? 'open'),
    statusCategory: category(completed, section),
    assignee: task.assignee?.gid ?? null,
    project,
    created: task.created_at ?? '',
    updated: task.modified_at ?? task.created_at ?? '',
    start: task.start_on ?? task.start_at?.slice(0, 10) ?? null,
    due: task.due_on ?? task.due_at?.slice(0, 10) ?? null,
    completed: completed ? (task.completed_at ?? null) : null,
    labels: [],
    components: [],
    parent: task.parent?.gid ?? null,
    section,
    tags: (task.tags ?? []).map((t) => t.name ?? '').filter((n) => n !== ''),
    customFields,
    approvalStatus: task.resource_subtype === 'approval' ? (task.approval_status ?? 'pending') : null,
    priority: typeof priority === 'string' ? priority : null,
    resolution: null,
    fixVersions: [],
    blockedBy,
    version: task.modified_at ?? task.created_at ?? '',
  };
}

/** Asana has no status category: completion decides "done"; a section name hints at work in flight. */
function category(completed: boolean, section: string | null): StatusCategory {
  if (completed) return 'done';
  if (section && /progress|doing|review|testing|build|validat|in flight/i.test(section)) return 'in_progress';
  return 'todo';
}
