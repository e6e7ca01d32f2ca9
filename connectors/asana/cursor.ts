/**
 * The Asana pull cursor: per project, the events sync token and a modified_since watermark (for the fallback
 * pass after a token expires), plus any list pass in progress. It records the project list and is discarded
 * when the configuration changes.
 */
import { z } from 'zod';
import type { ConnectorCursor } from '../contract';

const projectState = z.object({ sync: z.string().nullable(), since: z.string().nullable() });
const pass = z.object({ sync: z.string(), offset: z.string().nullable(), since: z.string().nullable(), startedAt: z.string() });

export const asanaCursorSchema = z.object({
  connector: z.literal('asana'),
  v: z.literal(1),
  instance: z.string(),
  projects: z.array(z.string()),
  includeSubtasks: z.boolean(),
  state: z.record(z.string(), projectState),
  passes: z.record(z.string(), pass),
});
export type AsanaCursor = z.infer<typeof asanaCursorSchema>;
export type ListPass = z.infer<typeof pass>;

export function freshCursor(instance: string, projects: string[], includeSubtasks: boolean): AsanaCursor {
  const sorted = [...projects].sort();
  return {
    connector: 'asana',
    v: 1,
    instance,
    projects: sorted,
    includeSubtasks,
    state: Object.fromEntries(sorted.map((p) => [p, { sync: null, since: null }])),
    passes: {},
  };
}

/** The stored cursor if it is ours and was built for these inputs; otherwise a fresh one (a full pull). */
export function readCursor(raw: ConnectorCursor | null, fresh: AsanaCursor): AsanaCursor {
  if (!raw) return fresh;
  const parsed = asanaCursorSchema.safeParse(raw);
  if (!parsed.success) return fresh;
  const c = parsed.data;
  const same = c.instance === fresh.instance && c.includeSubtasks === fresh.includeSubtasks && c.projects.join(',') === fresh.projects.join(',');
  return same ? c : fresh;
}

export function toConnectorCursor(c: AsanaCursor): ConnectorCursor {
  return structuredClone(c);
}
