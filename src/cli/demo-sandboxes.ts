/**
 * `--sandbox` for `vitals sync` and `vitals status` with the demo config: the config names the sandboxes through
 * DEMO_* variables. `sync --sandbox` starts both sandboxes seeded with the demo world at the demo's pinned date;
 * `status --sandbox` only needs the config to resolve (status never calls a tracker), so placeholders do.
 */
import { startAsanaSandbox } from '../../connectors/asana/sandbox';
import { startJiraSandbox } from '../../connectors/jira/sandbox/server';
import { fixedClock, type Clock } from '../clock';
import { DEMO_NOW, seedDemo } from '../demo/seed';

export interface DemoSandboxes {
  env: Record<string, string>;
  clock: Clock;
  close(): Promise<void>;
}

export async function startDemoSandboxes(): Promise<DemoSandboxes> {
  const clock = fixedClock(DEMO_NOW);
  const jira = await startJiraSandbox({ clock });
  const asana = await startAsanaSandbox({ clock });
  const seed = seedDemo(jira, asana);
  return {
    env: { DEMO_JIRA_URL: jira.url, DEMO_ASANA_URL: asana.url, DEMO_ASANA_EHR: seed.asanaProjects.ehr, DEMO_ASANA_PACS: seed.asanaProjects.pacs },
    clock,
    close: async () => {
      await jira.close();
      await asana.close();
    },
  };
}

/** Enough for the demo config to resolve when nothing will be called. */
export const DEMO_PLACEHOLDER_ENV: Record<string, string> = {
  DEMO_JIRA_URL: 'http://127.0.0.1:9',
  DEMO_ASANA_URL: 'http://127.0.0.1:9',
  DEMO_ASANA_EHR: '0',
  DEMO_ASANA_PACS: '0',
};
