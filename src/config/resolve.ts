/** Merge a preset with a program's overrides into a fully resolved `Program`, reporting every problem. */
import type { ComplianceGate, Milestone, Phase, Program, SignOff } from '../model';
import { didYouMean } from './did-you-mean';
import type { ConfigIssue, PathSegment } from './issues';
import type { ProgramFile } from './schema-program';
import type { PresetFile } from './schema-preset';
import { mergeScoring, scoringProblems } from './schema-scoring';
import type { SourceDoc } from './yaml-doc';
import { issueAt } from './yaml-doc';

export interface ResolveContext {
  src: SourceDoc;
  /** Path of this program in the document, e.g. `['programs', 0]`. */
  base: PathSegment[];
  issues: ConfigIssue[];
}

export function resolveProgram(ctx: ResolveContext, p: ProgramFile, preset: PresetFile): Program {
  const at = (path: PathSegment[], message: string, fix: string | null, key = false) =>
    ctx.issues.push(issueAt(ctx.src, [...ctx.base, ...path], message, fix, key));

  const phases = resolvePhases(p, preset, at);
  const phaseIds = phases.map((ph) => ph.id);
  const checkPhase = (path: PathSegment[], phase: string, what: string) => {
    if (phaseIds.includes(phase)) return;
    const guess = didYouMean(phase, phaseIds);
    at(path, `${what} blocks phase \`${phase}\`, which this program does not have`, guess ? `did you mean \`${guess}\`?` : `use one of ${phaseIds.join(', ')}`);
  };

  const gates = mergeById<ComplianceGate>(
    preset.gates,
    p.gates,
    ['name', 'regulation', 'citation', 'ownerRole', 'blocksPhase', 'leadTimeDays', 'class'],
    { bufferDays: 14, calendarDays: false },
    'gates',
    at,
  );
  for (const g of gates) checkPhase(p.gates[g.id]?.blocksPhase ? ['gates', g.id, 'blocksPhase'] : ['extends'], g.blocksPhase, `gate \`${g.id}\``);

  const signoffs = mergeById<SignOff>(preset.signoffs, p.signoffs, ['role', 'scope', 'blocksPhase'], { goNoGo: false }, 'signoffs', at);
  for (const s of signoffs) checkPhase(p.signoffs[s.id]?.blocksPhase ? ['signoffs', s.id, 'blocksPhase'] : ['extends'], s.blocksPhase, `sign-off \`${s.id}\``);

  const milestones: Milestone[] = Object.entries(p.milestones).map(([id, m]) => {
    if (m.phase !== null && !phaseIds.includes(m.phase)) {
      const guess = didYouMean(m.phase, phaseIds);
      at(['milestones', id, 'phase'], `milestone \`${id}\` closes phase \`${m.phase}\`, which this program does not have`, guess ? `did you mean \`${guess}\`?` : `use one of ${phaseIds.join(', ')}`);
    }
    return { id, name: m.name ?? id, kind: m.kind, baseline: m.baseline, phase: m.phase };
  });

  const calendar = { ...preset.calendar, ...definedOnly(p.calendar) };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: calendar.timeZone });
  } catch {
    at(['calendar', 'timeZone'], `unknown time zone \`${calendar.timeZone}\``, 'use an IANA zone such as America/New_York');
  }
  calendar.freezeWindows.forEach((w, i) => {
    if (w.end < w.start) at(['calendar', 'freezeWindows', i, 'end'], 'freeze window ends before it starts', 'swap start and end');
  });

  const weights = { ...preset.weights, ...definedOnly(p.weights) };
  if (Object.values(weights).every((w) => w === 0)) at(['weights'], 'all weights are 0', 'give at least one component a positive weight');
  const thresholds = { ...preset.thresholds, ...definedOnly(p.thresholds) };
  if (thresholds.amber > thresholds.green) at(['thresholds', 'amber'], 'amber threshold is above green', 'make amber ≤ green');
  const caps = { ...preset.caps, ...definedOnly(p.caps) };
  const scoring = mergeScoring(preset.scoring, p.scoring);
  for (const [path, message, fix] of scoringProblems(scoring)) {
    // Point at the program's own key when it set one; otherwise the preset is at fault.
    at(p.scoring ? ['scoring', ...path] : ['extends'], p.scoring ? message : `preset \`${preset.id}\`: ${message}`, fix);
  }
  const escalation = { ...preset.escalation, ...definedOnly(p.escalation) };
  const seen = new Set<string>();
  escalation.levels.forEach((l, i) => {
    if (seen.has(l.id)) at(['escalation', 'levels', i, 'id'], `escalation level \`${l.id}\` is listed twice`, 'give each level its own id');
    seen.add(l.id);
  });

  const program: Program = {
    id: p.id,
    name: p.name ?? p.id,
    preset: preset.id,
    start: p.start ?? phases[0]?.start ?? '',
    calendar,
    phases,
    milestones,
    gates,
    signoffs,
    budget: p.budget,
    escalation,
    weights,
    thresholds,
    caps,
    scoring,
    override: p.override,
    baselineDate: p.baselineDate ?? null,
  };
  if (preset.breachEscalation) program.breachEscalation = preset.breachEscalation;
  return program;
}

type At = (path: PathSegment[], message: string, fix: string | null, key?: boolean) => void;

function resolvePhases(p: ProgramFile, preset: PresetFile, at: At): Phase[] {
  const known = preset.phases.map((ph) => ph.id);
  for (const id of Object.keys(p.phases)) {
    if (known.includes(id)) continue;
    const guess = didYouMean(id, known);
    at(['phases', id], `preset \`${preset.id}\` has no phase \`${id}\``, guess ? `did you mean \`${guess}\`?` : `use one of ${known.join(', ')}`, true);
  }
  const phases: Phase[] = [];
  for (const ph of preset.phases) {
    const o = p.phases[ph.id];
    if (o && !o.enabled) continue;
    if (!o?.start || !o.end) {
      const missing = !o ? 'start and end' : !o.start ? 'start' : 'end';
      at(o ? ['phases', ph.id] : ['phases'], `phase \`${ph.id}\` has no ${missing} date`, `add phases.${ph.id}: { start: YYYY-MM-DD, end: YYYY-MM-DD }, or enabled: false to skip it`);
      continue;
    }
    if (o.end < o.start) at(['phases', ph.id, 'end'], `phase \`${ph.id}\` ends before it starts`, 'make end ≥ start');
    const prev = phases[phases.length - 1];
    if (prev && o.start < prev.start) at(['phases', ph.id, 'start'], `phase \`${ph.id}\` starts before the previous phase \`${prev.id}\``, 'phases run in preset order; fix the dates');
    phases.push({ id: ph.id, name: o.name ?? ph.name, order: phases.length + 1, start: o.start, end: o.end });
  }
  return phases;
}

type Override<T> = { [K in keyof T]?: T[K] | undefined } & { enabled?: boolean | undefined };

/** Preset entries overridden by id, disabled with `enabled: false`, or added when every required field is given. */
function mergeById<T extends { id: string }>(
  preset: Array<T & { enabled: boolean }>,
  overrides: Record<string, Override<Omit<T, 'id'>>>,
  required: Array<keyof T & string>,
  defaults: Partial<T>,
  section: string,
  at: At,
): T[] {
  const out: T[] = [];
  const presetIds = preset.map((e) => e.id);
  for (const entry of preset) {
    const o: Override<Omit<T, 'id'>> = overrides[entry.id] ?? {};
    const { enabled: presetEnabled, ...base } = entry;
    if (!(o.enabled ?? presetEnabled)) continue;
    const { enabled: _e, ...rest } = o;
    out.push({ ...(base as unknown as T), ...definedOnly(rest as Partial<T>) });
  }
  for (const [id, o] of Object.entries(overrides)) {
    if (presetIds.includes(id) || o.enabled === false) continue;
    const missing = required.filter((k) => (o as Record<string, unknown>)[k] === undefined);
    if (missing.length) {
      const guess = didYouMean(id, presetIds);
      const fix = guess ? `did you mean \`${guess}\`? A new entry needs ${missing.join(', ')}` : `a new entry needs ${missing.join(', ')}`;
      at([section, id], `\`${id}\` is not in the preset and is missing ${missing.join(', ')}`, fix, true);
      continue;
    }
    const { enabled: _e, ...rest } = o;
    out.push({ ...defaults, ...definedOnly(rest as Partial<T>), id } as T);
  }
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
