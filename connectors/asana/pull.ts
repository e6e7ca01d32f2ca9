/**
 * Pull: events per project as hints, list passes when a token is new or expired.
 * - No token (first run) or a 412: take the fresh token from the 412, then walk GET /tasks?project=…
 *   (with modified_since = the watermark after an expiry), several projects in parallel, a few pages each per call.
 * - With a token: one events call per project; changed task gids are re-fetched (Batch API, 10 per request, or one
 *   modified_since list when more than 10 changed), never trusted from the event.
 */
import type { SourceItem } from '../../src/model/source-item';
import type { PullOptions, PullPage } from '../contract';
import { BATCH_MAX, type AsanaApi } from './api';
import { SyncTokenExpired } from './client';
import { freshCursor, readCursor, toConnectorCursor, type AsanaCursor, type ListPass } from './cursor';
import { mapLimit } from './limiter';
import { normalizeTask } from './normalize';
import { taskSchema, type AsanaEvent, type AsanaTask } from './schemas';
import type { ConnectorCursor } from '../contract';

export interface PullContext {
  api: AsanaApi;
  instance: string;
  projects: string[];
  includeSubtasks: boolean;
  crossToolField?: string;
  maxConcurrency: number;
}

/** Pages one pass may fetch per pull call: bounded pages, yet enough work to keep the limiter busy. */
const PAGES_PER_PASS = 10;
/** Watermarks step back this far so a clock skew between us and Asana cannot hide a change. */
const SKEW_MS = 5 * 60_000;
const SUBTASK_DEPTH = 3;

export async function pull(ctx: PullContext, raw: ConnectorCursor | null, options: PullOptions): Promise<PullPage> {
  const c = readCursor(raw, freshCursor(ctx.instance, ctx.projects, ctx.includeSubtasks));
  const now = options.now.toISOString();
  const starting = new Set(c.projects.filter((p) => !c.passes[p] && (options.full || !c.state[p]?.sync)));
  const items = new Map<string, SourceItem>();
  const active = [...new Set([...Object.keys(c.passes), ...starting])].sort();
  if (active.length > 0) {
    // Each project takes its token and walks its pages in one chain: no barrier between the two steps, so one
    // events call sitting out a Retry-After holds back its own project only.
    await mapLimit(active, ctx.maxConcurrency, async (p) => {
      if (starting.has(p)) {
        const fresh = await freshToken(ctx, p, null);
        c.passes[p] = { sync: fresh, offset: null, since: options.full ? null : (c.state[p]?.since ?? null), startedAt: now };
      }
      await advancePass(ctx, c, p, items);
    });
  } else {
    await mapLimit(c.projects, ctx.maxConcurrency, (p) => pollEvents(ctx, c, p, now, items));
  }
  return { items: [...items.values()], cursor: toConnectorCursor(c), hasMore: Object.keys(c.passes).length > 0 };
}

/** A 412 is the documented way to get a first token; a 200 here means the token we had still works. */
async function freshToken(ctx: PullContext, project: string, sync: string | null): Promise<string> {
  try {
    const body = await ctx.api.getEvents(project, sync);
    return body.sync;
  } catch (err) {
    if (err instanceof SyncTokenExpired) return err.freshSync;
    throw err;
  }
}

async function advancePass(ctx: PullContext, c: AsanaCursor, project: string, items: Map<string, SourceItem>): Promise<void> {
  const pass = c.passes[project] as ListPass;
  for (let page = 0; page < PAGES_PER_PASS; page++) {
    const body = await ctx.api.getTaskPage(project, { offset: pass.offset, modifiedSince: pass.since });
    await addTasks(ctx, project, body.data, items);
    pass.offset = body.next_page?.offset ?? null;
    if (!pass.offset) {
      const since = new Date(new Date(pass.startedAt).getTime() - SKEW_MS).toISOString();
      c.state[project] = { sync: pass.sync, since };
      delete c.passes[project];
      return;
    }
  }
}

async function pollEvents(ctx: PullContext, c: AsanaCursor, project: string, now: string, items: Map<string, SourceItem>): Promise<void> {
  const state = c.state[project] ?? { sync: null, since: null };
  const events: AsanaEvent[] = [];
  let sync = state.sync;
  try {
    for (;;) {
      const body = await ctx.api.getEvents(project, sync);
      events.push(...body.data);
      sync = body.sync;
      if (!body.has_more) break;
    }
  } catch (err) {
    if (!(err instanceof SyncTokenExpired)) throw err;
    // Events were lost with the token: walk what changed since the watermark, from the fresh token on.
    c.passes[project] = { sync: err.freshSync, offset: null, since: state.since, startedAt: now };
    return;
  }
  const changed = changedTaskGids(events);
  if (changed.size > 0) await refetch(ctx, project, changed, events, items);
  c.state[project] = { sync, since: new Date(new Date(now).getTime() - SKEW_MS).toISOString() };
}

/** Tasks named by events (a story event names its task as parent); deletions are left to listIds. */
export function changedTaskGids(events: AsanaEvent[]): Set<string> {
  const gids = new Set<string>();
  for (const e of events) {
    if (e.resource?.resource_type === 'task' && e.action !== 'deleted' && e.action !== 'removed') gids.add(e.resource.gid);
    else if (e.resource?.resource_type === 'story' && e.parent?.resource_type === 'task') gids.add(e.parent.gid);
  }
  return gids;
}

async function refetch(ctx: PullContext, project: string, changed: Set<string>, events: AsanaEvent[], items: Map<string, SourceItem>): Promise<void> {
  const left = new Set(changed);
  if (changed.size > BATCH_MAX) {
    // Many changes: one list read returns up to 100 of them per request; the batch mops up the rest.
    // Event stamps and modified_at come from the same (Asana's) clock, so no skew margin is needed here.
    const since = events.map((e) => e.created_at ?? '').filter(Boolean).sort()[0] ?? null;
    let offset: string | null = null;
    do {
      const body = await ctx.api.getTaskPage(project, { offset, modifiedSince: since });
      const hits = body.data.filter((t) => left.has(t.gid));
      hits.forEach((t) => left.delete(t.gid));
      await addTasks(ctx, project, hits, items, false);
      offset = body.next_page?.offset ?? null;
    } while (offset);
  }
  const gids = [...left];
  const chunks: string[][] = [];
  for (let i = 0; i < gids.length; i += BATCH_MAX) chunks.push(gids.slice(i, i + BATCH_MAX));
  const results = await mapLimit(chunks, ctx.maxConcurrency, (chunk) => ctx.api.getTasksBatch(chunk));
  const tasks: AsanaTask[] = [];
  for (const r of results.flatMap((b) => b.data)) {
    if (r.status_code !== 200) continue; // 404: deleted since the event; listIds will notice.
    const parsed = taskSchema.safeParse((r.body as { data?: unknown } | null)?.data);
    if (parsed.success) tasks.push(parsed.data);
  }
  await addTasks(ctx, project, tasks, items, false);
}

async function addTasks(ctx: PullContext, project: string, tasks: AsanaTask[], items: Map<string, SourceItem>, walkSubtasks = true, depth = 0): Promise<void> {
  for (const task of tasks) {
    if (task.parent && !ctx.includeSubtasks) continue;
    items.set(task.gid, normalizeTask(task, { instance: ctx.instance, project, crossToolField: ctx.crossToolField }));
    if (walkSubtasks && ctx.includeSubtasks && depth < SUBTASK_DEPTH && (task.num_subtasks ?? 0) > 0) {
      let offset: string | null = null;
      do {
        const body = await ctx.api.getSubtaskPage(task.gid, offset);
        await addTasks(ctx, project, body.data, items, true, depth + 1);
        offset = body.next_page?.offset ?? null;
      } while (offset);
    }
  }
}
