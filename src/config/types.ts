/** The loaded, validated, fully resolved config: what every other layer codes against. */
import type { ApprovalStatus, DefectSeverity, NormalizedStatus, Program, WorkKind } from '../model';
import type { ChannelsConfig } from './channels-schema';
import type { ConfigIssue } from './issues';

export interface JiraSourceConfig {
  kind: 'jira';
  id: string;
  baseUrl: string;
  auth: { kind: 'basic'; email: string; apiToken: string } | { kind: 'bearer'; token: string };
  jql: string;
  lookbackMinutes: number;
  pageSize: number;
  maxConcurrency: number;
  fixVersionsAsMilestones: boolean;
  /** Jira field id → our name, e.g. `customfield_10020: 'Severity'`. */
  customFields: Record<string, string>;
  webhookSecret?: string;
  pollSchedule?: string;
}

export interface AsanaSourceConfig {
  kind: 'asana';
  id: string;
  baseUrl: string;
  token: string;
  workspace: string;
  /** Project gids. */
  projects: string[];
  includeSubtasks: boolean;
  /** Custom field holding a Jira key that blocks the task. */
  crossToolField?: string;
  statusUpdates: boolean;
  maxConcurrency: number;
  webhookSecret?: string;
  pollSchedule?: string;
}

export type SourceConfig = JiraSourceConfig | AsanaSourceConfig;

/** Conditions of a rule: every given condition must hold; a list matches when any of its values does. */
export interface RuleMatch {
  source?: string[];
  tool?: string[];
  project?: string[];
  type?: string[];
  labels?: string[];
  components?: string[];
  parent?: string[];
  section?: string[];
  tags?: string[];
  status?: string[];
  priority?: string[];
  approvalStatus?: ApprovalStatus[];
  customFields?: Record<string, Array<string | number | boolean>>;
  /** Regular expression, case-insensitive, against the title. */
  title?: string;
}

export type SeverityAssign =
  | DefectSeverity
  | { from: 'priority' | 'field'; field?: string; map?: Record<string, DefectSeverity> };

export interface RuleAssign {
  phase?: string;
  /** Resolved at load time (see `defaultKind`), so always present. */
  kind: WorkKind;
  severity?: SeverityAssign;
  gate?: string;
  signoff?: string;
  milestone?: string;
  goLiveBlocking?: boolean;
  goLiveBlockingLabel?: string;
}

/** One mapping rule. Rules run in the order written; the first that matches an item maps it. */
export interface MappingRule {
  id: string;
  description?: string;
  when: RuleMatch;
  set: RuleAssign;
}

export interface ProgramConfig {
  /** Fully resolved: preset merged with the program's overrides, every default filled. */
  program: Program;
  /** Source ids feeding this program. */
  sources: string[];
  rules: MappingRule[];
  /** Status name (lower-cased) → normalized status: the preset's defaults overlaid with the program's. */
  statusMap: Record<string, NormalizedStatus>;
}

export interface VitalsConfig {
  file: string;
  sources: SourceConfig[];
  programs: ProgramConfig[];
  schedules: { poll: string; reconcile: string };
  writeback: { dryRun: boolean; resolvedNote: boolean; target: 'item' | 'epic'; titles: 'redact' | 'omit' };
  server: { port: number; publicUrl: string };
  audit: { retentionDays: number };
  channels: ChannelsConfig;
}

export type LoadResult = { ok: true; config: VitalsConfig } | { ok: false; errors: ConfigIssue[] };

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}
