/**
 * `vitals notify --dry-run --config <file>`: what the current snapshots would send to which channel and when.
 * `vitals notify test <channel> --config <file>`: sends a harmless test message and prints the receiver's answer.
 * Also registers `vitals audit` (./audit.ts).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../clock';
import { formatIssues, loadConfig } from '../config';
import type { VitalsConfig } from '../config/types';
import { formatPlan, planDeliveries } from '../pipeline/deliver/plan';
import type { ProgramEvaluation } from '../model';
import { createChannel } from '../notify/create-channel';
import { renderTestAlert } from '../notify/render-digest';
import { registerAudit } from './audit';
import { openPipeline } from './pipeline-env';

export interface TestSendResult {
  code: number;
  out: string;
}

/** Sends the test alert to `channelId` of `config` at `now`; exit code 0 when the receiver accepted it. */
export async function notifyTest(config: VitalsConfig, channelId: string, now: Date): Promise<TestSendResult> {
  const entry = config.channels.channels[channelId];
  if (!entry) {
    const known = Object.keys(config.channels.channels);
    return { code: 2, out: `vitals notify test: no channel \`${channelId}\` in ${config.file} (configured: ${known.join(', ') || 'none; add one under channels.channels'})\n` };
  }
  const channel = createChannel(entry, { id: channelId, clock: () => now });
  try {
    const alert = renderTestAlert(channelId, now, config.server.publicUrl);
    const recipients = entry.kind === 'email' ? entry.to : [];
    const r = await channel.send(alert, { recipients });
    const answer = r.status === null ? 'no status' : `${entry.kind === 'email' ? 'SMTP' : 'HTTP'} ${r.status}`;
    const verdict = r.ok ? 'delivered' : r.retryable ? 'failed (retryable)' : 'failed (not retryable)';
    return { code: r.ok ? 0 : 1, out: `${channelId} (${entry.kind}): ${verdict}; receiver answered ${answer}: ${r.detail}\n` };
  } finally {
    await channel.close?.();
  }
}

function load(file: string | undefined): VitalsConfig {
  if (!file) throw new Error('vitals notify: --config <file> is required');
  const loaded = loadConfig(file, { env: process.env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(`vitals: the config is invalid:\n${formatIssues(loaded.errors)}`);
  return loaded.config;
}

export function registerNotify(program: Command): void {
  const notify = program
    .command('notify')
    .description('preview where alerts would go (--dry-run), or send a test message (notify test <channel>)')
    .option('-c, --config <file>', 'the config file')
    .option('--dry-run', 'print what the current snapshots would send where; send nothing')
    .action(async (o: { config?: string; dryRun?: boolean }) => {
      if (!o.dryRun) {
        process.stderr.write('vitals notify: pass --dry-run to preview, or `vitals notify test <channel> --config <file>`\n');
        process.exitCode = 2;
        return;
      }
      if (!o.config) {
        process.stderr.write('vitals notify: --config <file> is required\n');
        process.exitCode = 2;
        return;
      }
      const env = await openPipeline(o.config, 'notify', 'warn');
      try {
        const snapshots: ProgramEvaluation[] = [];
        for (const pp of env.config.programs) {
          const s = await env.runtime.deps.store.state.getSnapshot(pp.program.id);
          if (s) snapshots.push(s);
        }
        if (!snapshots.length) process.stdout.write('No snapshots yet: run `vitals sync --once` first.\n');
        const plan = await planDeliveries(env.runtime.deps.settings, snapshots, env.runtime.deps.store, systemClock());
        const kinds = Object.fromEntries(Object.entries(env.config.channels.channels).map(([id, c]) => [id, c.kind]));
        process.stdout.write(`${formatPlan(plan, kinds)}\n`);
      } finally {
        await env.close();
      }
    });
  notify
    .command('test <channel>')
    .description('send a test message to one configured channel and print the receiver\'s answer')
    .option('-c, --config <file>', 'the config file')
    .action(async (channel: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ config?: string }>();
      let config: VitalsConfig;
      try {
        config = load(opts.config);
      } catch (err) {
        process.stderr.write(`${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const r = await notifyTest(config, channel, systemClock());
      (r.code === 0 ? process.stdout : process.stderr).write(r.out);
      process.exitCode = r.code;
    });
  registerAudit(program);
}
