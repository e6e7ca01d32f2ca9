/** The Asana harness for the shared conformance suite: sandbox + connector through the real `asana` client. */
import { fixedClock } from '../../../src/clock';
import type { ConformanceHarness } from '../../conformance/harness';
import { createAsanaConnector } from '../index';
import { sign, startAsanaSandbox } from './server';

export async function createAsanaHarness(): Promise<ConformanceHarness> {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const sandbox = await startAsanaSandbox({ clock, token: 'harness-token' });
  const project = sandbox.addProject('EHR go-live · Conformance', ['Plan', 'Build', 'Test']);
  const webhookSecret = 'asana-harness-secret';
  const connector = createAsanaConnector({
    instance: 'asana-test',
    baseUrl: sandbox.url,
    token: sandbox.token,
    workspace: sandbox.state.workspace.gid,
    projects: [project],
    includeSubtasks: false,
    statusUpdates: true,
    maxConcurrency: 8,
    // Virtual waits: Retry-After and backoff move the sandbox clock instead of the wall clock.
    sleep: async (ms) => {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  });
  let n = 0;
  return {
    name: 'asana',
    connector,
    webhookSecret,
    async seed(count) {
      return Array.from({ length: count }, () => sandbox.addTask({ project, name: `Conformance task ${++n}`, section: 'Build' }).gid);
    },
    async touch(key) {
      clock.advance(1000);
      sandbox.updateTask(key, { dueOn: `2026-04-${String(1 + (n++ % 28)).padStart(2, '0')}` });
    },
    async remove(key) {
      sandbox.deleteTask(key);
    },
    faults: (settings) => sandbox.faults.set(settings),
    async commentCount(key) {
      return (sandbox.state.stories.get(key) ?? []).filter((s) => s.type === 'comment').length;
    },
    signedDelivery(keys) {
      const rawBody = Buffer.from(JSON.stringify({
        events: keys.map((gid) => ({ action: 'changed', resource: { gid, resource_type: 'task' }, parent: null, user: null, created_at: clock().toISOString() })),
      }));
      return { headers: { 'content-type': 'application/json', 'x-hook-signature': sign(rawBody, webhookSecret) }, rawBody };
    },
    advance: (ms) => clock.advance(ms),
    close: () => sandbox.close(),
  };
}
