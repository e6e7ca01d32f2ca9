/**
 * Data minimisation before anything is stored: a tracker item keeps only the custom fields some mapping rule of
 * the running config reads (a match condition or a severity field). Asana returns every custom field of a task,
 * and a free-text field may hold PHI; what no rule reads, Vitals has no reason to keep.
 */
import type { SourceItem } from '../model';
import type { PipelineProgram } from './types';

export function referencedCustomFields(programs: readonly PipelineProgram[]): Set<string> {
  const names = new Set<string>();
  for (const p of programs) {
    for (const rule of p.rules) {
      for (const name of Object.keys(rule.when.customFields ?? {})) names.add(name);
      const sev = rule.set.severity;
      if (typeof sev === 'object' && sev.from === 'field' && sev.field) names.add(sev.field);
    }
  }
  return names;
}

export function minimizeItems(items: readonly SourceItem[], keep: ReadonlySet<string>): SourceItem[] {
  return items.map((item) => {
    const names = Object.keys(item.customFields);
    if (names.every((n) => keep.has(n))) return item;
    const customFields: SourceItem['customFields'] = {};
    for (const n of names) if (keep.has(n)) customFields[n] = item.customFields[n] ?? null;
    return { ...item, customFields };
  });
}
