/** `vitals status`: queues, last sync per source, errors. */
import type { Command } from 'commander';
import { queueCounts } from '../pipeline/run-once';
import { DEMO_PLACEHOLDER_ENV } from './demo-sandboxes';
import { openPipeline } from './pipeline-env';
import { channelStatusOf, formatChannelStatus } from '../pipeline/deliver';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the queues, the last sync of each source and its errors')
    .requiredOption('-c, --config <file>', 'the config file')
    .option('--sandbox', 'the config names the demo sandboxes (config/demo/vitals-demo.yaml); status never calls them')
    .action(async (o: { config: string; sandbox?: boolean }) => {
      const env = await openPipeline(o.config, 'status', 'warn', o.sandbox ? { env: DEMO_PLACEHOLDER_ENV } : {});
      try {
        console.log('queue                waiting  active  delayed  failed  completed');
        for (const c of await queueCounts(env.runtime.queues)) {
          console.log(`${c.queue.padEnd(20)} ${String(c.waiting).padStart(7)} ${String(c.active).padStart(7)} ${String(c.delayed).padStart(8)} ${String(c.failed).padStart(7)} ${String(c.completed).padStart(10)}`);
        }
        console.log('\nsource               status        items  last sync                 last error');
        for (const s of env.config.sources) {
          const st = await env.runtime.deps.store.state.getSourceState(s.id);
          console.log(`${s.id.padEnd(20)} ${st.status.padEnd(12)} ${String(st.items).padStart(6)}  ${(st.lastSyncAt ?? 'never').padEnd(25)} ${st.lastError ?? ''}`);
        }
        const channels = await channelStatusOf(env.runtime).list(Object.keys(env.config.channels.channels));
        console.log(`\n${formatChannelStatus(channels, env.config.channels)}`);
      } finally {
        await env.close();
      }
    });
}
