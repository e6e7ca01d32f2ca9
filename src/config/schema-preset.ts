/** A preset (`config/presets/<id>.yaml`): a program type's phases, sign-offs, gates and scoring defaults. */
import { z } from 'zod';
import {
  calendarShape,
  capsShape,
  gateClasses,
  idSchema,
  ladderSchema,
  normalizedStatuses,
  thresholdsShape,
  weightsShape,
} from './schema-common';
import { presetScoringSchema } from './schema-scoring';

export const presetGateSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    regulation: z.string().min(1),
    citation: z.string().min(1),
    ownerRole: z.string().min(1),
    blocksPhase: idSchema,
    leadTimeDays: z.number().int().min(0),
    bufferDays: z.number().int().min(0),
    class: z.enum(gateClasses),
    calendarDays: z.boolean().default(false),
    /** Optional gates (Part 11, GDPR, EPCS...) ship disabled; a program turns them on. */
    enabled: z.boolean().default(true),
  })
  .strict();

export const presetSignoffSchema = z
  .object({
    id: idSchema,
    role: z.string().min(1),
    scope: z.string().min(1),
    blocksPhase: idSchema,
    goNoGo: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();

export const presetSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    description: z.string().optional(),
    phases: z.array(z.object({ id: idSchema, name: z.string().min(1) }).strict()).min(1),
    signoffs: z.array(presetSignoffSchema),
    gates: z.array(presetGateSchema),
    weights: z.object(weightsShape).strict(),
    thresholds: z.object(thresholdsShape).strict(),
    caps: z.object(capsShape).strict(),
    scoring: presetScoringSchema,
    escalation: ladderSchema,
    breachEscalation: ladderSchema.optional(),
    calendar: z.object(calendarShape).strict(),
    statusMap: z.record(z.string(), z.enum(normalizedStatuses)).default({}),
  })
  .strict();

export type PresetFile = z.output<typeof presetSchema>;
