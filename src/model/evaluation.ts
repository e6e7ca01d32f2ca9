/**
 * What the health engine returns for one program at one `now`. JSON-friendly: the pipeline stores it as the
 * program snapshot, the API serves it, the notifier turns its risks and escalations into comments and alerts.
 */
import type { ItemRef } from './source-item';
import type { Rag, RagOverride } from './program';

export type Trend = 'up' | 'down' | 'flat';

export type ComponentId = 'schedule' | 'compliance' | 'clinical' | 'flow' | 'hygiene' | 'budget';

/** One reason a component lost points, pointing at the item(s) that cost them. */
export interface Deduction {
  points: number;
  reason: string;
  items: Array<ItemRef & { url: string }>;
}

export interface ComponentScore {
  id: ComponentId;
  score: number;
  weight: number;
  deductions: Deduction[];
}

export interface AppliedCap {
  id: string;
  value: number;
  reason: string;
}

export type GateStateName = 'not_started' | 'in_progress' | 'done' | 'at_risk' | 'overdue';

export interface GateState {
  id: string;
  kind: 'gate' | 'signoff';
  state: GateStateName;
  due: string;
  windowStart: string | null;
  owner: string;
  blocksPhase: string;
  items: Array<ItemRef & { url: string }>;
  daysOverdue: number;
}

export interface MilestoneForecast {
  milestone: string;
  baseline: string;
  method: 'monte_carlo' | 'due_date';
  /** Null when there is not enough history: the output then says "no forecast". */
  p50: string | null;
  p85: string | null;
  slipDays: number;
  remainingItems: number;
  note: string;
}

export type RiskType =
  | 'milestone_slip'
  | 'gate_at_risk'
  | 'gate_overdue'
  | 'signoff_missing'
  | 'cross_tool_block'
  | 'stale_item'
  | 'unassigned_compliance'
  | 'defect_near_golive'
  | 'scope_added'
  | 'budget_overrun';

export interface Risk {
  type: RiskType;
  /** Stable across runs and processes: same subject and window give the same fingerprint. */
  fingerprint: string;
  probability: number;
  impact: number;
  /** probability x impact, 1-25. */
  severity: number;
  level: 'low' | 'medium' | 'high';
  /** Subject id: a gate, sign-off, milestone or item uid. */
  subject: string;
  items: Array<ItemRef & { url: string }>;
  /** No item titles, no PHI. */
  message: string;
  action: string;
  since: string;
}

export type EscalationStatus = 'active' | 'acknowledged' | 'snoozed' | 'closed' | 'paused';

export interface Escalation {
  /** Gate id or compliance item uid. */
  subject: string;
  fingerprint: string;
  /** Highest ladder level reached at `now`, or null before the first. */
  level: string | null;
  levelIndex: number;
  audiences: string[];
  due: string;
  businessDaysOverdue: number;
  status: EscalationStatus;
  /** Levels that should fire (deliver) at this evaluation; the notifier makes it exactly-once. */
  fire: Array<{ level: string; audiences: string[]; fingerprint: string }>;
  items: Array<ItemRef & { url: string }>;
}

export interface PhaseState {
  id: string;
  ready: boolean;
  blockers: string[];
}

export interface EarnedValue {
  ev: number;
  pv: number;
  spi: number | null;
  cpi: number | null;
}

export interface ProgramEvaluation {
  program: string;
  now: string;
  score: number;
  computedRag: Rag;
  rag: Rag;
  /**
   * Direction of the score over `scoring.trend.windowDays`: 'up' / 'down' when the change is at least
   * `thresholds.trendPoints`, else 'flat'. Absent when the history holds no earlier score.
   */
  trend?: Trend;
  override: RagOverride | null;
  lowConfidence: boolean;
  components: ComponentScore[];
  caps: AppliedCap[];
  phases: PhaseState[];
  gates: GateState[];
  signoffs: GateState[];
  forecasts: MilestoneForecast[];
  earnedValue: EarnedValue;
  risks: Risk[];
  escalations: Escalation[];
  counts: { items: number; open: number; done: number; unmapped: number };
}

/** Weekly done counts (for the forecast and flow) and past scores (for the trend), kept by the store. */
export interface ProgramHistory {
  /** Oldest first; `weekStart` is the Monday (`YYYY-MM-DD`) in the program's time zone. */
  throughput: Array<{ weekStart: string; done: number }>;
  /** Oldest first. */
  scores: Array<{ at: string; score: number }>;
}

/** What people did to an escalation (kept by the store, honoured by the engine). */
export interface EscalationRecord {
  subject: string;
  /** Levels already delivered, by the due-date version they were computed for. */
  fired: Array<{ level: string; due: string }>;
  acknowledged: { level: string; by: string; note: string; at: string } | null;
  snoozed: { until: string; reason: string; by: string } | null;
  /** A documented exception (e.g. waiting on the vendor) pauses the clock, for at most the ladder's maxPauseDays. */
  paused: { since: string; reason: string } | null;
}

export interface EvaluationInput {
  program: import('./program').Program;
  items: import('./work-item').WorkItem[];
  history: ProgramHistory;
  escalations: EscalationRecord[];
  now: Date;
}
