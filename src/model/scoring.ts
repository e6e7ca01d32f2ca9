/**
 * The scoring model's tunable numbers, split from `program.ts` to keep files small; `program.ts` re-exports it.
 * Plain data and its defaults; no I/O.
 */
import type { GateClass, MilestoneKind } from './program';

/** Gate-overdue band of the compliance score: a gate overdue by at most `maxDays` (and more than the previous band) scores `score`. */
export interface OverdueBand {
  maxDays: number;
  score: number;
}

/**
 * The scoring model's tunable numbers (healthcare-domain.md §4): per-subject scores, multipliers, flow split and
 * windows, and the probability × impact (1–5 each) of every risk type. Every field has a default
 * (`DEFAULT_SCORING`); a preset or a program overrides what differs.
 */
export interface ScoringParams {
  compliance: {
    /** Score of an open gate whose lead window has opened while none of its work has started. */
    notStartedInWindow: number;
    /** Overdue gates, by days overdue (on the gate's clock): the first band with `maxDays` ≥ days overdue applies. Ascending. */
    overdueBands: OverdueBand[];
    /** Score of a gate overdue past the last band. */
    overdueBeyond: number;
    /** Weight of a gate in the compliance mean by its class. */
    classWeights: Record<GateClass, number>;
  };
  schedule: {
    /** Weight of a milestone in the schedule mean by its kind. */
    kindWeights: Record<MilestoneKind, number>;
  };
  clinical: {
    /** A pending sign-off within the horizon scores `pendingBase + pendingDoneWeight · (done fraction of its items)`. */
    pendingBase: number;
    pendingDoneWeight: number;
    /** Score of an overdue sign-off. */
    overdue: number;
    /** Score of a rejected sign-off (or one sent back for changes). */
    rejected: number;
  };
  flow: {
    /** Points for throughput: `throughputPoints · min(1, mean of the last recentWeeks / median of the baselineWeeks before)`. */
    throughputPoints: number;
    /** Points for WIP age: `agePoints · (1 − share of WIP older than the agePercentile cycle time)`. */
    agePoints: number;
    /** Points for blocking: `blockedPoints · (1 − blocked share of open items)`. The three points add up to 100. */
    blockedPoints: number;
    recentWeeks: number;
    baselineWeeks: number;
    /** Cycle-time percentile (0–1) that WIP age is compared with. */
    agePercentile: number;
  };
  hygiene: {
    /** An in-progress item with no update for this many days is a data defect (the risk side uses `thresholds.staleDays`). */
    staleDays: number;
  };
  gateWindow: {
    /** Share of the lead window used at which a gate not yet started is at risk (and the first gate-at-risk event). */
    atRiskNotStarted: number;
    /** Share of the lead window used at which any open gate is at risk (the second gate-at-risk event). */
    atRisk: number;
  };
  trend: {
    /** The trend compares the score with the latest history score at least this many days old. */
    windowDays: number;
  };
  risk: RiskParams;
}

/** Probability and impact (1–5 each) per risk type, and the bands that turn a fraction into an impact. */
export interface RiskParams {
  /** Exposure (probability × impact) at which a risk is medium / high (PMBOK 5×5: 6 and 15). */
  levels: { medium: number; high: number };
  /** Impact of a slip or overrun fraction: 1 below the first bound, +1 for each bound reached (PMBOK 5 %, 10 %, 20 %). Ascending. */
  impactBands: number[];
  milestoneSlip: {
    /** Probability when there is no forecast and the baseline has passed, when P50 is late, when only P85 is. */
    probabilityNoForecast: number;
    probabilityP50Late: number;
    probabilityP85Late: number;
    /** Added to the band impact for a go-live milestone. */
    goLiveImpactBonus: number;
  };
  gateAtRisk: {
    /** Probability at the first / second window mark; `notStartedBonus` is added while no work has started. */
    probabilityFirstMark: number;
    probabilitySecondMark: number;
    notStartedBonus: number;
    /** Impact by gate class; `notBlockingGoLiveRelief` is subtracted when the gate does not block a go-live. */
    impact: Record<GateClass, number>;
    notBlockingGoLiveRelief: number;
  };
  gateOverdue: {
    probability: number;
    /** Impact by gate class; `notBlockingGoLiveRelief` is subtracted for a non-statutory gate that does not block a go-live. */
    impact: Record<GateClass, number>;
    notBlockingGoLiveRelief: number;
  };
  signoffMissing: {
    probabilityOverdue: number;
    probabilityRejected: number;
    probabilityPending: number;
    impactGoNoGo: number;
    impactOther: number;
  };
  crossToolBlock: {
    probability: number;
    /** Impact when the blocked item is compliance, sign-off, milestone or go-live-blocking work, and otherwise. */
    impactCritical: number;
    impactOther: number;
  };
  staleItem: {
    probability: number;
    /** Probability once idle for `longIdleFactor` × `thresholds.staleDays`. */
    probabilityLongIdle: number;
    longIdleFactor: number;
    /** Impact for compliance, sign-off or milestone items, and otherwise. */
    impactImportant: number;
    impactOther: number;
  };
  unassignedCompliance: { probability: number; impact: number };
  defectNearGoLive: {
    probabilitySev1: number;
    probabilitySev2: number;
    impactGoLiveBlocking: number;
    impactOther: number;
  };
  scopeAdded: {
    probability: number;
    /** Added to the band impact when at least `largeShare` of a phase's items were added. */
    largeShare: number;
    largeShareImpactBonus: number;
  };
  budgetOverrun: {
    /** Probability when finance reports actuals or an EAC, and otherwise. */
    probabilityReported: number;
    probabilityOther: number;
    /** Added to the band impact. */
    impactBonus: number;
  };
}

/** The defaults of healthcare-domain.md §4–5 (the built-in presets carry the same values). */
export const DEFAULT_SCORING: ScoringParams = {
  compliance: {
    notStartedInWindow: 80,
    overdueBands: [{ maxDays: 3, score: 60 }, { maxDays: 7, score: 30 }],
    overdueBeyond: 0,
    classWeights: { statutory: 3, contractual: 2, advisory: 1 },
  },
  schedule: { kindWeights: { golive: 3, phase_exit: 2, other: 1 } },
  clinical: { pendingBase: 50, pendingDoneWeight: 50, overdue: 0, rejected: 0 },
  flow: { throughputPoints: 40, agePoints: 30, blockedPoints: 30, recentWeeks: 4, baselineWeeks: 8, agePercentile: 0.85 },
  hygiene: { staleDays: 30 },
  gateWindow: { atRiskNotStarted: 0.5, atRisk: 0.75 },
  trend: { windowDays: 7 },
  risk: {
    levels: { medium: 6, high: 15 },
    impactBands: [0.05, 0.1, 0.2],
    milestoneSlip: { probabilityNoForecast: 5, probabilityP50Late: 4, probabilityP85Late: 3, goLiveImpactBonus: 1 },
    gateAtRisk: {
      probabilityFirstMark: 2, probabilitySecondMark: 3, notStartedBonus: 1,
      impact: { statutory: 5, contractual: 4, advisory: 3 }, notBlockingGoLiveRelief: 1,
    },
    gateOverdue: { probability: 5, impact: { statutory: 5, contractual: 4, advisory: 3 }, notBlockingGoLiveRelief: 1 },
    signoffMissing: { probabilityOverdue: 5, probabilityRejected: 4, probabilityPending: 3, impactGoNoGo: 5, impactOther: 4 },
    crossToolBlock: { probability: 3, impactCritical: 4, impactOther: 2 },
    staleItem: { probability: 3, probabilityLongIdle: 4, longIdleFactor: 2, impactImportant: 3, impactOther: 2 },
    unassignedCompliance: { probability: 4, impact: 3 },
    defectNearGoLive: { probabilitySev1: 5, probabilitySev2: 4, impactGoLiveBlocking: 5, impactOther: 4 },
    scopeAdded: { probability: 3, largeShare: 0.2, largeShareImpactBonus: 1 },
    budgetOverrun: { probabilityReported: 4, probabilityOther: 3, impactBonus: 1 },
  },
};
