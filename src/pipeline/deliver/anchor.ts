/**
 * The anchor of an escalation or risk that has no tracker item of its own (a gate nothing maps to yet): a
 * deterministic item of the phase the subject blocks, so its notice and its marker still live on the tracker side
 * and a Redis that lost its state cannot send the same level twice. Pure: the program, its mapped items and which
 * instances have a connector in, refs out.
 */
import type { Program } from '../../model';
import type { ItemRef } from '../../model/source-item';
import type { WorkItem } from '../../model/work-item';

/** How many anchors are handed on: the marker lookup looks at as many items (escalation-notice MAX_MARKER_ITEMS). */
export const ANCHOR_CANDIDATES = 5;

/** The phase a risk or escalation subject belongs to (gate or sign-off it blocks, milestone it closes), if any. */
export function phaseOfSubject(program: Program, subject: string): string | null {
  const gate = program.gates.find((g) => g.id === subject);
  if (gate) return gate.blocksPhase;
  const signoff = program.signoffs.find((s) => s.id === subject);
  if (signoff) return signoff.blocksPhase;
  const milestone = program.milestones.find((m) => m.id === subject);
  if (milestone) return milestone.phase;
  return subject.startsWith('phase:') ? subject.slice('phase:'.length) : null;
}

function isOpen(w: WorkItem): boolean {
  return w.status !== 'done' && w.status !== 'cancelled';
}

/**
 * Anchor candidates, best first: among the program's open items (all of them when none is open), milestones of
 * `phase`, then any item of `phase`, then any item of the program; uid order inside each tier; only items whose
 * instance has a connector. The first is the anchor; the rest are where an earlier marker is also looked for
 * (an item added or closed since must not move the marker out of sight).
 */
export function anchorCandidates(items: WorkItem[], phase: string | null, hasConnector: (instance: string) => boolean, max = ANCHOR_CANDIDATES): ItemRef[] {
  const usable = items.filter((w) => hasConnector(w.source.instance));
  const open = usable.filter(isOpen);
  const pool = open.length > 0 ? open : usable;
  const tier = (w: WorkItem): number => (phase !== null && w.phase === phase ? (w.kind === 'milestone' ? 0 : 1) : 2);
  return [...pool]
    .sort((a, b) => tier(a) - tier(b) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
    .slice(0, max)
    .map((w) => ({ tool: w.source.tool, instance: w.source.instance, key: w.source.key }));
}
