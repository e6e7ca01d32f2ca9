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
import { compileRule, conditionsHeld, failedConditions } from './compile';
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
  return {
    id: p.program.id,
    sources: new Set(p.sources.map((s) => s.toLowerCase())),
    rules: p.rules.map((r) => compileRule(p.program.id, r)),
    statusMap: compileStatusMap(p.statusMap),
  };
}

/** Compile once, map many times (the pipeline keeps the mapper for the life of a config). */
export function createMapper(programs: readonly ProgramConfig[]): (items: readonly SourceItem[]) => MappingResult {
  const compiled = programs.map(compileProgram);
  const bySource = new Map<string, CompiledProgram[]>();
  for (const p of compiled) for (const s of p.sources) bySource.set(s, [...(bySource.get(s) ?? []), p]);
  // Source ids as the items spell them → programs (memoized, so lower-casing happens once per distinct id).
  const programsFor = (instance: string): CompiledProgram[] | undefined => {
    let found = bySource.get(instance);
    if (found === undefined) {
      found = bySource.get(instance.toLowerCase()) ?? [];
      bySource.set(instance, found);
    }
    return found;
  };

  return (items) => {
    const byRule: Record<string, number> = {};
    for (const p of compiled) for (const r of p.rules) byRule[r.key] = 0;
    const out: WorkItem[] = [];
    const unmapped: Unmapped[] = [];
    for (const item of items) {
      const candidates = programsFor(item.instance);
      const hit = candidates ? firstMatch(candidates, item) : null;
      if (!hit) {
        unmapped.push({ uid: itemUid(item), reason: whyNot(item, candidates) });
        continue;
      }
      const [p, r] = hit;
      byRule[r.key] = (byRule[r.key] ?? 0) + 1;
      out.push({
        uid: itemUid(item),
        source: item,
        program: p.id,
        phase: r.phase,
        kind: r.kind,
        status: normalizeStatus(item, p.statusMap),
        severity: r.severity(item),
        gate: r.gate,
        signoff: r.signoff,
        milestone: r.milestone,
        goLiveBlocking: r.goLiveBlocking || (r.goLiveBlockingLabel !== null && item.labels.some((l) => r.goLiveBlockingLabel?.has(l))),
        rule: r.id,
      });
    }
    return { items: out, unmapped, byRule };
  };
}

function firstMatch(programs: CompiledProgram[], v: SourceItem): [CompiledProgram, CompiledRule] | null {
  for (let i = 0; i < programs.length; i++) {
    const p = programs[i] as CompiledProgram;
    const rules = p.rules;
    for (let j = 0; j < rules.length; j++) {
      const r = rules[j] as CompiledRule;
      if (r.test(v)) return [p, r];
    }
  }
  return null;
}

function whyNot(item: SourceItem, candidates: CompiledProgram[] | undefined): string {
  const v = item;
  if (!candidates?.length) return `source \`${item.instance}\` feeds no program`;
  const parts: string[] = [];
  for (const p of candidates) {
    if (!p.rules.length) {
      parts.push(`program \`${p.id}\` has no rules`);
      continue;
    }
    let best: CompiledRule | null = null;
    let bestHeld = -1;
    for (const r of p.rules) {
      const held = conditionsHeld(r, v);
      if (held > bestHeld) [best, bestHeld] = [r, held];
    }
    if (best) parts.push(`no rule of program \`${p.id}\` matched (${p.rules.length} rules); closest \`${best.id}\` failed on ${failedConditions(best, v).join(', ')}`);
  }
  return parts.join('; ');
}

/** Map items through every program of the config. */
export function mapItems(config: VitalsConfig, items: readonly SourceItem[]): MappingResult {
  return createMapper(config.programs)(items);
}

/** Map items through one program only (its sources and rules). */
export function mapProgramItems(program: ProgramConfig, items: readonly SourceItem[]): MappingResult {
  return createMapper([program])(items);
}
