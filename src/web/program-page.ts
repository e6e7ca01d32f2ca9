/** The program page: summary, Gantt with forecasts, milestones, gate matrix, sign-offs, components, risks, escalations. */
import type { ProgramDetail } from '../api/schemas';
import { ganttSvg } from './gantt';
import { html, ragBadge, type Html } from './html';
import { trendCell } from './portfolio-page';
import { componentSection, escalationTable, gateMatrix, riskTable, signoffTable } from './program-sections';

function milestoneTable(d: ProgramDetail): Html {
  return html`<div class="table-wrap"><table><caption>Milestones: baseline and forecast</caption>
<thead><tr><th scope="col">Milestone</th><th scope="col">Baseline</th><th scope="col">P50</th><th scope="col">P85</th><th scope="col">Slip</th><th scope="col">Remaining items</th><th scope="col">Note</th></tr></thead>
<tbody>${d.milestones.map(
    (m) => html`<tr><th scope="row">${m.name}${m.kind === 'golive' ? ' (go-live)' : ''}</th><td>${m.baseline}</td><td>${m.p50 ?? 'no forecast'}</td><td>${m.p85 ?? '—'}</td>
<td>${m.p50 ? (m.slipDays > 0 ? `${m.slipDays} days late` : 'on time') : '—'}</td><td class="num">${m.remainingItems}</td><td>${m.note}</td></tr>`,
  )}</tbody></table></div>`;
}

export function programBody(d: ProgramDetail, today: string, canAct: boolean): Html {
  const s = d.summary;
  const why = d.caps.length ? d.caps.map((c) => c.reason).join('; ') : s.override ? `override: ${s.override.reason}` : 'weighted score of the components below';
  return html`<main id="main">
<p><a href="/">← Portfolio</a></p>
<h1>${s.name}</h1>
<div class="grid">
<section class="card" aria-label="Health"><div>RAG</div><div class="big">${ragBadge(s.rag)}</div><div class="muted">${why}</div></section>
<section class="card" aria-label="Score"><div>Score</div><div class="big">${s.score ?? '—'}</div>${trendCell(s)}</section>
<section class="card" aria-label="Next go-live"><div>Next go-live</div>${s.nextGoLive ? html`<div class="big">${s.nextGoLive.p50 ?? s.nextGoLive.baseline}</div><div class="muted">${s.nextGoLive.name}: baseline ${s.nextGoLive.baseline}, P85 ${s.nextGoLive.p85 ?? '—'}</div>` : html`<div class="big">—</div>`}</section>
<section class="card" aria-label="Gates"><div>Overdue gates</div><div class="big">${s.gatesOverdue.length}</div><div class="muted">${s.risks.high} high, ${s.risks.medium} medium risks · ${s.activeEscalations} active escalations</div></section>
</div>
<p class="muted">Evaluated ${s.evaluatedAt ? s.evaluatedAt.slice(0, 16).replace('T', ' ') + ' UTC' : 'never'} · ${s.items} items · <a href="/api/programs/${encodeURIComponent(s.id)}/report?format=html">Steering-committee report</a></p>
<h2>Schedule</h2>
${ganttSvg(d, today)}
${milestoneTable(d)}
<h2>Compliance gates</h2>
${gateMatrix(d)}
<h2>Clinical sign-offs</h2>
${signoffTable(d)}
<h2>Score by component</h2>
${componentSection(d)}
<h2>Risks</h2>
${riskTable(d)}
<h2>Escalations</h2>
${escalationTable(d, canAct)}
</main>`;
}
