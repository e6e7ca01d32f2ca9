/**
 * `scoring:` in a preset (every key optional, defaults from `DEFAULT_SCORING`) and in a program (every key
 * optional, no defaults: what is given overrides the preset, maps merge key by key, lists replace).
 * Both come from one leaf tree typed against `ScoringParams`, so the schema cannot drift from the model.
 */
import { z } from 'zod';
import { DEFAULT_SCORING, type ScoringParams } from '../model';

/** Every key of T (nested objects included) mapped to the zod schema of its value. */
type Spec<T> = {
  [K in keyof T]-?: T[K] extends readonly unknown[] ? z.ZodType<T[K]> : T[K] extends object ? Spec<T[K]> : z.ZodType<T[K]>;
};

/** A partial override of T: nested objects partial too, lists whole. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

const score = z.number().min(0).max(100);
const weight = z.number().min(0);
const scale = z.number().int().min(1).max(5).describe('1–5');
const bonus = z.number().int().min(0).max(4);
const fraction = z.number().gt(0).max(1);
const days = z.number().int().min(0);
const weeks = z.number().int().min(1).max(52);

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number));

const overdueBands = z
  .array(z.object({ maxDays: days, score }).strict())
  .refine((bs) => ascending(bs.map((b) => b.maxDays)), { message: 'bands must be in ascending maxDays order: list the smallest maxDays first' })
  .describe('first band whose maxDays ≥ days overdue gives the score');

const impactBands = z
  .array(fraction)
  .max(4)
  .refine(ascending, { message: 'bounds must be ascending: list the smallest fraction first' })
  .describe('impact = 1 + number of bounds the fraction reaches');

const byClass = { statutory: scale, contractual: scale, advisory: scale };

const SPEC: Spec<ScoringParams> = {
  compliance: {
    notStartedInWindow: score,
    overdueBands,
    overdueBeyond: score,
    classWeights: { statutory: weight, contractual: weight, advisory: weight },
  },
  schedule: { kindWeights: { golive: weight, phase_exit: weight, other: weight } },
  clinical: { pendingBase: score, pendingDoneWeight: score, overdue: score, rejected: score },
  flow: {
    throughputPoints: score,
    agePoints: score,
    blockedPoints: score,
    recentWeeks: weeks,
    baselineWeeks: weeks,
    agePercentile: fraction,
  },
  hygiene: { staleDays: z.number().int().min(1) },
  gateWindow: { atRiskNotStarted: fraction, atRisk: fraction },
  trend: { windowDays: z.number().int().min(1) },
  risk: {
    levels: { medium: z.number().int().min(1).max(25), high: z.number().int().min(1).max(25) },
    impactBands,
    milestoneSlip: { probabilityNoForecast: scale, probabilityP50Late: scale, probabilityP85Late: scale, goLiveImpactBonus: bonus },
    gateAtRisk: { probabilityFirstMark: scale, probabilitySecondMark: scale, notStartedBonus: bonus, impact: byClass, notBlockingGoLiveRelief: bonus },
    gateOverdue: { probability: scale, impact: byClass, notBlockingGoLiveRelief: bonus },
    signoffMissing: { probabilityOverdue: scale, probabilityRejected: scale, probabilityPending: scale, impactGoNoGo: scale, impactOther: scale },
    crossToolBlock: { probability: scale, impactCritical: scale, impactOther: scale },
    staleItem: { probability: scale, probabilityLongIdle: scale, longIdleFactor: z.number().min(1), impactImportant: scale, impactOther: scale },
    unassignedCompliance: { probability: scale, impact: scale },
    defectNearGoLive: { probabilitySev1: scale, probabilitySev2: scale, impactGoLiveBlocking: scale, impactOther: scale },
    scopeAdded: { probability: scale, largeShare: fraction, largeShareImpactBonus: bonus },
    budgetOverrun: { probabilityReported: scale, probabilityOther: scale, impactBonus: bonus },
  },
};

const GROUP_DOCS: Partial<Record<keyof ScoringParams, string>> = {
  compliance: 'per-gate scores (not started in window, overdue bands) and class weights of the compliance mean',
  schedule: 'milestone weights of the schedule mean by kind',
  clinical: 'pending sign-off score = pendingBase + pendingDoneWeight × done fraction; overdue and rejected scores',
  flow: 'delivery flow split (points add up to 100) and its throughput windows in weeks',
  hygiene: 'data-hygiene checks',
  gateWindow: 'lead-window shares at which a gate is at risk (the two gate-at-risk events)',
  trend: 'how far back the trend looks',
  risk: 'probability and impact (1–5) per risk type, exposure levels and impact bands',
};

type Node = z.ZodType | { [k: string]: Node };
const isLeaf = (n: Node): n is z.ZodType => n instanceof z.ZodType;

function build(node: { [k: string]: Node }, defaults: unknown, withDefaults: boolean, docs: Record<string, string> = {}): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of Object.entries(node)) {
    const d = (defaults as Record<string, unknown>)[key];
    let s: z.ZodType;
    if (isLeaf(child)) s = withDefaults ? (child as z.ZodType<unknown>).default(() => structuredClone(d)) : child.optional();
    else s = build(child, d, withDefaults);
    const doc = docs[key];
    shape[key] = doc ? s.describe(doc) : s;
  }
  const obj = z.object(shape).strict();
  return withDefaults ? obj.prefault({}) : obj.optional();
}

/** A preset's `scoring`: anything left out takes the healthcare-domain default. */
export const presetScoringSchema = build(SPEC, DEFAULT_SCORING, true, GROUP_DOCS).describe(
  'scoring parameters (healthcare-domain.md §4–5); every key defaults',
) as unknown as z.ZodType<ScoringParams, DeepPartial<ScoringParams> | undefined>;

/** A program's `scoring`: only what differs from its preset. */
export const programScoringSchema = build(SPEC, DEFAULT_SCORING, false, GROUP_DOCS).describe(
  'overrides of the preset scoring parameters: maps merge key by key, lists replace',
) as unknown as z.ZodType<DeepPartial<ScoringParams> | undefined>;

/** The preset's parameters with a program's overrides: objects merge key by key, lists and numbers replace. */
export function mergeScoring(base: ScoringParams, over: DeepPartial<ScoringParams> | undefined): ScoringParams {
  return over ? (mergeDeep(base, over) as ScoringParams) : structuredClone(base);
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isPlain(base) || !isPlain(over)) return structuredClone(over);
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(over)])) out[k] = mergeDeep(base[k], over[k]);
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Cross-field rules the per-key schema cannot see, checked on the merged result: [path under scoring, message, fix]. */
export function scoringProblems(s: ScoringParams): Array<[path: string[], message: string, fix: string]> {
  const out: Array<[string[], string, string]> = [];
  const f = s.flow;
  const flowSum = f.throughputPoints + f.agePoints + f.blockedPoints;
  if (Math.abs(flowSum - 100) > 1e-9) {
    out.push([['flow'], `flow points add up to ${flowSum}, not 100`, 'make throughputPoints + agePoints + blockedPoints = 100']);
  }
  if (s.clinical.pendingBase + s.clinical.pendingDoneWeight > 100) {
    out.push([['clinical', 'pendingDoneWeight'], 'a pending sign-off could score above 100', 'make pendingBase + pendingDoneWeight ≤ 100']);
  }
  if (s.gateWindow.atRiskNotStarted > s.gateWindow.atRisk) {
    out.push([['gateWindow', 'atRiskNotStarted'], 'the not-started mark is after the at-risk mark', 'make atRiskNotStarted ≤ atRisk']);
  }
  if (s.risk.levels.medium > s.risk.levels.high) {
    out.push([['risk', 'levels', 'medium'], 'the medium exposure level is above the high one', 'make medium ≤ high']);
  }
  return out;
}
