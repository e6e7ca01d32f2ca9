/**
 * The dashboard's client script (bundled by esbuild into src/web/public/build/app.js): chart.js sparklines and the
 * component chart, and the acknowledge / snooze buttons. Everything it shows is also in the server-rendered HTML.
 */
import { BarController, BarElement, CategoryScale, Chart, LineController, LineElement, LinearScale, PointElement } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement);

function sparklines(): void {
  document.querySelectorAll<HTMLCanvasElement>('canvas[data-spark]').forEach((canvas) => {
    const points = (canvas.dataset.spark ?? '').split(',').filter(Boolean).map(Number);
    if (points.length < 2) return;
    new Chart(canvas, {
      type: 'line',
      data: { labels: points.map((_, i) => String(i)), datasets: [{ data: points, borderColor: '#12263f', borderWidth: 2, pointRadius: 0, tension: 0.2 }] },
      options: {
        responsive: false,
        animation: false,
        events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: { x: { display: false }, y: { display: false, suggestedMin: 0, suggestedMax: 100 } },
      },
    });
  });
}

function componentChart(): void {
  const canvas = document.getElementById('components-chart') as HTMLCanvasElement | null;
  if (!canvas) return;
  const pairs = (canvas.dataset.components ?? '')
    .split(';')
    .filter(Boolean)
    .map((p) => {
      const i = p.lastIndexOf(':');
      return { label: p.slice(0, i), value: Number(p.slice(i + 1)) };
    });
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: pairs.map((p) => p.label),
      datasets: [{ data: pairs.map((p) => p.value), backgroundColor: pairs.map((p) => (p.value >= 80 ? '#1b6e2a' : p.value >= 60 ? '#c77700' : '#a61b1b')) }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { min: 0, max: 100, ticks: { color: '#1a1a1a' } }, y: { ticks: { color: '#1a1a1a' } } },
    },
  });
}

function announce(text: string): void {
  const live = document.getElementById('live');
  if (live) live.textContent = text;
}

async function act(box: HTMLElement, action: 'ack' | 'snooze'): Promise<void> {
  const program = box.dataset.program ?? '';
  const subject = box.dataset.subject ?? '';
  const base = `/api/programs/${encodeURIComponent(program)}/escalations/${encodeURIComponent(subject)}`;
  let url = `${base}/acknowledge`;
  let body: Record<string, unknown> = { level: box.dataset.level || undefined, note: 'acknowledged on the dashboard' };
  if (action === 'snooze') {
    const days = Number((box.querySelector('[data-snooze-days]') as HTMLSelectElement | null)?.value ?? '1');
    const reason = (box.querySelector('[data-snooze-reason]') as HTMLInputElement | null)?.value ?? '';
    url = `${base}/snooze`;
    body = { until: new Date(Date.now() + days * 86_400_000).toISOString(), reason };
  }
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Vitals-Request': '1' },
    body: JSON.stringify(body),
  });
  const row = box.closest('tr');
  const status = row?.querySelector('.esc-status');
  if (res.ok) {
    const text = action === 'ack' ? 'acknowledged' : 'snoozed';
    if (status) status.textContent = text;
    announce(`Escalation ${subject} ${text}.`);
    box.querySelectorAll('button').forEach((b) => (b.disabled = true));
  } else {
    const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    announce(`Could not ${action === 'ack' ? 'acknowledge' : 'snooze'}: ${err?.error?.message ?? res.status}`);
    if (status) status.textContent = `error: ${err?.error?.message ?? res.status}`;
  }
}

function actions(): void {
  document.querySelectorAll<HTMLElement>('.actions[data-subject]').forEach((box) => {
    box.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((btn) => {
      btn.addEventListener('click', () => {
        void act(box, btn.dataset.action === 'snooze' ? 'snooze' : 'ack');
      });
    });
  });
}

document.addEventListener('DOMContentLoaded', () => {
  sparklines();
  componentChart();
  actions();
});
