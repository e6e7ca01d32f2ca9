/**
 * The pull job: pages from the connector into the store. A cursor moves only in the MULTI that stores its page,
 * so a worker killed mid-pull resumes from the last stored page and loses nothing.
 */
import { minimizeItems, referencedCustomFields } from './minimize';
import type { ConnectorCursor, TrackerConnector } from '../../connectors/contract';
import { UnrecoverableError as ConnectorUnrecoverable } from '../../connectors/errors';
// Only the metrics module of the API layer: the registry `/metrics` serves (no express, no routes).
import { metrics } from '../metrics';
import type { JobPayload } from './catalog';
import { evaluateDirtySource, scheduleEvaluation, type JobContext } from './context';
import { ensureIndexed, programsOfItems } from './program-index';

export interface PullResult {
  source: string;
  mode: string;
  pages: number;
  fetched: number;
  written: number;
  unchanged: number;
  deleted: number;
}

export function connectorFor(ctx: JobContext, source: string): TrackerConnector {
  const c = ctx.deps.connectors.get(source);
  if (!c) throw new ConnectorUnrecoverable('bad_config', `source ${source} is not configured in this process`);
  return c;
}

/** One pull job, timed into `vitals_pull_duration_seconds` whether it succeeds or throws. */
export async function runPull(ctx: JobContext, p: JobPayload<'pull.source'>): Promise<PullResult> {
  const end = metrics.pullLatency.startTimer({ source: p.source, mode: p.mode });
  try {
    return await pullSource(ctx, p);
  } finally {
    end();
  }
}

async function pullSource(ctx: JobContext, p: JobPayload<'pull.source'>): Promise<PullResult> {
  const { store, clock } = ctx.deps;
  const connector = connectorFor(ctx, p.source);
  const result: PullResult = { source: p.source, mode: p.mode, pages: 0, fetched: 0, written: 0, unchanged: 0, deleted: 0 };
  await store.state.setSourceState(p.source, { status: 'syncing' });
  // The index must match the running rules before pages are indexed against it (one GET when it does).
  await ensureIndexed(ctx.deps, p.source);

  let targeted: string[] | null = null;
  if (p.mode === 'keys') {
    const found = [];
    const gone: string[] = [];
    const keys = [...new Set([...p.keys, ...p.deletedKeys])];
    for (const key of keys) {
      // Never trust the webhook's copy: re-fetch; null means deleted or out of scope.
      const item = await connector.fetchItem(key);
      if (item) found.push(item);
      else gone.push(key);
    }
    // A mark left by an earlier job (or a crash) means more changed than these keys: then evaluate everything.
    const wasDirty = await store.items.isDirty(p.source);
    // The index knows the old programs of each item and the mapper the new ones: both need an evaluation.
    const kept = minimizeItems(found, referencedCustomFields(ctx.deps.settings.programs));
    const saved = await store.items.savePage(p.source, kept, null, programsOfItems(ctx.deps, p.source, kept));
    result.pages = 1;
    result.fetched = found.length;
    result.written = saved.written;
    result.unchanged = saved.unchanged;
    const removed = await store.items.removeItems(p.source, gone);
    result.deleted = removed.deleted;
    if (!wasDirty) targeted = [...new Set([...saved.programs, ...removed.programs])];
  } else {
    let cursor: ConnectorCursor | null = p.mode === 'full' ? null : await store.items.getCursor(p.source);
    for (;;) {
      const page = await connector.pull(cursor, { now: clock(), full: p.mode === 'full' && result.pages === 0 });
      const items = minimizeItems(page.items, referencedCustomFields(ctx.deps.settings.programs));
      const saved = await store.items.savePage(p.source, items, page.cursor, programsOfItems(ctx.deps, p.source, items));
      result.pages += 1;
      result.fetched += page.items.length;
      result.written += saved.written;
      result.unchanged += saved.unchanged;
      await ctx.reportProgress({ source: p.source, fetched: result.fetched, written: result.written, done: !page.hasMore });
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
  }

  const now = clock().toISOString();
  await store.state.setSourceState(p.source, {
    status: 'ok',
    lastSyncAt: now,
    ...(p.mode === 'full' ? { lastFullSyncAt: now } : {}),
    lastError: null,
    items: await store.items.count(p.source),
  });
  if (targeted) {
    for (const program of targeted) await scheduleEvaluation(ctx, program);
    await store.items.clearDirty(p.source);
  } else {
    await evaluateDirtySource(ctx, p.source);
  }
  ctx.log.info({ source: p.source, mode: p.mode, pages: result.pages, fetched: result.fetched, written: result.written }, 'pull done');
  return result;
}

/** Reconcile: one complete listIds pass decides deletions; a failed pass throws before anything is deleted. */
export async function runReconcile(ctx: JobContext, p: JobPayload<'reconcile.source'>): Promise<{ source: string; live: number; deleted: number }> {
  const { store, clock } = ctx.deps;
  const connector = connectorFor(ctx, p.source);
  const ids = await connector.listIds();
  if (ids.complete !== true) throw new ConnectorUnrecoverable('invalid_response', `source ${p.source}: listIds pass was not complete`);
  const gone = await store.items.deleteMissing(p.source, ids.keys);
  if (gone.length) await store.items.markDirty(p.source);
  await store.state.setSourceState(p.source, {
    status: 'ok',
    lastFullSyncAt: clock().toISOString(),
    lastError: null,
    items: await store.items.count(p.source),
  });
  await evaluateDirtySource(ctx, p.source);
  ctx.log.info({ source: p.source, live: ids.keys.length, deleted: gone.length }, 'reconcile done');
  return { source: p.source, live: ids.keys.length, deleted: gone.length };
}
