/** Runtime schema of an `Alert`, for the notify queue's job payloads (validated where a job is read back). */
import { z } from 'zod';
import type { Alert } from './alert';

export const alertSchema = z
  .object({
    kind: z.enum(['risk', 'escalation', 'digest', 'test']),
    fingerprint: z.string().min(1),
    level: z.string().min(1),
    severity: z.enum(['low', 'medium', 'high']),
    programId: z.string().min(1),
    subject: z.string(),
    heading: z.string().min(1),
    lines: z.array(z.string()),
    links: z.array(
      z.object({ rel: z.enum(['item', 'program', 'ack', 'snooze']), text: z.string().min(1), url: z.string().regex(/^https?:\/\//) }).strict(),
    ),
    audience: z.array(z.string().min(1)),
    ownerRole: z.string().min(1).optional(),
  })
  .strict();

// Fails to compile when the schema and the interface drift apart.
const _sameShape: (a: z.infer<typeof alertSchema>) => Alert = (a) => a;
const _sameShapeBack: (a: Alert) => z.infer<typeof alertSchema> = (a) => a;
void _sameShape;
void _sameShapeBack;
