/** Check a program's rules against its resolved model and fill each rule's kind. */
import type { Program, WorkKind } from '../model';
import { didYouMean } from './did-you-mean';
import type { PathSegment } from './issues';
import type { ResolveContext } from './resolve';
import type { ProgramFile } from './schema-program';
import type { MappingRule } from './types';
import { issueAt } from './yaml-doc';

type RuleFile = ProgramFile['rules'][number];

/** What a rule maps to when it does not say: the most specific thing it sets. */
export function defaultKind(set: RuleFile['set']): WorkKind {
  if (set.kind) return set.kind;
  if (set.gate) return 'compliance';
  if (set.signoff) return 'signoff';
  if (set.milestone) return 'milestone';
  if (set.severity) return 'defect';
  return 'task';
}

export function resolveRules(ctx: ResolveContext, p: ProgramFile, program: Program, sourceIds: ReadonlySet<string>): MappingRule[] {
  const at = (path: PathSegment[], message: string, fix: string) => ctx.issues.push(issueAt(ctx.src, [...ctx.base, 'rules', ...path], message, fix));
  const refs: Array<['phase' | 'gate' | 'signoff' | 'milestone', string[], string]> = [
    ['phase', program.phases.map((x) => x.id), 'phase'],
    ['gate', program.gates.map((x) => x.id), 'gate'],
    ['signoff', program.signoffs.map((x) => x.id), 'sign-off'],
    ['milestone', program.milestones.map((x) => x.id), 'milestone'],
  ];
  const seen = new Set<string>();
  return p.rules.map((r, i): MappingRule => {
    if (seen.has(r.id)) at([i, 'id'], `rule id \`${r.id}\` is used twice in this program`, 'give each rule its own id');
    seen.add(r.id);
    for (const [key, known, what] of refs) {
      const value = r.set[key];
      if (value === undefined || known.includes(value)) continue;
      const guess = didYouMean(value, known);
      at([i, 'set', key], `rule \`${r.id}\` points at ${what} \`${value}\`, which program \`${program.id}\` does not define`, guess ? `did you mean \`${guess}\`?` : known.length ? `use one of ${known.join(', ')}` : `define it under programs[].${key}s first`);
    }
    (r.when.source ?? []).forEach((s, j) => {
      if (p.sources.includes(s)) return;
      const guess = didYouMean(s, [...sourceIds]);
      at([i, 'when', 'source', j], `rule \`${r.id}\` matches source \`${s}\`, which does not feed program \`${program.id}\``, guess ? `did you mean \`${guess}\`?` : `use one of ${p.sources.join(', ')}`);
    });
    if (r.when.title !== undefined) {
      try {
        new RegExp(r.when.title, 'i');
      } catch {
        at([i, 'when', 'title'], `rule \`${r.id}\` has an invalid regular expression`, 'escape special characters such as ( [ + ? with a backslash');
      }
    }
    const sev = r.set.severity;
    if (typeof sev === 'object' && sev.from === 'field' && !sev.field) at([i, 'set', 'severity'], `rule \`${r.id}\` takes severity from a field but names none`, 'add `field: <custom field name>`');
    return { id: r.id, ...(r.description !== undefined ? { description: r.description } : {}), when: r.when, set: { ...r.set, kind: defaultKind(r.set) } };
  });
}
