/**
 * Zod schema of the `vitals evaluate --json` output (`{ now, programs: ProgramEvaluation[] }`). It generates
 * `config/schemas/evaluation.schema.json` and is checked against the hand-written model types both ways.
 */
import { z } from 'zod';
import type { ProgramEvaluation } from '../model';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('calendar date (YYYY-MM-DD) in the program time zone');
const rag = z.enum(['green', 'amber', 'red']);
const itemLink = z
  .object({ tool: z.string(), instance: z.string(), key: z.string(), url: z.string() })
  .strict()
  .describe('a tracker item (never its title) and its link');

const gateState = z
  .object({
    id: z.string(),
    kind: z.enum(['gate', 'signoff']),
    state: z.enum(['not_started', 'in_progress', 'done', 'at_risk', 'overdue']),
    due: date.describe('gates: blocked phase start minus bufferDays; sign-offs: blocked phase start'),
    windowStart: date.nullable().describe('gates: due minus leadTimeDays; sign-offs: due minus signoffHorizonDays'),
    owner: z.string().describe('owner role id from config'),
    blocksPhase: z.string(),
    items: z.array(itemLink),
    daysOverdue: z.number().int().describe('business days of the program calendar (calendar days for calendarDays gates)'),
  })
  .strict();

const evaluation = z
  .object({
    program: z.string(),
    now: z.string().describe('ISO instant of the evaluation'),
    score: z.number().min(0).max(100).describe('weighted mean of the components, then the lowest applied cap'),
    computedRag: rag,
    rag: rag.describe('the override when one is active, else computedRag'),
    trend: z
      .enum(['up', 'down', 'flat'])
      .optional()
      .describe('score change over scoring.trend.windowDays of history: up/down at thresholds.trendPoints or more; absent without an earlier score'),
    override: z
      .object({ rag, reason: z.string(), by: z.string(), expires: z.string() })
      .strict()
      .nullable()
      .describe('active manual override; expired overrides are ignored and shown as null'),
    lowConfidence: z.boolean().describe('hygiene below thresholds.lowConfidenceHygiene'),
    components: z.array(
      z
        .object({
          id: z.enum(['schedule', 'compliance', 'clinical', 'flow', 'hygiene', 'budget']),
          score: z.number().min(0).max(100),
          weight: z.number(),
          deductions: z.array(z.object({ points: z.number(), reason: z.string(), items: z.array(itemLink) }).strict()),
        })
        .strict(),
    ),
    caps: z.array(z.object({ id: z.string(), value: z.number(), reason: z.string() }).strict()),
    phases: z.array(z.object({ id: z.string(), ready: z.boolean(), blockers: z.array(z.string()) }).strict()),
    gates: z.array(gateState),
    signoffs: z.array(gateState),
    forecasts: z.array(
      z
        .object({
          milestone: z.string(),
          baseline: date,
          method: z.enum(['monte_carlo', 'due_date']),
          p50: date.nullable(),
          p85: date.nullable(),
          slipDays: z.number().int().describe('P85 minus baseline (negative: ahead); due_date method: days past baseline'),
          remainingItems: z.number().int(),
          note: z.string(),
        })
        .strict(),
    ),
    earnedValue: z
      .object({ ev: z.number(), pv: z.number(), spi: z.number().nullable(), cpi: z.number().nullable() })
      .strict()
      .describe('in the budget currency when a budget is configured, else fractions of scope (0..1)'),
    risks: z.array(
      z
        .object({
          type: z.enum([
            'milestone_slip', 'gate_at_risk', 'gate_overdue', 'signoff_missing', 'cross_tool_block',
            'stale_item', 'unassigned_compliance', 'defect_near_golive', 'scope_added', 'budget_overrun',
          ]),
          fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
          probability: z.number().int().min(1).max(5),
          impact: z.number().int().min(1).max(5),
          severity: z.number().int().min(1).max(25),
          level: z.enum(['low', 'medium', 'high']),
          subject: z.string(),
          items: z.array(itemLink),
          message: z.string(),
          action: z.string(),
          since: date,
        })
        .strict(),
    ),
    escalations: z.array(
      z
        .object({
          subject: z.string(),
          fingerprint: z.string(),
          level: z.string().nullable(),
          levelIndex: z.number().int(),
          audiences: z.array(z.string()),
          due: date,
          businessDaysOverdue: z.number().int(),
          status: z.enum(['active', 'acknowledged', 'snoozed', 'closed', 'paused']),
          fire: z.array(z.object({ level: z.string(), audiences: z.array(z.string()), fingerprint: z.string() }).strict()),
          items: z.array(itemLink),
        })
        .strict(),
    ),
    counts: z.object({ items: z.number().int(), open: z.number().int(), done: z.number().int(), unmapped: z.number().int() }).strict(),
  })
  .strict();

export const evaluationOutputSchema = z
  .object({ now: z.string(), programs: z.array(evaluation) })
  .strict()
  .meta({ title: 'vitals evaluate --json', description: 'Health, forecasts, gates, risks and escalation decisions per program. Keys are sorted.' });

// Compile-time agreement with the hand-written model, both ways.
type Parsed = z.output<typeof evaluation>;
const _toModel = (p: Parsed): ProgramEvaluation => p;
const _fromModel = (s: ProgramEvaluation): Parsed => s;
void _toModel;
void _fromModel;

export function evaluationJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(evaluationOutputSchema, { io: 'output' }) as Record<string, unknown>;
}
