import type { SourceItem } from './source-item';

export type WorkKind = 'task' | 'milestone' | 'compliance' | 'signoff' | 'defect';
export type NormalizedStatus = 'todo' | 'in_progress' | 'done' | 'cancelled';
export type DefectSeverity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

/** A tracker item mapped onto the program model by the config's rules. */
export interface WorkItem {
  /** `tool:instance:key`, see `itemUid`. */
  uid: string;
  source: SourceItem;
  program: string;
  phase: string | null;
  kind: WorkKind;
  status: NormalizedStatus;
  severity: DefectSeverity | null;
  gate: string | null;
  signoff: string | null;
  milestone: string | null;
  /** Set by a rule for defects that block go-live. */
  goLiveBlocking: boolean;
  /** Id of the rule that mapped this item. */
  rule: string;
}
