/**
 * Rules compiled once into ordered predicate lists over pre-built sets and regexes, so that mapping 100k items
 * through 50 rules takes well under a second. String comparisons are case-insensitive.
 */
import type { SourceItem, WorkKind } from '../model';
import type { MappingRule, RuleMatch } from '../config';
import type { SeverityFn } from './severity';
import { compileSeverity } from './severity';
import type { StatusMap } from './status';

/**
 * A case-insensitive set that remembers the answer for each exact string it was asked about. Tracker fields come
 * from small vocabularies (types, statuses, labels, sections), so after the first few items a lookup is one
 * `Set.has` with no lower-casing and no allocation.
 */
export class CaseInsensitiveSet {
  private readonly lower: Set<string>;
  private readonly hit = new Set<string>();
  private readonly miss = new Set<string>();

  constructor(values: Iterable<string>) {
    this.lower = new Set([...values].map((v) => v.toLowerCase()));
  }

  has(x: string): boolean {
    if (this.hit.has(x)) return true;
    if (this.miss.has(x)) return false;
    const found = this.lower.has(x.toLowerCase());
    // Bounded memo: free-text values (rare in matched fields) must not grow it without limit.
    if (this.hit.size + this.miss.size < 10_000) (found ? this.hit : this.miss).add(x);
    return found;
  }
}

export interface Condition {
  /** The `when` key this checks, for the unmapped report. */
  field: string;
  test: (item: SourceItem) => boolean;
}

export interface CompiledRule {
  id: string;
  /** `program/rule`, the key of `byRule`. */
  key: string;
  program: string;
  statusMap: StatusMap;
  conditions: Condition[];
  /**
   * The conditions other than source and type as one closure (the mapper picks candidate rules by source and type
   * up front, see `sourceSet`/`typeSet`): one call per rule on the hot path.
   */
  test: (item: SourceItem) => boolean;
  sourceSet: CaseInsensitiveSet | null;
  typeSet: CaseInsensitiveSet | null;
  phase: string | null;
  kind: WorkKind;
  severity: SeverityFn;
  gate: string | null;
  signoff: string | null;
  milestone: string | null;
  goLiveBlocking: boolean;
  goLiveBlockingLabel: CaseInsensitiveSet | null;
}

type ScalarField = 'instance' | 'tool' | 'project' | 'type' | 'status' | 'priority' | 'section' | 'parent' | 'approvalStatus';
type ListField = 'labels' | 'components' | 'tags';

function scalar(field: string, key: ScalarField, values: readonly string[]): Condition & { set: CaseInsensitiveSet } {
  const set = new CaseInsensitiveSet(values);
  return {
    set,
    field,
    test: (item) => {
      const x = item[key];
      return x !== null && set.has(x);
    },
  };
}

function anyOf(field: string, key: ListField, values: readonly string[]): Condition {
  const set = new CaseInsensitiveSet(values);
  return {
    field,
    test: (item) => {
      const xs = item[key];
      for (let i = 0; i < xs.length; i++) if (set.has(xs[i] as string)) return true;
      return false;
    },
  };
}

function customFields(spec: NonNullable<RuleMatch['customFields']>): Condition[] {
  return Object.entries(spec).map(([name, values]) => {
    const set = new CaseInsensitiveSet(values.map(String));
    return {
      field: `customFields.${name}`,
      test: (item) => {
        const value = item.customFields[name];
        return value !== undefined && value !== null && set.has(typeof value === 'string' ? value : String(value));
      },
    };
  });
}

/** Cheap, selective checks first; the title regex last. */
export function compileRule(programId: string, rule: MappingRule, statusMap: StatusMap): CompiledRule {
  const w = rule.when;
  const c: Condition[] = [];
  const source = w.source ? scalar('source', 'instance', w.source) : null;
  const type = w.type ? scalar('type', 'type', w.type) : null;
  if (source) c.push(source);
  if (w.tool) c.push(scalar('tool', 'tool', w.tool));
  if (w.project) c.push(scalar('project', 'project', w.project));
  if (type) c.push(type);
  if (w.status) c.push(scalar('status', 'status', w.status));
  if (w.priority) c.push(scalar('priority', 'priority', w.priority));
  if (w.approvalStatus) c.push(scalar('approvalStatus', 'approvalStatus', w.approvalStatus));
  if (w.section) c.push(scalar('section', 'section', w.section));
  if (w.parent) c.push(scalar('parent', 'parent', w.parent));
  if (w.labels) c.push(anyOf('labels', 'labels', w.labels));
  if (w.components) c.push(anyOf('components', 'components', w.components));
  if (w.tags) c.push(anyOf('tags', 'tags', w.tags));
  if (w.customFields) c.push(...customFields(w.customFields));
  if (w.title !== undefined) {
    const re = new RegExp(w.title, 'i');
    c.push({ field: 'title', test: (item) => re.test(item.title) });
  }
  const s = rule.set;
  const tests = c.filter((x) => x !== source && x !== type).map((x) => x.test);
  const n = tests.length;
  const [t0, t1, t2] = tests;
  // Unrolled for the common 1–3 condition rules; a loop beyond.
  const test =
    n === 0
      ? () => true
      : n === 1 && t0
        ? t0
        : n === 2 && t0 && t1
          ? (v: SourceItem) => t0(v) && t1(v)
          : n === 3 && t0 && t1 && t2
            ? (v: SourceItem) => t0(v) && t1(v) && t2(v)
            : (v: SourceItem) => {
                for (let i = 0; i < n; i++) if (!(tests[i] as Condition['test'])(v)) return false;
                return true;
              };
  return {
    id: rule.id,
    key: `${programId}/${rule.id}`,
    program: programId,
    statusMap,
    conditions: c,
    test,
    sourceSet: source?.set ?? null,
    typeSet: type?.set ?? null,
    phase: s.phase ?? null,
    kind: s.kind,
    severity: compileSeverity(s.severity),
    gate: s.gate ?? null,
    signoff: s.signoff ?? null,
    milestone: s.milestone ?? null,
    goLiveBlocking: s.goLiveBlocking ?? false,
    goLiveBlockingLabel: s.goLiveBlockingLabel ? new CaseInsensitiveSet([s.goLiveBlockingLabel]) : null,
  };
}

/** How many of the rule's conditions hold: for "why no rule matched". */
export function conditionsHeld(rule: CompiledRule, v: SourceItem): number {
  let held = 0;
  for (const cond of rule.conditions) if (cond.test(v)) held++;
  return held;
}

/** The `when` keys of the conditions this item fails. */
export function failedConditions(rule: CompiledRule, v: SourceItem): string[] {
  return rule.conditions.filter((cond) => !cond.test(v)).map((cond) => cond.field);
}


/** Bit i set when condition i fails (conditions beyond 30 share the top bit): a cheap cache key. */
export function failedMask(rule: CompiledRule, v: SourceItem): number {
  let mask = 0;
  const c = rule.conditions;
  for (let i = 0; i < c.length; i++) if (!(c[i] as Condition).test(v)) mask |= 1 << Math.min(i, 30);
  return mask;
}
