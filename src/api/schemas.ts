/**
 * The zod schemas of the PMO API: requests are validated with them, response types are inferred from them, and
 * the OpenAPI document (`./openapi.ts`) is generated from them, so the three cannot drift apart.
 */
import { z } from 'zod';

export const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), 'an ISO 8601 date or timestamp');
export const rag = z.enum(['green', 'amber', 'red']);
const itemLink = z.object({ tool: z.string(), instance: z.string(), key: z.string(), url: z.string() });

// ---- requests ----

export const programParams = z.object({ id });
export const escalationParams = z.object({ id, subject: z.string().min(1).max(300) });

export const itemsQuery = z.object({
  tool: z.enum(['jira', 'asana']).optional(),
  statusCategory: z.enum(['todo', 'in_progress', 'done']).optional(),
  type: z.string().max(100).optional(),
  label: z.string().max(200).optional(),
  assignee: z.string().max(200).optional(),
  dueBefore: date.optional(),
  keyPrefix: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(200) });

export const reportQuery = z.object({ format: z.enum(['html', 'md', 'csv']).default('html') });

export const auditQuery = z.object({
  program: id.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

export const acknowledgeBody = z.strictObject({
  level: z.string().min(1).max(50).optional(),
  note: z.string().max(2000).default(''),
});

export const snoozeBody = z.strictObject({
  until: isoTime.describe('when the escalation clock resumes (at most 30 days ahead)'),
  reason: z.string().min(3).max(2000),
});

export const overrideBody = z.strictObject({
  rag: rag.nullable().describe('null clears the override'),
  reason: z.string().min(3).max(2000).optional(),
  expires: isoTime.optional().describe('a date (through that day) or a timestamp; at most 90 days ahead'),
});

export const createKeyBody = z.strictObject({
  role: z.enum(['viewer', 'pmo', 'admin']),
  programs: z.union([z.literal('*'), z.array(id).min(1).max(500)]),
  label: z.string().max(200).default(''),
});

// ---- responses ----

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

export const milestoneView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['golive', 'phase_exit', 'other']),
  phase: z.string().nullable(),
  baseline: z.string(),
  p50: z.string().nullable(),
  p85: z.string().nullable(),
  slipDays: z.number(),
  method: z.enum(['monte_carlo', 'due_date']).nullable(),
  remainingItems: z.number(),
  note: z.string(),
});

export const overrideView = z.object({ rag, reason: z.string(), by: z.string(), expires: z.string() });

export const portfolioRow = z.object({
  id: z.string(),
  name: z.string(),
  evaluatedAt: z.string().nullable(),
  version: z.string().nullable(),
  score: z.number().nullable(),
  rag: rag.nullable(),
  computedRag: rag.nullable(),
  override: overrideView.nullable(),
  lowConfidence: z.boolean(),
  trend: z.object({ direction: z.enum(['up', 'down', 'flat']), delta: z.number(), points: z.array(z.number()) }),
  nextMilestone: milestoneView.nullable(),
  nextGoLive: milestoneView.nullable(),
  gatesOverdue: z.array(z.string()),
  risks: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
  activeEscalations: z.number(),
  items: z.number(),
});

export const portfolioResponse = z.object({ generatedAt: z.string(), programs: z.array(portfolioRow) });

const gateView = z.object({
  id: z.string(),
  kind: z.enum(['gate', 'signoff']),
  name: z.string(),
  /** Gates: regulation + citation; sign-offs: the signing role. */
  regulation: z.string(),
  citation: z.string(),
  owner: z.string(),
  blocksPhase: z.string(),
  state: z.enum(['not_started', 'in_progress', 'done', 'at_risk', 'overdue']),
  due: z.string(),
  daysOverdue: z.number(),
  items: z.array(itemLink),
});

export const escalationView = z.object({
  subject: z.string(),
  fingerprint: z.string(),
  level: z.string().nullable(),
  audiences: z.array(z.string()),
  due: z.string(),
  businessDaysOverdue: z.number(),
  status: z.enum(['active', 'acknowledged', 'snoozed', 'closed', 'paused']),
  acknowledged: z.object({ level: z.string(), by: z.string(), note: z.string(), at: z.string() }).nullable(),
  snoozedUntil: z.string().nullable(),
  items: z.array(itemLink),
});

export const programDetail = z.object({
  summary: portfolioRow,
  components: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      weight: z.number(),
      deductions: z.array(z.object({ points: z.number(), reason: z.string(), items: z.array(itemLink) })),
    }),
  ),
  caps: z.array(z.object({ id: z.string(), value: z.number(), reason: z.string() })),
  phases: z.array(
    z.object({ id: z.string(), name: z.string(), order: z.number(), start: z.string(), end: z.string(), ready: z.boolean().nullable(), blockers: z.array(z.string()) }),
  ),
  milestones: z.array(milestoneView),
  gates: z.array(gateView),
  signoffs: z.array(gateView),
  risks: z.array(
    z.object({
      type: z.string(),
      fingerprint: z.string(),
      severity: z.number(),
      level: z.enum(['low', 'medium', 'high']),
      subject: z.string(),
      message: z.string(),
      action: z.string(),
      since: z.string(),
      items: z.array(itemLink),
    }),
  ),
  escalations: z.array(escalationView),
  earnedValue: z.object({ ev: z.number(), pv: z.number(), spi: z.number().nullable(), cpi: z.number().nullable() }).nullable(),
  counts: z.object({ items: z.number(), open: z.number(), done: z.number(), unmapped: z.number() }).nullable(),
});

export const itemsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      uid: z.string(),
      tool: z.string(),
      instance: z.string(),
      key: z.string(),
      url: z.string(),
      type: z.string(),
      status: z.string(),
      statusCategory: z.enum(['todo', 'in_progress', 'done']),
      assignee: z.string().nullable(),
      due: z.string().nullable(),
      updated: z.string(),
      labels: z.array(z.string()),
    }).loose(),
  ),
});

export const historyResponse = z.object({ program: z.string(), scores: z.array(z.object({ at: z.string(), score: z.number() })) });

export const writeResponse = z.object({ ok: z.literal(true), audit: z.string() });
export const syncResponse = z.object({ ok: z.literal(true), audit: z.string(), jobs: z.array(z.string()) });
export const createKeyResponse = z.object({ id: z.string(), key: z.string().describe('shown once; store it now') });
export const auditResponse = z.object({
  entries: z.array(
    z.object({ id: z.string(), actor: z.string(), action: z.string(), program: z.string(), item: z.string(), version: z.string(), rule: z.string(), at: z.string(), detail: z.string() }),
  ),
});

export type PortfolioRow = z.infer<typeof portfolioRow>;
export type PortfolioResponse = z.infer<typeof portfolioResponse>;
export type ProgramDetail = z.infer<typeof programDetail>;
export type MilestoneView = z.infer<typeof milestoneView>;
export type GateView = z.infer<typeof gateView>;
export type EscalationView = z.infer<typeof escalationView>;
