/** Mapping rules: `when` (all given conditions must hold; a list matches any of its values), `set` (what to assign). */
import { z } from 'zod';
import { approvalStatuses, idSchema, severities, stringList, workKinds } from './schema-common';

export const ruleMatchSchema = z
  .object({
    source: stringList.optional(),
    tool: stringList.optional(),
    project: stringList.optional(),
    type: stringList.optional(),
    labels: stringList.optional(),
    components: stringList.optional(),
    parent: stringList.optional(),
    section: stringList.optional(),
    tags: stringList.optional(),
    status: stringList.optional(),
    priority: stringList.optional(),
    approvalStatus: z.array(z.enum(approvalStatuses)).min(1).optional(),
    customFields: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)).optional(),
    /** A regular expression, matched case-insensitively against the title. */
    title: z.string().min(1).optional(),
  })
  .strict();

export const severityFromSchema = z
  .object({
    from: z.enum(['priority', 'field']),
    /** Custom-field name when `from: field`. */
    field: z.string().min(1).optional(),
    /** Value → severity; without it `Highest/High/Medium/Low` and `Sev1`/`S1`/`1` shapes are understood. */
    map: z.record(z.string(), z.enum(severities)).optional(),
  })
  .strict();

export const ruleAssignSchema = z
  .object({
    phase: idSchema.optional(),
    /** Defaults from what is set: gate → compliance, signoff → signoff, milestone → milestone, severity → defect, else task. */
    kind: z.enum(workKinds).optional(),
    severity: z.union([z.enum(severities), severityFromSchema]).optional(),
    gate: idSchema.optional(),
    signoff: idSchema.optional(),
    milestone: idSchema.optional(),
    goLiveBlocking: z.boolean().optional(),
    /** The item is go-live blocking when it carries this label. */
    goLiveBlockingLabel: z.string().min(1).optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    id: idSchema,
    description: z.string().optional(),
    when: ruleMatchSchema.prefault({}),
    set: ruleAssignSchema.prefault({}),
  })
  .strict();
