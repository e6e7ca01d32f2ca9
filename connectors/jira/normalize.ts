/**
 * Jira issue JSON → SourceItem. Pure. Maps on stable keys (statusCategory.key, link direction), never on
 * localized names; keeps only the fields the model needs.
 */
import type { CustomFieldValue, ItemRef, SourceItem, StatusCategory } from '../../src/model/source-item';
import type { JiraIssue } from './schemas';

export interface NormalizeContext {
  instance: string;
  baseUrl: string;
  fixVersionsAsMilestones: boolean;
  customFields: Record<string, string>;
}

const BASE_FIELDS = [
  'summary', 'status', 'issuetype', 'project', 'created', 'updated', 'duedate', 'resolutiondate', 'labels',
  'components', 'assignee', 'priority', 'resolution', 'parent', 'issuelinks',
];

/** The `fields` list for search and fetch: nothing the model does not use. */
export function requestedFields(ctx: Pick<NormalizeContext, 'fixVersionsAsMilestones' | 'customFields'>): string[] {
  return [...BASE_FIELDS, ...(ctx.fixVersionsAsMilestones ? ['fixVersions'] : []), ...Object.keys(ctx.customFields)];
}

function category(key: string | undefined): StatusCategory {
  if (key === 'done') return 'done';
  if (key === 'new') return 'todo';
  return 'in_progress';
}

/** Jira stamps (`2026-09-02T08:15:00.000+0000`) → ISO with Z; a strict parser would reject the colon-less offset. */
export function isoStamp(raw: string): string {
  const ms = Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : raw;
}

export function stampMs(raw: string): number {
  return Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

function customValue(value: unknown): CustomFieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const parts = value.map(customValue).filter((v): v is string | number | boolean => v !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['value', 'name', 'displayName']) if (typeof o[k] === 'string') return o[k];
  }
  return null;
}

export function normalizeIssue(issue: JiraIssue, ctx: NormalizeContext): SourceItem {
  const f = issue.fields;
  const customFields: Record<string, CustomFieldValue> = {};
  for (const [id, name] of Object.entries(ctx.customFields)) customFields[name] = customValue(f[id]);
  const startEntry = Object.entries(customFields).find(([name]) => /^start date$/i.test(name));
  const blockedBy: ItemRef[] = (f.issuelinks ?? [])
    .filter((l) => l.inwardIssue && (l.type.name === 'Blocks' || l.type.inward === 'is blocked by'))
    .map((l) => ({ tool: 'jira', instance: ctx.instance, key: l.inwardIssue?.key ?? '' }));
  return {
    tool: 'jira',
    instance: ctx.instance,
    key: issue.key,
    id: issue.id,
    url: `${ctx.baseUrl.replace(/\/+$/, '')}/browse/${issue.key}`,
    title: f.summary ?? '',
    type: f.issuetype?.name ?? '',
    status: f.status?.name ?? '',
    statusCategory: category(f.status?.statusCategory.key),
    assignee: f.assignee?.accountId ?? null,
    project: f.project?.key ?? issue.key.replace(/-\d+$/, ''),
    created: f.created ? isoStamp(f.created) : isoStamp(f.updated),
    updated: isoStamp(f.updated),
    start: typeof startEntry?.[1] === 'string' ? startEntry[1] : null,
    due: f.duedate ?? null,
    completed: f.resolutiondate ? isoStamp(f.resolutiondate) : null,
    labels: f.labels ?? [],
    components: (f.components ?? []).map((c) => c.name),
    parent: f.parent?.key ?? null,
    section: null,
    tags: [],
    customFields,
    approvalStatus: null,
    priority: f.priority?.name ?? null,
    resolution: f.resolution?.name ?? null,
    fixVersions: ctx.fixVersionsAsMilestones
      ? (f.fixVersions ?? []).map((v) => ({ id: v.id, name: v.name, releaseDate: v.releaseDate ?? null, released: v.released ?? false }))
      : [],
    blockedBy,
    version: f.updated,
  };
}
