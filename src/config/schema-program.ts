/** `programs[]`: a program extends a preset and overrides what differs; maps keyed by id merge with the preset's. */
import { z } from 'zod';
import {
  calendarShape,
  capsShape,
  dateSchema,
  gateClasses,
  idSchema,
  ladderSchema,
  milestoneKinds,
  normalizedStatuses,
  rags,
  thresholdsShape,
  weightsShape,
} from './schema-common';
import { ruleSchema } from './schema-rules';
import { programScoringSchema } from './schema-scoring';

const phaseOverride = z
  .object({
    name: z.string().min(1).optional(),
    start: dateSchema.optional(),
    end: dateSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

const gateOverride = z
  .object({
    name: z.string().min(1).optional(),
    regulation: z.string().min(1).optional(),
    citation: z.string().min(1).optional(),
    ownerRole: z.string().min(1).optional(),
    blocksPhase: idSchema.optional(),
    leadTimeDays: z.number().int().min(0).optional(),
    bufferDays: z.number().int().min(0).optional(),
    class: z.enum(gateClasses).optional(),
    calendarDays: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const signoffOverride = z
  .object({
    role: z.string().min(1).optional(),
    scope: z.string().min(1).optional(),
    blocksPhase: idSchema.optional(),
    goNoGo: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const milestone = z
  .object({
    name: z.string().min(1).optional(),
    kind: z.enum(milestoneKinds).default('other'),
    baseline: dateSchema,
    phase: idSchema.nullable().default(null),
  })
  .strict();

export const programSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).optional(),
    /** A preset id (`ehr-implementation`) or a path to a preset file relative to this config. */
    extends: z.string().min(1),
    sources: z.array(idSchema).min(1, 'list the source ids that feed this program'),
    start: dateSchema.optional(),
    baselineDate: dateSchema.nullable().optional(),
    calendar: z.object(calendarShape).partial().strict().prefault({}),
    phases: z.record(idSchema, phaseOverride).default({}),
    milestones: z.record(idSchema, milestone).default({}),
    gates: z.record(idSchema, gateOverride).default({}),
    signoffs: z.record(idSchema, signoffOverride).default({}),
    weights: z.object(weightsShape).partial().strict().prefault({}),
    thresholds: z.object(thresholdsShape).partial().strict().prefault({}),
    caps: z.object(capsShape).partial().strict().prefault({}),
    scoring: programScoringSchema,
    escalation: ladderSchema.partial().strict().prefault({}),
    budget: z
      .object({
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').default('USD'),
        bac: z.number().min(0),
        actualCost: z.number().min(0).nullable().default(null),
        eac: z.number().min(0).nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null),
    override: z
      .object({ rag: z.enum(rags), reason: z.string().min(1), by: z.string().min(1), expires: dateSchema })
      .strict()
      .nullable()
      .default(null),
    /** Status name (Jira status or Asana section, case-insensitive) → normalized status; wins over the defaults. */
    statusMap: z.record(z.string(), z.enum(normalizedStatuses)).default({}),
    /** Tried in order; the first rule that matches an item maps it. */
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export type ProgramFile = z.output<typeof programSchema>;
