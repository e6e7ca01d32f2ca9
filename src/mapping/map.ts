/**
 * SourceItem[] → WorkItem[]. Order is explicit: programs in config order, and within a program its rules in the
 * order written; an item is offered only to programs its source feeds, and the first rule that matches maps it.
 * Items no rule takes are reported with the reason (no program for their source, or the closest rule and the
 * conditions it failed). Pure: no I/O, no clock.
 */
import type { SourceItem, WorkItem } from '../model';
import { itemUid } from '../model';
import type { ProgramConfig, VitalsConfig } from '../config';
import type { CompiledRule } from './compile';
import { CaseInsensitiveSet, compileRule, conditionsHeld, failedConditions, failedMask } from './compile';
import type { StatusMap } from './status';
import { compileStatusMap, normalizeStatus } from './status';

export interface Unmapped {
  uid: string;
  /** Names sources, programs, rules and condition keys; never titles or field values. */
  reason: string;
}

export interface MappingResult {
  items: WorkItem[];
  unmapped: Unmapped[];
  /** Items mapped per rule, keyed `program/rule`; every rule is present, with 0 when it mapped nothing. */
  byRule: Record<string, number>;
}

interface CompiledProgram {
  id: string;
  sources: Set<string>;
  rules: CompiledRule[];
  statusMap: StatusMap;
}

function compileProgram(p: ProgramConfig): CompiledProgram {
  const statusMap = compileStatusMap(p.statusMap);
  return {
    id: p.program.id,
    sources: new Set(p.sources.map((s) => s.toLowerCase())),
    rules: p.rules.map((r) => compileRule(p.program.id, r, statusMap)),
    statusMap,
  };
}

/** Compile once, map many times (the pipeline keeps the mapper for the life of a config). */
export function createMapper(programs: readonly ProgramConfig[]): (items: readonly SourceItem[]) => MappingResult {
  const compiled = programs.map(compileProgram);
  const bySource = new Map<string, CompiledProgram[]>();
  for (const p of compiled) for (const s of p.sources) bySource.set(s, [...(bySource.get(s) ?? []), p]);
  // (source id, type) as the items spell them → the rules that can match, in order. Rules that name a source or
  // a type are only offered items of that source or type; the plan is built once per distinct pair.
  const plan = new Map<string, Map<string, CompiledRule[]>>();
  const rulesFor = (instance: string, type: string): CompiledRule[] => {
    let byType = plan.get(instance);
    if (byType === undefined) plan.set(instance, (byType = new Map()));
    let list = byType.get(type);
    if (list === undefined) {
      list = [];
      for (const p of bySource.get(instance.toLowerCase()) ?? [])
        for (const r of p.rules)
          if ((r.sourceSet === null || r.sourceSet.has(instance)) && (r.typeSet === null || r.typeSet.has(type))) list.push(r);
      byType.set(type, list);
    }
    return list;
  };

  return (items) => {
    const counts = new Map<CompiledRule, number>();
    const out: WorkItem[] = [];
    const unmapped: Unmapped[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as SourceItem;
      const r = firstMatch(rulesFor(item.instance, item.type), item);
      if (r === null) {
        unmapped.push(unmappedEntry(item, bySource.get(item.instance.toLowerCase())));
        continue;
      }
      counts.set(r, (counts.get(r) ?? 0) + 1);
      out.push({
        uid: itemUid(item),
        source: item,
        program: r.program,
        phase: r.phase,
        kind: r.kind,
        status: normalizeStatus(item, r.statusMap),
        severity: r.severity(item),
        gate: r.gate,
        signoff: r.signoff,
        milestone: r.milestone,
        goLiveBlocking: r.goLiveBlocking || (r.goLiveBlockingLabel !== null && hasAny(r.goLiveBlockingLabel, item.labels)),
        rule: r.id,
      });
    }
    const byRule: Record<string, number> = {};
    for (const p of compiled) for (const r of p.rules) byRule[r.key] = counts.get(r) ?? 0;
    return { items: out, unmapped, byRule };
  };
}

/**
 * The reason is worked out when read: it scores the item against every rule, and most callers only count the
 * unmapped or show a few examples. A getter keeps `{ uid, reason }` a plain, JSON-serializable shape.
 */
function unmappedEntry(item: SourceItem, candidates: CompiledProgram[] | undefined): Unmapped {
  let reason: string | undefined;
  return {
    uid: itemUid(item),
    get reason(): string {
      return (reason ??= whyNot(item, candidates));
    },
  };
}

function hasAny(set: CaseInsensitiveSet, xs: string[]): boolean {
  for (let i = 0; i < xs.length; i++) if (set.has(xs[i] as string)) return true;
  return false;
}

function firstMatch(rules: CompiledRule[], item: SourceItem): CompiledRule | null {
  for (let j = 0; j < rules.length; j++) {
    const r = rules[j] as CompiledRule;
    if (r.test(item)) return r;
  }
  return null;
}

/** Reasons repeat (same closest rule, same failed conditions), so each distinct one is built once. */
const reasonCache = new WeakMap<CompiledRule, Map<number, string>>();

function whyNot(item: SourceItem, candidates: CompiledProgram[] | undefined): string {
  if (!candidates?.length) return `source \`${item.instance}\` feeds no program`;
  const parts: string[] = [];
  for (const p of candidates) {
    if (!p.rules.length) {
      parts.push(`program \`${p.id}\` has no rules`);
      continue;
    }
    let best = p.rules[0] as CompiledRule;
    let bestHeld = -1;
    for (const r of p.rules) {
      const held = conditionsHeld(r, item);
      if (held > bestHeld) [best, bestHeld] = [r, held];
    }
    const mask = failedMask(best, item);
    let byMask = reasonCache.get(best);
    if (!byMask) reasonCache.set(best, (byMask = new Map()));
    let reason = byMask.get(mask);
    if (reason === undefined) {
      reason = `no rule of program \`${p.id}\` matched (${p.rules.length} rules); closest \`${best.id}\` failed on ${failedConditions(best, item).join(', ')}`;
      byMask.set(mask, reason);
    }
    parts.push(reason);
  }
  return parts.length === 1 ? (parts[0] as string) : parts.join('; ');
}

/** Map items through every program of the config. */
export function mapItems(config: VitalsConfig, items: readonly SourceItem[]): MappingResult {
  return createMapper(config.programs)(items);
}

/** Map items through one program only (its sources and rules). */
export function mapProgramItems(program: ProgramConfig, items: readonly SourceItem[]): MappingResult {
  return createMapper([program])(items);
}
