/** The portfolio table printed by `vitals sync --once` and the demo: one row per program, from the snapshots. */
import type { ProgramEvaluation } from '../model/evaluation';
import type { Store } from '../store';

export interface PortfolioRow {
  program: string;
  rag: string;
  score: number;
  items: number;
  risks: number;
  gatesOverdue: number;
  next: string;
}

export function portfolioRow(e: ProgramEvaluation): PortfolioRow {
  const upcoming = e.forecasts.filter((f) => f.baseline >= e.now.slice(0, 10)).sort((a, b) => a.baseline.localeCompare(b.baseline))[0];
  const next = upcoming
    ? `${upcoming.milestone} ${upcoming.baseline}` + (upcoming.p50 ? ` (P50 ${upcoming.p50}, P85 ${upcoming.p85 ?? '?'})` : ' (no forecast)')
    : '-';
  return {
    program: e.program,
    rag: e.rag.toUpperCase(),
    score: Math.round(e.score),
    items: e.counts.items,
    risks: e.risks.length,
    gatesOverdue: e.gates.filter((g) => g.state === 'overdue').length,
    next,
  };
}

export async function loadPortfolio(store: Store, programs: string[]): Promise<PortfolioRow[]> {
  const out: PortfolioRow[] = [];
  for (const p of programs) {
    const snap = await store.state.getSnapshot(p);
    if (snap) out.push(portfolioRow(snap));
  }
  return out;
}

export function formatPortfolio(rows: PortfolioRow[]): string {
  const head = ['program', 'RAG', 'score', 'items', 'risks', 'gates overdue', 'next milestone'];
  const cells = rows.map((r) => [r.program, r.rag, String(r.score), String(r.items), String(r.risks), String(r.gatesOverdue), r.next]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
