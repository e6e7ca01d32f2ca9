/**
 * `vitals demo`: both sandboxes seeded with two programs, the pipeline run once with an embedded worker against
 * Redis (bootstrapped), then the portfolio, the dashboard address and the comments the run posted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAsanaSandbox } from '../../connectors/asana/sandbox';
import { startJiraSandbox } from '../../connectors/jira/sandbox/server';
import { fixedClock } from '../clock';
import { formatIssues, loadConfig } from '../config';
import { createLogger, silentLogger } from '../log';
import { packageRoot } from '../paths';
import { formatPortfolio, loadPortfolio } from '../pipeline/portfolio';
import { bootstrapRedis } from '../pipeline/redis';
import { runOnce } from '../pipeline/run-once';
import { createRuntime } from '../pipeline/runtime';
import { startWorkers } from '../pipeline/worker';
import { deleteByPattern } from '../store';
import { formatAlertSummary, useDemoAlertSink } from '../pipeline/deliver/demo-sink';
import { startDashboard } from '../api';
import { untilSignal } from '../cli/pipeline-env';
import type { Runtime } from '../pipeline/runtime';
import { DEMO_NOW, seedDemo } from './seed';

/** The configured port, or any free one when it is taken (a second demo, another service on 8080). */
async function serveDemoDashboard(runtime: Runtime, port: number, actionLinkSecret: string | null) {
  const options = { createKey: { role: 'pmo' as const, label: 'demo' }, actionLinkSecret };
  try {
    return await startDashboard(runtime, { ...options, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startDashboard(runtime, { ...options, port: 0 });
  }
}

export interface DemoOptions {
  verbose?: boolean;
  /** Keep serving the dashboard until Ctrl-C (default: when stdout is a terminal). */
  serve?: boolean;
  /** Dashboard port; default server.port of the demo config, or any free port when that one is taken. */
  port?: number;
  out?: (line: string) => void;
}

function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (n.type === 'text') return n.text ?? '';
  const inner = (n.content ?? []).map(adfText).join('');
  return n.type === 'paragraph' || n.type === 'heading' ? `${inner}\n` : inner;
}

export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const out = options.out ?? ((l: string) => console.log(l));
  const started = Date.now();
  const clock = fixedClock(DEMO_NOW);
  const jira = await startJiraSandbox({ clock });
  const asana = await startAsanaSandbox({ clock });
  const redis = await bootstrapRedis({ log: out, dataDir: join(process.cwd(), '.vitals', 'redis') });
  const conn = redis.connect();
  const logger = options.verbose ? createLogger({ role: 'demo' }) : silentLogger();
  try {
    const seed = seedDemo(jira, asana);
    out(`Sandboxes: Jira ${jira.url} (${seed.jiraKeys.length} issues), Asana ${asana.url} (${seed.asanaTasks.length} tasks); demo date ${DEMO_NOW.slice(0, 10)}`);
    const file = join(packageRoot(), 'config', 'demo', 'vitals-demo.yaml');
    const env = { DEMO_JIRA_URL: jira.url, DEMO_ASANA_URL: asana.url, DEMO_ASANA_EHR: seed.asanaProjects.ehr, DEMO_ASANA_PACS: seed.asanaProjects.pacs };
    const loaded = loadConfig(file, { env, readFile: (p) => readFileSync(p, 'utf8') });
    if (!loaded.ok) throw new Error(`demo config is invalid:\n${formatIssues(loaded.errors)}`);
    const alertsFile = useDemoAlertSink(loaded.config, join(process.cwd(), '.vitals', 'demo-alerts.ndjson'));
    const namespace = 'vitals-demo';
    await deleteByPattern(conn, `{${namespace}}*`);
    const runtime = createRuntime(loaded.config, { redis: conn, namespace, clock, logger, evaluateDelayMs: 50 });
    const workers = startWorkers(runtime.deps, runtime.queues, { concurrency: { notify: 4 } });
    try {
      await runOnce(runtime.queues, loaded.config.sources.map((s) => s.id), { mode: 'full', timeoutMs: 45_000 });
      const programs = loaded.config.programs.map((p) => p.program.id);
      out('\nPortfolio');
      out(formatPortfolio(await loadPortfolio(runtime.deps.store, programs)));
      out('\nComments posted on the trackers (read back from the sandboxes):');
      let n = 0;
      for (const [key, comments] of jira.state.comments) {
        for (const c of comments) {
          n += 1;
          out(`\n  Jira ${key}:\n${adfText(c.body).trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`);
        }
      }
      for (const [task, stories] of asana.state.stories) {
        for (const s of stories.filter((x) => x.type === 'comment')) {
          n += 1;
          out(`\n  Asana task ${task}:\n${s.text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`);
        }
      }
      if (!n) out('  (none)');
      const audit = await runtime.deps.store.audit.list();
      out(`\nAudit: ${audit.filter((a) => a.action === 'posted').length} posted, ${audit.filter((a) => a.action === 'escalated').length} escalation level(s) recorded.`);
      out(await formatAlertSummary(runtime.deps.store, alertsFile));
      out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      const dash = await serveDemoDashboard(runtime, options.port ?? loaded.config.server.port, loaded.config.channels.actionLinks?.secret ?? null);
      out(`\nDashboard: ${dash.url}/  (portfolio; program pages at ${dash.url}/programs/<id>)`);
      out(`  sign in with the demo PMO key: ${dash.key ?? '(none)'}`);
      const serve = options.serve ?? process.stdout.isTTY === true;
      if (serve) {
        out('  serving until Ctrl-C');
        await untilSignal();
      } else {
        out('  (not a terminal: the dashboard closes now; `npm run demo -- --serve` keeps it open)');
      }
      await dash.close();
    } finally {
      await workers.close();
      await runtime.close();
    }
  } finally {
    conn.disconnect();
    await redis.stop();
    await jira.close();
    await asana.close();
  }
}
