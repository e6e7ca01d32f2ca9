/** The demo world for pipeline tests: both sandboxes seeded, the demo config loaded against them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';
import { startJiraSandbox, type JiraSandbox } from '../../connectors/jira/sandbox/server';
import { fixedClock } from '../../src/clock';
import { formatIssues, loadConfig } from '../../src/config';
import type { VitalsConfig } from '../../src/config/types';
import { DEMO_NOW, seedDemo, type DemoSeed } from '../../src/demo/seed';

export interface World {
  jira: JiraSandbox;
  asana: AsanaSandbox;
  seed: DemoSeed;
  config: VitalsConfig;
  env: Record<string, string>;
  clock: ReturnType<typeof fixedClock>;
  commentCount(): number;
  close(): Promise<void>;
}

export async function startWorld(opts: { jiraToken?: string } = {}): Promise<World> {
  const clock = fixedClock(DEMO_NOW);
  const jira = await startJiraSandbox({ clock, ...(opts.jiraToken ? { apiToken: opts.jiraToken } : {}) });
  const asana = await startAsanaSandbox({ clock });
  const seed = seedDemo(jira, asana);
  const env = { DEMO_JIRA_URL: jira.url, DEMO_ASANA_URL: asana.url, DEMO_ASANA_EHR: seed.asanaProjects.ehr, DEMO_ASANA_PACS: seed.asanaProjects.pacs };
  const loaded = loadConfig(join(__dirname, '..', '..', 'config', 'demo', 'vitals-demo.yaml'), { env, readFile: (p) => readFileSync(p, 'utf8') });
  if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
  return {
    jira,
    asana,
    seed,
    config: loaded.config,
    env,
    clock,
    commentCount: () =>
      [...jira.state.comments.values()].reduce((n, c) => n + c.length, 0) +
      [...asana.state.stories.values()].reduce((n, s) => n + s.filter((x) => x.type === 'comment').length, 0),
    close: async () => {
      await jira.close();
      await asana.close();
    },
  };
}
