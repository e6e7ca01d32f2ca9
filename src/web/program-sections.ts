/** Sections of the program page: gate matrix, sign-offs, components, risks and escalations. */
import type { GateView, ProgramDetail } from '../api/schemas';
import { html, safeHref, type Html } from './html';

const STATE_TEXT: Record<string, string> = { done: '✓ Done', in_progress: '… In progress', not_started: '○ Not started', at_risk: '! At risk', overdue: '✕ Overdue' };

export function stateBadge(state: string): Html {
  return html`<span class="state state-${state}">${STATE_TEXT[state] ?? state}</span>`;
}

type Link = { tool: string; instance: string; key: string; url: string };

export function itemLinks(items: Link[], max = 8): Html {
  if (!items.length) return html`<span class="muted">—</span>`;
  const shown = items.slice(0, max).map((i) => {
    const href = safeHref(i.url);
    const label = `${i.tool === 'asana' ? 'Asana' : i.tool === 'jira' ? 'Jira' : i.tool} ${i.key}`;
    return href ? html`<a href="${href}" rel="noopener noreferrer">${label}</a>` : html`${label}`;
  });
  return html`${shown.map((s, k) => html`${k ? ', ' : ''}${s}`)}${items.length > max ? html` and ${items.length - max} more` : ''}`;
}

/** Gates × phases: each gate's state in the column of the phase it blocks. */
export function gateMatrix(d: ProgramDetail): Html {
  if (!d.gates.length) return html`<p>No compliance gates configured.</p>`;
  const cell = (g: GateView, phase: string) =>
    g.blocksPhase === phase ? html`<td>${stateBadge(g.state)}<br><span class="muted">due ${g.due}${g.daysOverdue > 0 ? `, ${g.daysOverdue} d over` : ''}</span></td>` : html`<td><span class="sr-only">not blocking</span></td>`;
  return html`<div class="table-wrap"><table class="matrix">
<caption>Compliance gates by the phase each one blocks</caption>
<thead><tr><th scope="col">Gate</th>${d.phases.map((p) => html`<th scope="col">${p.name}</th>`)}<th scope="col">Owner</th><th scope="col">Evidence</th></tr></thead>
<tbody>${d.gates.map(
    (g) => html`<tr><th scope="row">${g.name}<br><span class="muted">${g.regulation} ${g.citation}</span></th>${d.phases.map((p) => cell(g, p.id))}<td>${g.owner}</td><td>${itemLinks(g.items, 3)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function signoffTable(d: ProgramDetail): Html {
  if (!d.signoffs.length) return html`<p>No clinical sign-offs configured.</p>`;
  const byRole = [...d.signoffs].sort((a, b) => a.owner.localeCompare(b.owner));
  return html`<div class="table-wrap"><table><caption>Clinical sign-offs by role</caption>
<thead><tr><th scope="col">Role</th><th scope="col">Scope</th><th scope="col">Blocks phase</th><th scope="col">Due</th><th scope="col">State</th><th scope="col">Approval item</th></tr></thead>
<tbody>${byRole.map(
    (s) => html`<tr><th scope="row">${s.owner}</th><td>${s.name}</td><td>${d.phases.find((p) => p.id === s.blocksPhase)?.name ?? s.blocksPhase}</td><td>${s.due}</td><td>${stateBadge(s.state)}</td><td>${itemLinks(s.items, 3)}</td></tr>`,
  )}</tbody></table></div>`;
}

const COMPONENT: Record<string, string> = { schedule: 'Schedule', compliance: 'Compliance', clinical: 'Clinical readiness', flow: 'Delivery flow', hygiene: 'Data hygiene', budget: 'Budget' };

export function componentSection(d: ProgramDetail): Html {
  const data = d.components.map((c) => `${COMPONENT[c.id] ?? c.id}:${c.score}`).join(';');
  return html`<div class="chart-box"><canvas id="components-chart" data-components="${data}" role="img" aria-label="Score by component: ${d.components.map((c) => `${COMPONENT[c.id] ?? c.id} ${c.score}`).join(', ')}"></canvas></div>
<div class="table-wrap"><table><caption>Score by component, with what cost points</caption>
<thead><tr><th scope="col">Component</th><th scope="col" class="num">Score</th><th scope="col" class="num">Weight</th><th scope="col">Why points were lost</th></tr></thead>
<tbody>${d.components.map(
    (c) => html`<tr><th scope="row">${COMPONENT[c.id] ?? c.id}</th><td class="num">${c.score}</td><td class="num">${c.weight}</td>
<td>${c.deductions.length ? html`<ul class="plain">${c.deductions.map((x) => html`<li>−${x.points}: ${x.reason} (${itemLinks(x.items, 5)})</li>`)}</ul>` : html`<span class="muted">full marks</span>`}</td></tr>`,
  )}</tbody></table></div>
${d.caps.length ? html`<p><strong>Caps applied:</strong> ${d.caps.map((c) => `${c.reason} (capped at ${c.value})`).join('; ')}</p>` : ''}`;
}

export function riskTable(d: ProgramDetail): Html {
  if (!d.risks.length) return html`<p>No open risks.</p>`;
  return html`<div class="table-wrap"><table><caption>Open risks, most severe first</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Risk</th><th scope="col">What to do</th><th scope="col">Since</th><th scope="col">Items</th></tr></thead>
<tbody>${d.risks.map(
    (r) => html`<tr><td><span class="sev-${r.level}">${r.level.toUpperCase()}</span> (${r.severity})</td><td>${r.message}</td><td>${r.action}</td><td>${r.since.slice(0, 10)}</td><td>${itemLinks(r.items, 4)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function escalationTable(d: ProgramDetail, canAct: boolean): Html {
  if (!d.escalations.length) return html`<p>No escalations.</p>`;
  const pid = d.summary.id;
  return html`<div class="table-wrap"><table class="escalations"><caption>Escalations of overdue compliance work</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">Level</th><th scope="col">Due</th><th scope="col">Overdue</th><th scope="col">Audiences</th><th scope="col">Status</th>${canAct ? html`<th scope="col">Action</th>` : ''}</tr></thead>
<tbody>${d.escalations.map(
    (e) => html`<tr data-subject="${e.subject}"><th scope="row">${e.subject}<br>${itemLinks(e.items, 2)}</th><td>${e.level ?? '—'}</td><td>${e.due}</td><td>${e.businessDaysOverdue} business days</td><td>${e.audiences.join(', ')}</td>
<td class="esc-status">${e.status}${e.acknowledged ? html`<br><span class="muted">by ${e.acknowledged.by} at ${e.acknowledged.at.slice(0, 16)}</span>` : ''}${e.snoozedUntil ? html`<br><span class="muted">until ${e.snoozedUntil.slice(0, 16)}</span>` : ''}</td>
${canAct ? html`<td><div class="actions" data-program="${pid}" data-subject="${e.subject}" data-level="${e.level ?? ''}">
<button type="button" class="btn" data-action="ack" aria-label="Acknowledge escalation ${e.subject}">Acknowledge</button>
<label class="sr-only" for="sn-${e.fingerprint}">Snooze for</label><select id="sn-${e.fingerprint}" data-snooze-days><option value="1">1 day</option><option value="3">3 days</option><option value="7">7 days</option></select>
<label class="sr-only" for="sr-${e.fingerprint}">Snooze reason</label><input id="sr-${e.fingerprint}" data-snooze-reason placeholder="reason" value="waiting on vendor">
<button type="button" class="btn btn-secondary" data-action="snooze" aria-label="Snooze escalation ${e.subject}">Snooze</button></div></td>` : ''}</tr>`,
  )}</tbody></table></div>`;
}
