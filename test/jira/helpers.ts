/** A sandbox with a frozen clock and a connector wired to it through jira.js, for the Jira tests. */
import { fixedClock } from '../../src/clock';
import type { ConnectorCursor, TrackerConnector } from '../../connectors/contract';
import { createJiraConnector } from '../../connectors/jira';
import type { JiraConnectorOptions } from '../../connectors/jira/options';
import { startJiraSandbox, type JiraSandbox } from '../../connectors/jira/sandbox/server';

export const NOW = '2026-03-02T09:00:00.000Z';

export interface World {
  sandbox: JiraSandbox;
  clock: ReturnType<typeof fixedClock>;
  /** Every wait the connector asked for, in ms. */
  sleeps: number[];
  connect(overrides?: Partial<JiraConnectorOptions>): TrackerConnector;
  options(overrides?: Partial<JiraConnectorOptions>): JiraConnectorOptions;
}

export async function startWorld(project = 'EHR'): Promise<World> {
  const clock = fixedClock(NOW);
  const sandbox = await startJiraSandbox({ clock });
  sandbox.state.addProject(project);
  const sleeps: number[] = [];
  const options = (overrides: Partial<JiraConnectorOptions> = {}): JiraConnectorOptions => ({
    instance: 'jira-main',
    baseUrl: sandbox.url,
    auth: { kind: 'basic', ...sandbox.credentials },
    jql: `project = ${project}`,
    lookbackMinutes: 10,
    pageSize: 50,
    maxConcurrency: 1,
    fixVersionsAsMilestones: true,
    customFields: {},
    retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
    ...overrides,
  });
  return { sandbox, clock, sleeps, options, connect: (o) => createJiraConnector(options(o)) };
}

export async function drain(connector: TrackerConnector, cursor: ConnectorCursor | null): Promise<{ keys: string[]; cursor: ConnectorCursor; items: Awaited<ReturnType<TrackerConnector['pull']>>['items'] }> {
  const items: Awaited<ReturnType<TrackerConnector['pull']>>['items'] = [];
  let current = cursor;
  for (let i = 0; i < 1000; i += 1) {
    const page = await connector.pull(current, { now: new Date(NOW) });
    items.push(...page.items);
    current = page.cursor;
    if (!page.hasMore) return { keys: items.map((x) => x.key), cursor: page.cursor, items };
  }
  throw new Error('pull never finished');
}
