/**
 * Status normalisation onto todo / in_progress / done / cancelled. The program's status map (preset defaults
 * overlaid with the program's own, keys lower-cased) wins; it is tried on the tool's status name, then the Jira
 * resolution, then the Asana section. Otherwise the connector's status category stands (Jira's statusCategory,
 * Asana's completion plus section hints).
 */
import type { NormalizedStatus, SourceItem } from '../model';

export type StatusMap = ReadonlyMap<string, NormalizedStatus>;

export function compileStatusMap(map: Record<string, NormalizedStatus>): StatusMap {
  return new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

export function normalizeStatus(item: SourceItem, map: StatusMap): NormalizedStatus {
  if (map.size > 0) {
    const byStatus = map.get(item.status.toLowerCase());
    if (byStatus) return byStatus;
    if (item.resolution) {
      const byResolution = map.get(item.resolution.toLowerCase());
      if (byResolution) return byResolution;
    }
    if (item.section) {
      const bySection = map.get(item.section.toLowerCase());
      if (bySection) return bySection;
    }
  }
  return item.statusCategory;
}
