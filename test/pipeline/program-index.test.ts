/**
 * The evaluate job against the per-program index (real Redis, real sandboxes, demo config): each program loads only
 * its own items, a webhook pull re-evaluates only the program its item is in, a config with new rules rebuilds the
 * index, and the API's RAG override reaches the snapshot next to the computed RAG.
 */
import { randomUUID } from 'node:crypto';
import { silentLogger } from '../../src/log';
import type { ProgramEvaluation } from '../../src/model/evaluation';
import { redisConnection } from '../../src/pipeline/redis';
import { runOnce, waitForIdle } from '../../src/pipeline/run-once';
import { createRuntime, type Runtime } from '../../src/pipeline/runtime';
import { startWorkers, type WorkerSet } from '../../src/pipeline/worker';
import { deleteByPattern } from '../../src/store';
import { startWorld, type World } from './world';

describe('per-program index in the pipeline (shared Redis, own namespace)', () => {
  const conn = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const namespace = `vt-pidx-${randomUUID().slice(0, 8)}`;
  let world: World;
  let runtime: Runtime;
  let workers: WorkerSet;

  beforeAll(async () => {
    world = await startWorld();
    runtime = createRuntime(world.config, { redis: conn, namespace, clock: world.clock, logger: silentLogger(), evaluateDelayMs: 0 });
    workers = startWorkers(runtime.deps, runtime.queues);
    await runOnce(runtime.queues, world.config.sources.map((s) => s.id), { mode: 'full', pollMs: 20, timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await workers?.close();
    await runtime?.close();
    await deleteByPattern(conn, `{${namespace}}*`);
    await conn.quit();
    await world?.close();
  });

  const snapshot = async (program: string): Promise<ProgramEvaluation> => {
    const s = await runtime.deps.store.state.getSnapshot(program);
    if (!s) throw new Error(`no snapshot for ${program}`);
    return s;
  };

  it('indexes exactly the items each program maps, and evaluates from them', async () => {
    const { store } = runtime.deps;
    for (const pp of runtime.deps.settings.programs) {
      const all = (await Promise.all(pp.sources.map((s) => store.items.loadItems(s)))).flat();
      const expected = runtime.deps.mapProgram(pp, all).items.map((w) => w.uid).sort();
      const members = (await store.index.members(pp.program.id)).map((m) => m.split(':')[0] === 'jira-demo' ? `jira:${m}` : `asana:${m}`).sort();
      expect(members).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('a webhook about one item re-evaluates its program only', async () => {
    const before = new Map<string, string>();
    for (const pp of runtime.deps.settings.programs) before.set(pp.program.id, (await snapshot(pp.program.id)).now);
    world.clock.set(new Date(Date.parse(world.clock().toISOString()) + 3_600_000).toISOString());
    const { sraKey } = world.seed;
    world.jira.updateIssue(sraKey, { updated: world.clock().getTime() });
    await runtime.queues.enqueue('pull.source', { source: 'jira-demo', mode: 'keys', keys: [sraKey] });
    await waitForIdle(runtime.queues, { pollMs: 20, timeoutMs: 20_000 });
    const changed = [];
    for (const [id, at] of before) if ((await snapshot(id)).now !== at) changed.push(id);
    expect(changed).toEqual(['ehr-golive']);
  });

  it('puts the API override into the snapshot next to the computed RAG', async () => {
    const key = `{${namespace}}:api:overrides`;
    const computed = (await snapshot('pacs-upgrade')).computedRag;
    const rag = computed === 'red' ? 'green' : 'red';
    await conn.hset(key, 'pacs-upgrade', JSON.stringify({ rag, reason: 'steering committee', by: 'pmo-1', expires: '2099-01-01' }));
    await runtime.queues.enqueue('evaluate.program', { program: 'pacs-upgrade' }, { jobId: 'override-check' });
    await waitForIdle(runtime.queues, { pollMs: 20, timeoutMs: 20_000 });
    const snap = await snapshot('pacs-upgrade');
    expect({ rag: snap.rag, computed: snap.computedRag, by: snap.override?.by }).toEqual({ rag, computed, by: 'pmo-1' });
  });
});
