/**
 * The Jira pull cursor: where the last walk got to, validated with zod. A cursor built for another site or
 * another configured JQL is discarded (the scope changed, so "changed since" means nothing).
 */
import { z } from 'zod';
import type { ConnectorCursor } from '../contract';

export const CursorSchema = z.object({
  connector: z.literal('jira'),
  v: z.literal(1),
  instance: z.string(),
  /** The configured JQL this cursor was built for. */
  jql: z.string(),
  /** A walk in progress: the exact query its page token belongs to. */
  walk: z.object({ mode: z.enum(['search', 'ids']), query: z.string(), token: z.string(), startedAt: z.number() }).nullable(),
  /** Newest `updated` stamp seen, with the offset Jira wrote it in (the API user's time zone). */
  hwm: z.object({ ms: z.number(), offset: z.string().regex(/^[+-]\d{4}$/) }).nullable(),
  /** key → updated ms for items inside the lookback overlap, so a re-read is not handed on as a change. */
  seen: z.record(z.string(), z.number()),
  /**
   * Start of the last complete walk minus the lookback (our clock): everything older was visible to that walk,
   * so the next window need not reach back past it even when the site has been quiet since `hwm`.
   */
  settledMs: z.number().nullable(),
});
export type JiraCursor = z.infer<typeof CursorSchema>;

export function freshCursor(instance: string, jql: string): JiraCursor {
  return { connector: 'jira', v: 1, instance, jql, walk: null, hwm: null, seen: {}, settledMs: null };
}

/** The stored cursor if it is ours and still fits the configuration; otherwise null (start over). */
export function readCursor(raw: ConnectorCursor | null, instance: string, jql: string): JiraCursor | null {
  if (!raw) return null;
  const parsed = CursorSchema.safeParse(raw);
  if (!parsed.success) return null;
  if (parsed.data.instance !== instance || parsed.data.jql !== jql) return null;
  return parsed.data;
}

/** Bounds the overlap memory; beyond it a few re-reads pass through, which at-least-once tolerates. */
const MAX_SEEN = 10_000;

export function trimSeen(seen: Record<string, number>, floorMs: number): Record<string, number> {
  let entries = Object.entries(seen).filter(([, ms]) => ms >= floorMs);
  if (entries.length > MAX_SEEN) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN);
  return Object.fromEntries(entries);
}
