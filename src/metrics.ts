/**
 * The Prometheus registry of Vitals. It sits beside the logger, not in src/api, because the pipeline reports into
 * it too (pull latency, vendor 429s, deliveries) and the pipeline must not import the delivery layer; the API only
 * serves it at `/metrics`. Gauges that describe state (jobs by queue and state, items, risks) are filled at
 * scrape time through `setStateSource`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'vitals_process_' });

export interface StateSnapshot {
  jobs: Array<{ queue: string; state: string; count: number }>;
  programs: Array<{ program: string; items: number; risks: { high: number; medium: number; low: number } }>;
}

let stateSource: (() => Promise<StateSnapshot>) | null = null;

/** The API server registers where scrape-time state comes from; the last registration wins. */
export function setStateSource(source: (() => Promise<StateSnapshot>) | null): void {
  stateSource = source;
}

let pending: Promise<StateSnapshot | null> | null = null;
/** One state read per scrape, shared by the gauges collected in it. */
function readState(): Promise<StateSnapshot | null> {
  if (!pending) {
    pending = (stateSource ? stateSource() : Promise.resolve(null)).catch(() => null);
    setTimeout(() => (pending = null), 50).unref();
  }
  return pending;
}

export const metrics = {
  jobs: new Gauge({
    name: 'vitals_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const s = await readState();
      this.reset();
      for (const j of s?.jobs ?? []) this.set({ queue: j.queue, state: j.state }, j.count);
    },
  }),
  items: new Gauge({
    name: 'vitals_items',
    help: 'Mapped tracker items per program (latest snapshot)',
    labelNames: ['program'] as const,
    registers: [registry],
    async collect() {
      const s = await readState();
      this.reset();
      for (const p of s?.programs ?? []) this.set({ program: p.program }, p.items);
    },
  }),
  risks: new Gauge({
    name: 'vitals_risks',
    help: 'Open risks per program and level (latest snapshot)',
    labelNames: ['program', 'level'] as const,
    registers: [registry],
    async collect() {
      const s = await readState();
      this.reset();
      for (const p of s?.programs ?? []) for (const level of ['high', 'medium', 'low'] as const) this.set({ program: p.program, level }, p.risks[level]);
    },
  }),
  pullLatency: new Histogram({
    name: 'vitals_pull_duration_seconds',
    help: 'Duration of one pull job per source and mode',
    labelNames: ['source', 'mode'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  }),
  vendor429: new Counter({
    name: 'vitals_vendor_429_total',
    help: 'HTTP 429 answers from a tracker vendor, per source',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  deliveries: new Counter({
    name: 'vitals_deliveries_total',
    help: 'Outgoing effects (tracker comments, alerts) by channel and outcome (sent, duplicate, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  }),
  webhooks: new Counter({
    name: 'vitals_webhooks_total',
    help: 'Inbound tracker webhooks by tool and outcome (enqueued, ignored, rejected)',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  }),
  httpDuration: new Histogram({
    name: 'vitals_http_request_duration_seconds',
    help: 'API and dashboard request latency by route and status class',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
};
