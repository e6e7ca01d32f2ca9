/**
 * The Gantt of a program as a server-rendered SVG: phases as bars, each milestone's baseline as a diamond and its
 * P50–P85 forecast as a band with a P50 tick, and a dashed "today" line. The SVG has a title and description;
 * the same facts are in the milestone table next to it, so nothing depends on seeing the chart.
 */
import type { MilestoneView, ProgramDetail } from '../api/schemas';
import { html, type Html } from './html';

const DAY = 86_400_000;
const W = 1200;
const LEFT = 190;
const ROW = 26;

const t = (d: string): number => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

function months(from: number, to: number): number[] {
  const out: number[] = [];
  const d = new Date(from);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  while (d.getTime() <= to) {
    out.push(d.getTime());
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

export function ganttSvg(detail: ProgramDetail, today: string): Html {
  const { phases, milestones } = detail;
  const dates = [
    ...phases.flatMap((p) => [p.start, p.end]),
    ...milestones.flatMap((m) => [m.baseline, m.p50, m.p85].filter((x): x is string => !!x)),
    today,
  ].map(t);
  if (!phases.length && !milestones.length) return html`<p>No phases configured.</p>`;
  const from = Math.min(...dates) - 7 * DAY;
  const to = Math.max(...dates) + 14 * DAY;
  const x = (ms: number) => LEFT + ((ms - from) / (to - from)) * (W - LEFT - 20);
  const rows = phases.length + milestones.length;
  const H = 40 + rows * ROW + 10;
  const ticks = months(from, to);
  const yPhase = (i: number) => 40 + i * ROW;
  const yMs = (i: number) => 40 + (phases.length + i) * ROW;
  const late = milestones.filter((m) => m.slipDays > 0).length;
  const desc = `${phases.length} phases and ${milestones.length} milestones; ${late} milestones forecast later than baseline. Details are in the milestone table.`;
  const ms = (m: MilestoneView, i: number) => {
    const y = yMs(i) + ROW / 2;
    const bx = x(t(m.baseline));
    const band =
      m.p50 && m.p85
        ? html`<rect class="band" x="${x(t(m.p50)).toFixed(1)}" y="${y - 8}" width="${Math.max(3, x(t(m.p85)) - x(t(m.p50))).toFixed(1)}" height="16"><title>${m.name}: forecast P50 ${m.p50}, P85 ${m.p85}</title></rect>
<line class="p50" x1="${x(t(m.p50)).toFixed(1)}" x2="${x(t(m.p50)).toFixed(1)}" y1="${y - 10}" y2="${y + 10}"></line>`
        : '';
    return html`<g><text x="8" y="${y + 4}">◆ ${m.name.slice(0, 30)}</text>${band}
<path class="baseline" d="M${bx.toFixed(1)} ${y - 7} l7 7 l-7 7 l-7 -7 z"><title>${m.name}: baseline ${m.baseline}</title></path></g>`;
  };
  return html`<svg class="gantt" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="gantt-title gantt-desc" xmlns="http://www.w3.org/2000/svg">
<title id="gantt-title">Schedule: phases, milestone baselines and P50–P85 forecasts</title>
<desc id="gantt-desc">${desc}</desc>
${ticks.map((m) => {
  const d = new Date(m);
  return html`<line class="grid-line" x1="${x(m).toFixed(1)}" x2="${x(m).toFixed(1)}" y1="24" y2="${H}"></line><text x="${(x(m) + 3).toFixed(1)}" y="18">${d.toISOString().slice(0, 7)}</text>`;
})}
${phases.map(
  (p, i) => html`<g><text x="8" y="${yPhase(i) + 17}">${p.order}. ${p.name.slice(0, 26)}</text>
<rect class="${p.ready ? 'phase phase-ready' : 'phase'}" x="${x(t(p.start)).toFixed(1)}" y="${yPhase(i) + 5}" width="${Math.max(2, x(t(p.end) + DAY) - x(t(p.start))).toFixed(1)}" height="16" rx="3"><title>${p.name}: ${p.start} to ${p.end}</title></rect></g>`,
)}
${milestones.map(ms)}
<line class="today" x1="${x(t(today)).toFixed(1)}" x2="${x(t(today)).toFixed(1)}" y1="24" y2="${H}"></line>
<text x="${(x(t(today)) + 4).toFixed(1)}" y="34">today</text>
</svg>
<div class="legend" aria-hidden="true"><span><span class="swatch swatch-phase"></span>phase (baseline)</span><span><span class="swatch swatch-base"></span> milestone baseline</span><span><span class="swatch swatch-band"></span>forecast P50–P85 (tick = P50)</span><span>dashed line = today</span></div>`;
}
