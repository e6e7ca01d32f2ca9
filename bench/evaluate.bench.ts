/**
 * `npm run bench -- evaluate`: the pure health engine over a portfolio of 10 programs × 10,000 items with
 * 12 weeks of throughput history, Monte Carlo (10,000 trials per open milestone) included. Target: < 1 s.
 */
import { evaluateProgram } from '../src/health';
import type { EvaluationInput, WorkItem } from '../src/model';
import { makeProgram, wi } from '../test/health/fixtures';
import type { Bench, Figure } from './lib/report';

const PROGRAMS = 10;
const ITEMS = 10_000;
const NOW = new Date('2026-07-15T14:00:00Z');

/** A small deterministic PRNG so every run measures the same portfolio. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const PHASES = ['design', 'build', 'testing', 'training', 'golive'] as const;
const GATES = ['hipaa-baa', 'hipaa-sra', 'vendor-assurance', 'breach-readiness'];
const SIGNOFFS = ['cmio-design', 'pharmacy-build', 'sponsor-golive'];

export function portfolio(programs = PROGRAMS, itemsPerProgram = ITEMS): EvaluationInput[] {
  return Array.from({ length: programs }, (_, p) => {
    const r = lcg(p + 1);
    const program = { ...makeProgram({ id: `bench-${p}`, baselineDate: '2026-03-01' }) };
    const items: WorkItem[] = [];
    for (let i = 0; i < itemsPerProgram; i++) {
      const x = r();
      const status = x < 0.6 ? 'done' : x < 0.7 ? 'in_progress' : 'todo';
      const phase = PHASES[Math.floor(r() * PHASES.length)] ?? 'build';
      const k = r();
      const kind = k < 0.02 ? 'compliance' : k < 0.03 ? 'signoff' : k < 0.1 ? 'defect' : 'task';
      const createdDay = Math.floor(r() * 190);
      const created = new Date(Date.UTC(2026, 0, 5 + createdDay, 15)).toISOString();
      const completed = status === 'done' ? new Date(NOW.getTime() - Math.floor(r() * 84 * 86_400_000)).toISOString() : null;
      const updated = completed ?? new Date(NOW.getTime() - Math.floor(r() * 40 * 86_400_000)).toISOString();
      const tool = r() < 0.5 ? 'jira' : 'asana';
      items.push(
        wi({
          key: `P${p}-${i}`,
          phase,
          kind,
          status,
          severity: kind === 'defect' ? (['sev1', 'sev2', 'sev3', 'sev4'] as const)[Math.floor(r() * 4)] ?? 'sev3' : null,
          gate: kind === 'compliance' ? GATES[i % GATES.length] ?? null : null,
          signoff: kind === 'signoff' ? SIGNOFFS[i % SIGNOFFS.length] ?? null : null,
          milestone: null,
          source: {
            tool,
            statusCategory: status,
            created,
            updated,
            completed,
            assignee: r() < 0.97 ? `acct-${i % 50}` : null,
            blockedBy: r() < 0.03 ? [{ tool: tool === 'jira' ? 'asana' : 'jira', instance: 'main', key: `P${p}-${Math.floor(r() * itemsPerProgram)}` }] : [],
          },
        }),
      );
    }
    const throughput = Array.from({ length: 12 }, (_, w) => ({
      weekStart: new Date(Date.UTC(2026, 3, 20 + 7 * w)).toISOString().slice(0, 10),
      done: 350 + Math.floor(r() * 300),
    }));
    return { program, items, history: { throughput, scores: [] }, escalations: [], now: NOW };
  });
}

export const bench: Bench = {
  name: 'evaluate',
  description: `health engine: ${PROGRAMS} programs × ${ITEMS} items, 12 weeks of history, Monte Carlo included`,
  async run(): Promise<Figure[]> {
    const inputs = portfolio();
    // One warm-up program so the figure is the engine, not the JIT's first look at it.
    evaluateProgram(inputs[0] as EvaluationInput);
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let risks = 0;
    for (const input of inputs) {
      const r = evaluateProgram(input);
      risks += r.risks.length;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - t0;
    // CPU time of this process: on a shared, oversubscribed box wall time also counts waiting for a core.
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const total = PROGRAMS * ITEMS;
    const itemsPerSec = total / (ms / 1000);
    console.log(`portfolio: ${total} items, ${risks} risks, ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU, ${Math.round(itemsPerSec)} items/s, peak heap ${(peakHeap / 1048576).toFixed(1)} MiB`);
    return [
      { bench: 'evaluate', name: 'portfolio wall time', value: ms, unit: 'ms', target: 1000 },
      { bench: 'evaluate', name: 'portfolio CPU time', value: cpuMs, unit: 'ms', target: 1000, note: 'user+system of this process (all threads, GC included)' },
      { bench: 'evaluate', name: 'throughput', value: itemsPerSec, unit: 'items/s', target: 100_000, higherIsBetter: true },
      { bench: 'evaluate', name: 'peak heap', value: peakHeap / 1048576, unit: 'MiB', note: 'process.memoryUsage().heapUsed, sampled after each program' },
    ];
  },
};
