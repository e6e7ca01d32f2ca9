/**
 * The narrow shapes we read from Asana (zod): the SDK returns `any`, so every body is validated here and a
 * surprise becomes `UnrecoverableError('invalid_response')` instead of a silent wrong item.
 */
import { z } from 'zod';

const compact = z.object({ gid: z.string(), name: z.string().nullish() });

export const customFieldSchema = z.object({
  gid: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  display_value: z.string().nullish(),
});

export const taskSchema = z.object({
  gid: z.string(),
  name: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  completed: z.boolean().nullish(),
  completed_at: z.string().nullish(),
  approval_status: z.enum(['pending', 'approved', 'rejected', 'changes_requested']).nullish(),
  due_on: z.string().nullish(),
  due_at: z.string().nullish(),
  start_on: z.string().nullish(),
  start_at: z.string().nullish(),
  created_at: z.string().nullish(),
  modified_at: z.string().nullish(),
  assignee: compact.nullish(),
  memberships: z.array(z.object({ project: compact.nullish(), section: compact.nullish() })).nullish(),
  tags: z.array(compact).nullish(),
  parent: compact.nullish(),
  dependencies: z.array(z.object({ gid: z.string() })).nullish(),
  permalink_url: z.string().nullish(),
  num_subtasks: z.number().nullish(),
  custom_fields: z.array(customFieldSchema).nullish(),
});
export type AsanaTask = z.infer<typeof taskSchema>;

export const nextPageSchema = z.object({ offset: z.string() }).nullish();

export const taskListSchema = z.object({ data: z.array(taskSchema), next_page: nextPageSchema });
export const taskBodySchema = z.object({ data: taskSchema });

export const eventSchema = z.object({
  action: z.string(),
  resource: z.object({ gid: z.string(), resource_type: z.string().nullish() }).nullish(),
  parent: z.object({ gid: z.string(), resource_type: z.string().nullish() }).nullish(),
  created_at: z.string().nullish(),
});
export type AsanaEvent = z.infer<typeof eventSchema>;
export const eventsBodySchema = z.object({ data: z.array(eventSchema), sync: z.string(), has_more: z.boolean().nullish() });
export const syncErrorBodySchema = z.object({ sync: z.string() });

export const storySchema = z.object({
  gid: z.string(),
  type: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  text: z.string().nullish(),
});
export const storyListSchema = z.object({ data: z.array(storySchema), next_page: nextPageSchema });
export const storyBodySchema = z.object({ data: storySchema });

export const statusUpdateSchema = z.object({
  gid: z.string(),
  status_type: z.string().nullish(),
  text: z.string().nullish(),
  title: z.string().nullish(),
});
export const statusListSchema = z.object({ data: z.array(statusUpdateSchema), next_page: nextPageSchema });
export const statusBodySchema = z.object({ data: statusUpdateSchema });

export const batchBodySchema = z.object({
  data: z.array(z.object({ status_code: z.number(), body: z.unknown() })),
});

/** Webhook deliveries: `{events:[...]}`, possibly empty (heartbeat). */
export const deliverySchema = z.object({ events: z.array(eventSchema) });
