/** `vitals sync --once`: pull everything with a progress bar per source, evaluate, print the portfolio, exit. */
import { MultiBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { formatPortfolio, loadPortfolio } from '../pipeline/portfolio';
import { runOnce } from '../pipeline/run-once';
import { startWorkers } from '../pipeline/worker';
import { startDemoSandboxes, type DemoSandboxes } from './demo-sandboxes';
import { openPipeline } from './pipeline-env';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('pull every source, evaluate every program, print the portfolio')
    .requiredOption('-c, --config <file>', 'the config file')
    .option('--once', 'run one pass and exit (the only mode for now)', true)
    .option('--full', 'walk everything instead of continuing from the cursors')
    .option('--sandbox', 'start the built-in Jira and Asana sandboxes seeded with the demo world (for config/demo/vitals-demo.yaml)')
    .action(async (o: { config: string; full?: boolean; sandbox?: boolean }) => {
      const sandboxes = o.sandbox ? await startDemoSandboxes() : null;
      try {
        await syncOnce(o, sandboxes);
      } finally {
        await sandboxes?.close();
      }
    });
}

async function syncOnce(o: { config: string; full?: boolean }, sandboxes: DemoSandboxes | null): Promise<void> {
      const env = await openPipeline(o.config, 'sync', 'warn', sandboxes ? { env: sandboxes.env, clock: sandboxes.clock } : {});
      const workers = startWorkers(env.runtime.deps, env.runtime.queues);
      const bars = new MultiBar({ format: ' {source} [{bar}] {state} {value} items', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
      const sources = env.config.sources.map((s) => s.id);
      const bar = new Map(sources.map((s) => [s, bars.create(1, 0, { source: s.padEnd(16), state: 'queued ' })]));
      for (const w of workers.workers) {
        w.on('progress', (job, p) => {
          const v = p as { source?: string; fetched?: number; done?: boolean };
          const b = v.source ? bar.get(v.source) : undefined;
          if (b && typeof v.fetched === 'number') {
            b.setTotal(v.done ? Math.max(1, v.fetched) : v.fetched + 1);
            b.update(v.fetched, { source: (v.source ?? '').padEnd(16), state: v.done ? 'pulled ' : 'pulling' });
          }
          void job;
        });
        w.on('failed', (job) => {
          const s = (job?.data as { source?: string } | undefined)?.source;
          if (s && bar.has(s)) bar.get(s)?.update({ source: s.padEnd(16), state: 'FAILED ' });
        });
      }
      try {
        await runOnce(env.runtime.queues, sources, { mode: o.full ? 'full' : 'poll', timeoutMs: 30 * 60_000 });
      } finally {
        bars.stop();
        await workers.close();
      }
      console.log(`\n${formatPortfolio(await loadPortfolio(env.runtime.deps.store, env.config.programs.map((p) => p.program.id)))}`);
      for (const s of sources) {
        const st = await env.runtime.deps.store.state.getSourceState(s);
        if (st.status === 'failed') console.log(`\nsource ${s} FAILED: ${st.lastError ?? ''}`);
      }
      await env.close();
}
