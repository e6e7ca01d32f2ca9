/**
 * The pipeline's side of the per-program item index (src/store/program-index.ts): which programs an item maps to
 * (the pure mapper, per program, exactly as the evaluation maps), the fingerprint of the rules that decide it, and
 * the rebuild when that fingerprint changed (a config reload, or a store written before the index existed).
 */
import { createHash } from 'node:crypto';
import type { SourceItem } from '../model/source-item';
import type { WorkItem } from '../model/work-item';
import type { PipelineDeps, PipelineProgram } from './types';

const versions = new WeakMap<readonly PipelineProgram[], Map<string, string>>();

function programsFeeding(deps: Pick<PipelineDeps, 'settings'>, source: string): PipelineProgram[] {
  return deps.settings.programs.filter((p) => p.sources.includes(source));
}

/**
 * Fingerprint of everything that decides which programs a source's items belong to. Cached per programs array:
 * a reload swaps the array (reload.ts), so a new config gets a new fingerprint.
 */
export function indexVersion(deps: Pick<PipelineDeps, 'settings'>, source: string): string {
  const programs = deps.settings.programs;
  let bySource = versions.get(programs);
  if (!bySource) versions.set(programs, (bySource = new Map()));
  let v = bySource.get(source);
  if (v === undefined) {
    const basis = programsFeeding(deps, source).map((p) => [p.program.id, p.sources, p.rules, p.statusMap]);
    v = createHash('sha1').update(JSON.stringify(basis)).digest('base64url').slice(0, 16);
    bySource.set(source, v);
  }
  return v;
}

/** For each item, the ids of the programs whose own mapping takes it (the same test the evaluation applies). */
export function programsOfItems(deps: Pick<PipelineDeps, 'settings' | 'mapProgram'>, source: string, items: SourceItem[]): string[][] {
  const out: string[][] = items.map(() => []);
  if (!items.length) return out;
  const position = new Map<string, number>();
  items.forEach((it, i) => position.set(`${it.tool}:${it.instance}:${it.key}`, i));
  for (const pp of programsFeeding(deps, source)) {
    for (const w of deps.mapProgram(pp, items).items) {
      const i = position.get(w.uid);
      if (i !== undefined) out[i]?.push(pp.program.id);
    }
  }
  return out;
}

/**
 * Makes sure the source's index was built with the running rules; one GET when it was. Two workers that find it
 * stale both rebuild (the writes are idempotent); items written meanwhile carry their own index entries.
 */
export async function ensureIndexed(deps: Pick<PipelineDeps, 'settings' | 'mapProgram' | 'store' | 'logger'>, source: string): Promise<void> {
  const version = indexVersion(deps, source);
  if ((await deps.store.index.version(source)) === version) return;
  const changed = await deps.store.index.rebuild(source, (items) => programsOfItems(deps, source, items), version);
  deps.logger.info({ source, version, changed }, 'program index rebuilt');
}

/**
 * The program's mapped items: only the items its index names, loaded and parsed a chunk at a time and mapped with
 * the program's own rules. Members that no longer map (a stale entry after two concurrent writes of one item, or
 * an item deleted meanwhile) are left out and pruned from the index.
 */
export async function loadProgramItems(deps: Pick<PipelineDeps, 'settings' | 'mapProgram' | 'store' | 'logger'>, pp: PipelineProgram): Promise<WorkItem[]> {
  for (const s of pp.sources) await ensureIndexed(deps, s);
  const out: WorkItem[] = [];
  const stale: string[] = [];
  for await (const chunk of deps.store.index.programItems(pp.program.id)) {
    const mapped = deps.mapProgram(pp, chunk.items).items;
    for (const w of mapped) out.push(w);
    stale.push(...chunk.missing);
    if (mapped.length < chunk.items.length) {
      const kept = new Set(mapped.map((w) => w.uid));
      chunk.items.forEach((it, i) => {
        if (!kept.has(`${it.tool}:${it.instance}:${it.key}`)) stale.push(chunk.members[i] as string);
      });
    }
  }
  if (stale.length) {
    const pruned = await deps.store.index.prune(pp.program.id, stale);
    deps.logger.info({ program: pp.program.id, stale: stale.length, pruned }, 'program index: stale members');
  }
  return out;
}
