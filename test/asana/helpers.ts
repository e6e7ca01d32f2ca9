/** Shared set-up for the Asana tests: a sandbox on a pinned clock and connectors wired to it. */
import { fixedClock } from '../../src/clock';
import { createAsanaConnector, type AsanaConnector, type AsanaConnectorOptions } from '../../connectors/asana';
import type { ConnectorCursor } from '../../connectors/contract';
import type { SourceItem } from '../../src/model/source-item';
import type { AsanaSandbox } from '../../connectors/asana/sandbox';

export const T0 = '2026-03-02T09:00:00.000Z';
export type TestClock = ReturnType<typeof fixedClock>;

export function testClock(): TestClock {
  return fixedClock(T0);
}

export function connectorFor(sb: AsanaSandbox, clock: TestClock, projects: string[], extra: Partial<AsanaConnectorOptions> = {}): AsanaConnector {
  return createAsanaConnector({
    instance: 'asana-main',
    baseUrl: sb.url,
    token: sb.token,
    workspace: sb.state.workspace.gid,
    projects,
    includeSubtasks: false,
    statusUpdates: true,
    maxConcurrency: 4,
    sleep: async (ms) => {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
    ...extra,
  });
}

export async function drain(c: AsanaConnector, cursor: ConnectorCursor | null, now: Date): Promise<{ items: SourceItem[]; cursor: ConnectorCursor }> {
  const items: SourceItem[] = [];
  let cur = cursor;
  for (let i = 0; i < 1000; i++) {
    const page = await c.pull(cur, { now });
    items.push(...page.items);
    cur = page.cursor;
    if (!page.hasMore) return { items, cursor: cur };
  }
  throw new Error('pull does not end');
}
