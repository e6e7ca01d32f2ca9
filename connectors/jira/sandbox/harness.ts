/** The Jira harness for the shared conformance suite: sandbox + connector through the real jira.js client. */
import { fixedClock } from '../../../src/clock';
import type { ConformanceHarness } from '../../conformance/harness';
import type { TrackerConnector } from '../../contract';
import { createJiraConnector } from '../index';
import type { JiraConnectorOptions } from '../options';
import { startJiraSandbox } from './server';

export const HARNESS_PROJECT = 'CONF';

export async function jiraHarness(): Promise<ConformanceHarness> {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const sandbox = await startJiraSandbox({ clock });
  sandbox.state.addProject(HARNESS_PROJECT, 'Conformance program');
  const webhookSecret = 'jira-harness-secret';
  const options: JiraConnectorOptions = {
    instance: 'jira-test',
    baseUrl: sandbox.url,
    auth: { kind: 'basic', ...sandbox.credentials },
    jql: `project = ${HARNESS_PROJECT}`,
    lookbackMinutes: 10,
    // Small pages so a few dozen seeded items already span several pages.
    pageSize: 10,
    maxConcurrency: 4,
    fixVersionsAsMilestones: true,
    customFields: {},
    retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 30_000 },
    // Virtual waits: Retry-After and backoff move the sandbox clock instead of the wall clock.
    sleep: async (ms) => {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
  const fresh = (): TrackerConnector => createJiraConnector(options);
  let n = 0;
  return {
    name: 'jira',
    connector: fresh(),
    freshConnector: fresh,
    now: () => clock(),
    webhookSecret,
    async seed(count) {
      // Spread over the past like real work (2 min apart), so the lookback overlap holds a handful, not everything.
      const t = clock().getTime();
      return Array.from({ length: count }, (_, i) => {
        const at = t - (count - i) * 120_000;
        return sandbox.addIssue({ project: HARNESS_PROJECT, summary: `Conformance task ${++n}`, created: at, updated: at }).key;
      });
    },
    async touch(key) {
      clock.advance(1000);
      sandbox.updateIssue(key, { status: 'In Progress', category: 'indeterminate' });
    },
    async remove(key) {
      sandbox.deleteIssue(key);
    },
    faults: (settings) => sandbox.faults.set(settings),
    async commentCount(key) {
      return (sandbox.state.comments.get(key) ?? []).length;
    },
    signedDelivery(keys) {
      // Jira sends one delivery per issue event; a multi-key delivery does not exist in its protocol.
      if (keys.length !== 1) throw new Error('jira harness: a Jira delivery names exactly one issue');
      return sandbox.signedDelivery('jira:issue_updated', keys[0] as string, webhookSecret);
    },
    advance: (ms) => clock.advance(ms),
    close: () => sandbox.close(),
  };
}
