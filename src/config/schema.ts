/** The whole config file. `vitals config schema` prints `z.toJSONSchema(configSchema)`. */
import { z } from 'zod';
import { channelsSchema } from './channels-schema';
import { cronSchema } from './schema-common';
import { programSchema } from './schema-program';
import { sourceSchema } from './schema-sources';

export const configSchema = z
  .object({
    /** Lets editors find the JSON Schema; ignored by Vitals. */
    $schema: z.string().optional(),
    sources: z.array(sourceSchema).min(1, 'list at least one Jira site or Asana workspace'),
    programs: z.array(programSchema).min(1, 'list at least one program'),
    schedules: z
      .object({ poll: cronSchema.default('*/2 * * * *'), reconcile: cronSchema.default('17 3 * * *') })
      .strict()
      .prefault({}),
    writeback: z
      .object({
        dryRun: z.boolean().default(false),
        resolvedNote: z.boolean().default(true),
        target: z.enum(['item', 'epic']).default('item'),
        titles: z.enum(['redact', 'omit']).default('redact'),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(8080),
        publicUrl: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL').default('http://localhost:8080'),
      })
      .strict()
      .prefault({}),
    audit: z
      .object({
        /** HIPAA keeps documentation 6 years (45 CFR 164.316(b)(2)). */
        retentionDays: z.number().int().min(1).default(2190),
      })
      .strict()
      .prefault({}),
    channels: channelsSchema,
  })
  .strict();

export type ConfigFile = z.output<typeof configSchema>;

/** JSON Schema (draft 2020-12) of the file as written, defaults optional. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
