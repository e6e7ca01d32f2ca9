/** Building blocks shared by the config, preset and rule schemas. No transforms: `z.toJSONSchema` must render them. */
import { z } from 'zod';
import cron from 'node-cron';

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an id: letters, digits, dot, dash or underscore');

export const dateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD');

/** A URL, or (in the raw file, before substitution) a `${VAR}` reference that yields one. */
export const urlSchema = z.string().regex(/^(https?:\/\/\S+|\$\{[^}]+\})$/, 'must be an http(s) URL');

export const cronSchema = z.string().refine((s) => s.includes('${') || cron.validate(s), {
  message: 'must be a cron expression (5 fields, or 6 with seconds)',
});

export const secretSchema = z.string().min(1, 'must not be empty');

export const stringList = z.array(z.string().min(1)).min(1, 'must list at least one value');

export const workKinds = ['task', 'milestone', 'compliance', 'signoff', 'defect'] as const;
export const severities = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export const normalizedStatuses = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export const approvalStatuses = ['pending', 'approved', 'rejected', 'changes_requested'] as const;
export const gateClasses = ['statutory', 'contractual', 'advisory'] as const;
export const milestoneKinds = ['golive', 'phase_exit', 'other'] as const;
export const rags = ['green', 'amber', 'red'] as const;

const nonNeg = z.number().min(0);

export const weightsShape = {
  schedule: nonNeg,
  compliance: nonNeg,
  clinical: nonNeg,
  flow: nonNeg,
  hygiene: nonNeg,
  budget: nonNeg,
};

const score = z.number().min(0).max(100);
const days = z.number().int().min(0);

export const thresholdsShape = {
  green: score,
  amber: score,
  curveFactor: z.number().positive(),
  trendPoints: nonNeg,
  staleDays: days,
  lowConfidenceHygiene: score,
  forecastWeeks: z.number().int().min(1),
  forecastMinWeeks: z.number().int().min(1),
  forecastTrials: z.number().int().min(100).max(1_000_000),
  defectWindowDays: days,
  signoffHorizonDays: days,
};

export const capsShape = {
  overdueGateBlockingNext: score,
  statutoryGateNearGoLive: score,
  statutoryGateNearGoLiveDays: days,
  goNoGoSignoffMissing: score,
  goNoGoSignoffMissingDays: days,
  anyGateOverdue: score,
  anyGateOverdueDays: days,
  sev1NearGoLive: score,
  sev1NearGoLiveDays: days,
};

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window_used'), fraction: z.number().gt(0).max(1) }).strict(),
  z.object({ kind: z.literal('before_due'), businessDays: days }).strict(),
  z.object({ kind: z.literal('after_due'), businessDays: days }).strict(),
]);

export const ladderSchema = z
  .object({
    levels: z
      .array(
        z
          .object({
            id: idSchema,
            triggers: z.array(triggerSchema).min(1),
            audiences: stringList,
            action: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
    maxPauseDays: days,
  })
  .strict();

export const freezeWindowSchema = z.object({ start: dateSchema, end: dateSchema, reason: z.string().min(1) }).strict();

export const calendarShape = {
  timeZone: z.string().min(1),
  workDays: z.array(z.number().int().min(1).max(7)).min(1),
  holidays: z.array(dateSchema),
  freezeWindows: z.array(freezeWindowSchema),
};
