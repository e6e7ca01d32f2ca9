/**
 * SourceItem[] → WorkItem[]. Order is explicit: programs in config order, and within a program its rules in the
 * order written; an item is offered only to programs its source feeds, and the first rule that matches maps it.
 * Items no rule takes are reported with the reason (no program for their source, or the closest rule and the
 * conditions it failed). Pure: no I/O, no clock.
 */
import type { SourceItem, WorkItem } from '../model';
import { itemUid } from '../model';
import type { ProgramConfig, VitalsConfig } from '../config';
import type { CompiledRule, ItemView } from './compile';
import { compileRule, explain, matches, viewOf } from './compile';
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

  return (items) => {
    const byRule: Record<string, number> = {};
    for (const p of compiled) for (const r of p.rules) byRule[r.key] = 0;
    const out: WorkItem[] = [];
    const unmapped: Unmapped[] = [];
    for (const item of items) {
      const v = viewOf(item);
      const candidates = bySource.get(v.source);
      const hit = candidates ? firstMatch(candidates, v) : null;
      if (!hit) {
        unmapped.push({ uid: itemUid(item), reason: whyNot(item, candidates, v) });
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
        goLiveBlocking: r.goLiveBlocking || (r.goLiveBlockingLabel !== null && v.labels.includes(r.goLiveBlockingLabel)),
        rule: r.id,
      });
    }
    return { items: out, unmapped, byRule };
  };
}

function firstMatch(programs: CompiledProgram[], v: ItemView): [CompiledProgram, CompiledRule] | null {
  for (const p of programs) for (const r of p.rules) if (matches(r, v)) return [p, r];
  return null;
}

function whyNot(item: SourceItem, candidates: CompiledProgram[] | undefined, v: ItemView): string {
  if (!candidates?.length) return `source \`${item.instance}\` feeds no program`;
  const parts: string[] = [];
  for (const p of candidates) {
    if (!p.rules.length) {
      parts.push(`program \`${p.id}\` has no rules`);
      continue;
    }
    let best: { rule: CompiledRule; held: number; failed: string[] } | null = null;
    for (const r of p.rules) {
      const e = explain(r, v);
      if (!best || e.held > best.held) best = { rule: r, ...e };
    }
    if (best) parts.push(`no rule of program \`${p.id}\` matched (${p.rules.length} rules); closest \`${best.rule.id}\` failed on ${best.failed.join(', ')}`);
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
