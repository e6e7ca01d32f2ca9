/**
 * The healthcare program model, resolved from config (a preset plus the program's overrides).
 * Plain data; every number a PMO may want to retune lives here rather than in code.
 * Dates are `YYYY-MM-DD` in the program's time zone.
 */

import type { ScoringParams } from './scoring';

export * from './scoring';

export type MilestoneKind = 'golive' | 'phase_exit' | 'other';
export type GateClass = 'statutory' | 'contractual' | 'advisory';
export type Rag = 'green' | 'amber' | 'red';

export interface Phase {
  id: string;
  name: string;
  /** 1-based position; phases run in this order. */
  order: number;
  start: string;
  end: string;
}

export interface Milestone {
  id: string;
  name: string;
  kind: MilestoneKind;
  baseline: string;
  /** The phase this milestone closes, when it is a phase exit or go-live. */
  phase: string | null;
}

export interface ComplianceGate {
  id: string;
  name: string;
  regulation: string;
  citation: string;
  ownerRole: string;
  /** The phase whose start this gate blocks. */
  blocksPhase: string;
  /** How long before the due date the gate work should start. */
  leadTimeDays: number;
  /** Due date = start of the blocked phase minus this buffer. */
  bufferDays: number;
  class: GateClass;
  /** Breach tasks escalate in calendar days against the legal ceiling. */
  calendarDays: boolean;
}

export interface SignOff {
  id: string;
  role: string;
  scope: string;
  /** The phase whose start (exit of the previous phase) needs this sign-off. */
  blocksPhase: string;
  /** Part of the go/no-go panel for go-live. */
  goNoGo: boolean;
}

export interface Budget {
  currency: string;
  /** Budget at completion. */
  bac: number;
  /** Actual cost to date, when finance reports it. */
  actualCost: number | null;
  /** Estimate at completion, when finance reports it. */
  eac: number | null;
}

export type EscalationTrigger =
  | { kind: 'window_used'; fraction: number }
  | { kind: 'before_due'; businessDays: number }
  | { kind: 'after_due'; businessDays: number };

export interface EscalationLevel {
  id: string;
  /** Fires at the earliest of its triggers. */
  triggers: EscalationTrigger[];
  /** Audience ids (`assignee`, `team_lead`, `pmo`, `gate_owner`, `compliance_officer`, `sponsor`, `steering_committee`, ...). */
  audiences: string[];
  action: string;
}

export interface EscalationLadder {
  levels: EscalationLevel[];
  /** Longest pause a documented exception may hold the clock. */
  maxPauseDays: number;
}

export interface FreezeWindow {
  start: string;
  end: string;
  reason: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekday numbers that are working days (1 = Monday ... 7 = Sunday). */
  workDays: number[];
  holidays: string[];
  freezeWindows: FreezeWindow[];
}

export interface Weights {
  schedule: number;
  compliance: number;
  clinical: number;
  flow: number;
  hygiene: number;
  budget: number;
}

export interface Thresholds {
  /** Score at or above which the program is green. */
  green: number;
  /** Score at or above which the program is amber (below: red). */
  amber: number;
  /** Points per unit shortfall in `pts(x) = clamp(100 - factor * x, 0, 100)`. */
  curveFactor: number;
  /** 7-day change that earns a trend arrow. */
  trendPoints: number;
  /** In-progress item with no update for this many days is stale. */
  staleDays: number;
  /** Hygiene below this shows "low confidence". */
  lowConfidenceHygiene: number;
  /** Weeks of throughput history the forecast uses, and the minimum it needs. */
  forecastWeeks: number;
  forecastMinWeeks: number;
  forecastTrials: number;
  /** Days before go-live within which an open Sev1/Sev2 defect is a risk. */
  defectWindowDays: number;
  /** Sign-offs due further away than this score full marks while pending. */
  signoffHorizonDays: number;
}

export interface Caps {
  overdueGateBlockingNext: number;
  statutoryGateNearGoLive: number;
  statutoryGateNearGoLiveDays: number;
  goNoGoSignoffMissing: number;
  goNoGoSignoffMissingDays: number;
  anyGateOverdue: number;
  anyGateOverdueDays: number;
  sev1NearGoLive: number;
  sev1NearGoLiveDays: number;
}

export interface RagOverride {
  rag: Rag;
  reason: string;
  by: string;
  expires: string;
}

export interface Program {
  id: string;
  name: string;
  /** The preset this program extends. */
  preset: string;
  /** Baseline start of the program (first phase start unless set). */
  start: string;
  calendar: BusinessCalendar;
  phases: Phase[];
  milestones: Milestone[];
  gates: ComplianceGate[];
  signoffs: SignOff[];
  budget: Budget | null;
  escalation: EscalationLadder;
  weights: Weights;
  thresholds: Thresholds;
  caps: Caps;
  override: RagOverride | null;
  /** Tracker items created after this date count as scope added after baseline. */
  baselineDate: string | null;
  /**
   * Ladder for logged breach tasks (gates with `calendarDays`): its `after_due` days count calendar days against
   * the 60-day notification ceiling. Absent when the preset has none; then `escalation` applies.
   */
  breachEscalation?: EscalationLadder;
  /**
   * Scoring and risk parameters. The config loader always fills it (preset values, then the program's overrides);
   * a program built in code may leave it out and gets `DEFAULT_SCORING`.
   */
  scoring?: ScoringParams;
}
