/** `sources:` Jira sites and Asana workspaces. Credentials come from `${ENV}` / `${file:…}` and are never printed. */
import { z } from 'zod';
import { cronSchema, idSchema, secretSchema, urlSchema } from './schema-common';

export const jiraSourceSchema = z
  .object({
    kind: z.literal('jira'),
    id: idSchema,
    baseUrl: urlSchema,
    auth: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('basic'), email: secretSchema, apiToken: secretSchema }).strict(),
      z.object({ kind: z.literal('bearer'), token: secretSchema }).strict(),
    ]),
    jql: z.string().min(1),
    lookbackMinutes: z.number().int().min(0).default(5),
    /** Jira's enhanced search caps a page at 5000 when only ids/few fields are asked for. */
    pageSize: z.number().int().min(1).max(5000).default(100),
    maxConcurrency: z.number().int().min(1).max(64).default(1),
    fixVersionsAsMilestones: z.boolean().default(true),
    /** Jira field id → our name, e.g. `customfield_10020: Severity`. */
    customFields: z.record(z.string(), z.string()).default({}),
    webhookSecret: secretSchema.optional(),
    pollSchedule: cronSchema.optional(),
  })
  .strict();

export const asanaSourceSchema = z
  .object({
    kind: z.literal('asana'),
    id: idSchema,
    baseUrl: urlSchema.default('https://app.asana.com/api/1.0'),
    token: secretSchema,
    workspace: z.string().min(1),
    projects: z.array(z.string().min(1)).min(1, 'list at least one project gid'),
    includeSubtasks: z.boolean().default(false),
    /** Custom field holding a Jira key: the task is blocked by that issue. */
    crossToolField: z.string().min(1).optional(),
    statusUpdates: z.boolean().default(false),
    maxConcurrency: z.number().int().min(1).max(64).default(10),
    webhookSecret: secretSchema.optional(),
    pollSchedule: cronSchema.optional(),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('kind', [jiraSourceSchema, asanaSourceSchema]);

/** Keys whose values are credentials whatever their origin. */
export const SECRET_KEYS = new Set(['apiToken', 'token', 'webhookSecret', 'email', 'password']);
