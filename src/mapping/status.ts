/**
 * Status normalisation onto todo / in_progress / done / cancelled. The program's status map (preset defaults
 * overlaid with the program's own, keys lower-cased) wins; it is tried on the tool's status name, then the Jira
 * resolution, then the Asana section. Otherwise the connector's status category stands (Jira's statusCategory,
 * Asana's completion plus section hints).
 */
import type { NormalizedStatus, SourceItem } from '../model';

/** Lower-cased status map with a memo per exact spelling, so the hot path does not lower-case (or allocate). */
export class StatusMap {
  private readonly map: Map<string, NormalizedStatus>;
  private readonly memo = new Map<string, NormalizedStatus | null>();

  constructor(map: Record<string, NormalizedStatus>) {
    this.map = new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
  }

  get size(): number {
    return this.map.size;
  }

  get(name: string): NormalizedStatus | null {
    let v = this.memo.get(name);
    if (v === undefined) {
      v = this.map.get(name.toLowerCase()) ?? null;
      if (this.memo.size < 10_000) this.memo.set(name, v);
    }
    return v;
  }
}

export function compileStatusMap(map: Record<string, NormalizedStatus>): StatusMap {
  return new StatusMap(map);
}

export function normalizeStatus(item: SourceItem, map: StatusMap): NormalizedStatus {
  if (map.size > 0) {
    const byStatus = map.get(item.status);
    if (byStatus) return byStatus;
    if (item.resolution) {
      const byResolution = map.get(item.resolution);
      if (byResolution) return byResolution;
    }
    if (item.section) {
      const bySection = map.get(item.section);
      if (bySection) return bySection;
    }
  }
  return item.statusCategory;
}
