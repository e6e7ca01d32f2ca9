/**
 * What a connector produces: one tracker item, normalized across tools, holding only the fields the
 * program model needs. Also the NDJSON import format for tools without a connector
 * (JSON Schema: `config/schemas/source-item.schema.json`, generated from `src/model/source-item.schema.ts`).
 *
 * Dates are ISO 8601 strings: date-only (`2026-03-01`) for due/start dates as trackers keep them,
 * full timestamps for created/updated/completed.
 */
export type StatusCategory = 'todo' | 'in_progress' | 'done';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested';

/** A pointer to an item that may live in another tool or instance (cross-tool `blockedBy`). */
export interface ItemRef {
  tool: string;
  /** The source id from the config (`sources[].id`); empty when only the key is known. */
  instance: string;
  key: string;
}

export interface FixVersion {
  id: string;
  name: string;
  releaseDate?: string | null;
  released?: boolean;
}

export type CustomFieldValue = string | number | boolean | null;

export interface SourceItem {
  /** `jira`, `asana`, or the name of an importing tool (`msproject`, `basecamp`). */
  tool: string;
  /** The config's source id (a Jira site or an Asana workspace). */
  instance: string;
  /** Human key: `EHR-123` for Jira, the task gid for Asana. */
  key: string;
  /** The vendor's stable id (Jira numeric id, Asana gid). */
  id: string;
  url: string;
  /** Free text; may hold PHI. Never logged; quoted only through the redactor. */
  title: string;
  /** Jira issue type name; Asana `resource_subtype` (`default_task`, `milestone`, `approval`). */
  type: string;
  /** The tool's own status name (Jira status, Asana section or `completed`). */
  status: string;
  statusCategory: StatusCategory;
  /** Tool account id of the assignee (never a display name). */
  assignee: string | null;
  /** Jira project key, Asana project gid. */
  project: string;
  created: string;
  updated: string;
  start: string | null;
  due: string | null;
  completed: string | null;
  labels: string[];
  components: string[];
  /** Key of the epic (Jira) or parent task (Asana subtask). */
  parent: string | null;
  /** Asana section name; null for Jira. */
  section: string | null;
  tags: string[];
  /** Custom fields by their display name, with display values. */
  customFields: Record<string, CustomFieldValue>;
  approvalStatus: ApprovalStatus | null;
  priority: string | null;
  resolution: string | null;
  fixVersions: FixVersion[];
  blockedBy: ItemRef[];
  /** A value that changes whenever the item changes (the vendor's updated stamp, or a content hash). */
  version: string;
}

export function itemUid(item: Pick<SourceItem, 'tool' | 'instance' | 'key'>): string {
  return `${item.tool}:${item.instance}:${item.key}`;
}
