/** The portfolio page: one row per program with RAG (text + shape + colour), score and trend, next go-live, slip, overdue gates. */
import type { PortfolioRow } from '../api/schemas';
import { html, ragBadge, type Html } from './html';

const ARROW: Record<string, string> = { up: '↑ improving', down: '↓ worsening', flat: '→ steady' };

export function trendCell(r: PortfolioRow): Html {
  const pts = r.trend.points;
  const label = pts.length
    ? `Score trend over ${pts.length} points, from ${pts[0]} to ${pts[pts.length - 1]}: ${r.trend.direction}`
    : 'No score history yet';
  return html`<span class="trend"><canvas class="spark" data-spark="${pts.join(',')}" role="img" aria-label="${label}" width="120" height="32"></canvas>
<span>${ARROW[r.trend.direction] ?? ''}${r.trend.delta ? ` (${r.trend.delta > 0 ? '+' : ''}${r.trend.delta})` : ''}</span></span>`;
}

function slip(r: PortfolioRow): string {
  const m = r.nextGoLive ?? r.nextMilestone;
  if (!m) return '—';
  if (!m.p50) return 'no forecast';
  return m.slipDays > 0 ? `${m.slipDays} days late` : m.slipDays < 0 ? `${-m.slipDays} days early` : 'on baseline';
}

function goLive(r: PortfolioRow): Html {
  const m = r.nextGoLive ?? r.nextMilestone;
  if (!m) return html`—`;
  return html`<strong>${m.name}</strong><br><span class="muted">baseline ${m.baseline}</span>${m.p50 ? html`<br>P50 ${m.p50} · P85 ${m.p85 ?? '—'}` : ''}`;
}

export function portfolioBody(rows: PortfolioRow[], generatedAt: string): Html {
  const red = rows.filter((r) => r.rag === 'red').length;
  const amber = rows.filter((r) => r.rag === 'amber').length;
  const green = rows.filter((r) => r.rag === 'green').length;
  return html`<main id="main">
<h1>Portfolio</h1>
<p class="muted">${rows.length} programs · ${red} red · ${amber} amber · ${green} green · as of ${generatedAt.slice(0, 16).replace('T', ' ')} UTC</p>
<div class="table-wrap">
<table class="portfolio">
<caption>Program health</caption>
<thead><tr><th scope="col">Program</th><th scope="col">RAG</th><th scope="col" class="num">Score</th><th scope="col">Trend</th><th scope="col">Next go-live</th><th scope="col">Forecast slip</th><th scope="col">Overdue gates</th><th scope="col" class="hide-tablet">Risks</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr data-program="${r.id}">
<th scope="row"><a href="/programs/${encodeURIComponent(r.id)}">${r.name}</a>${r.lowConfidence ? html`<br><span class="muted">low confidence</span>` : ''}</th>
<td>${ragBadge(r.rag)}${r.override ? html`<br><span class="muted">override: ${r.override.reason}</span>` : ''}</td>
<td class="num">${r.score ?? '—'}</td>
<td>${trendCell(r)}</td>
<td>${goLive(r)}</td>
<td>${slip(r)}</td>
<td>${r.gatesOverdue.length ? html`<span class="state state-overdue">${r.gatesOverdue.length} overdue</span> ${r.gatesOverdue.join(', ')}` : 'none'}</td>
<td class="hide-tablet">${r.risks.high} high · ${r.risks.medium} medium · ${r.risks.low} low</td>
</tr>`,
)}
</tbody>
</table>
</div>
</main>`;
}
