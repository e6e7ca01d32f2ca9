/**
 * Zod schema of `SourceItem`: validates NDJSON import lines and generates `config/schemas/source-item.schema.json`
 * (the import format for tools without a connector). A test keeps the two, and the TypeScript type, in step.
 */
import { z } from 'zod';
import type { SourceItem } from './source-item';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO 8601 date or timestamp');

const itemRef = z.object({ tool: z.string().min(1), instance: z.string(), key: z.string().min(1) }).strict();

export const sourceItemSchema = z
  .object({
    tool: z.string().min(1),
    instance: z.string().min(1),
    key: z.string().min(1),
    id: z.string().min(1),
    url: z.string(),
    title: z.string(),
    type: z.string(),
    status: z.string(),
    statusCategory: z.enum(['todo', 'in_progress', 'done']),
    assignee: z.string().nullable(),
    project: z.string(),
    created: isoDate,
    updated: isoDate,
    start: isoDate.nullable(),
    due: isoDate.nullable(),
    completed: isoDate.nullable(),
    labels: z.array(z.string()),
    components: z.array(z.string()),
    parent: z.string().nullable(),
    section: z.string().nullable(),
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    approvalStatus: z.enum(['pending', 'approved', 'rejected', 'changes_requested']).nullable(),
    priority: z.string().nullable(),
    resolution: z.string().nullable(),
    fixVersions: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          releaseDate: z.string().nullable().optional(),
          released: z.boolean().optional(),
        })
        .strict(),
    ),
    blockedBy: z.array(itemRef),
    version: z.string(),
  })
  .strict()
  .meta({ title: 'SourceItem', description: 'One tracker item, normalized across tools (one NDJSON line per item).' });

// Compile-time agreement with the hand-written interface, both ways.
type Parsed = z.output<typeof sourceItemSchema>;
const _toModel = (p: Parsed): SourceItem => p;
const _fromModel = (s: SourceItem): Parsed => s;
void _toModel;
void _fromModel;

export function sourceItemJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(sourceItemSchema, { io: 'input' }) as Record<string, unknown>;
}
