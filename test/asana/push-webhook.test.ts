/** Write-back (stories, status updates) and webhooks (handshake, signatures) against the sandbox. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../connectors/asana';
import { startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';
import type { WebhookParse } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import { connectorFor, testClock, type TestClock } from './helpers';

let sb: AsanaSandbox;
let clock: TestClock;
let project: string;
let task: string;

beforeAll(async () => {
  clock = testClock();
  sb = await startAsanaSandbox({ clock });
  project = sb.addProject('Telehealth rollout', ['Plan', 'Build']);
  task = sb.addTask({ project, name: 'BAA with video vendor', tags: ['gate:hipaa-baa'] }).gid;
});
afterAll(() => sb.close());

const comment = { fingerprint: 'risk:gate-overdue:7f3a', heading: 'Compliance gate overdue', lines: ['BAA is 4 days late & blocks go-live.'], link: { text: 'Vitals', url: 'https://vitals.example/p/1?a=1&b=2' } };

describe('asana push', () => {
  it('a story posted twice appears once, even from a new connector with no state', async () => {
    const first = await connectorFor(sb, clock, [project]).postComment(task, comment);
    const again = await connectorFor(sb, clock, [project]).postComment(task, comment);
    expect(first.status).toBe('posted');
    expect(again).toEqual({ status: 'duplicate', commentId: first.commentId });
    const stories = sb.state.stories.get(task) ?? [];
    expect(stories).toHaveLength(1);
    expect(stories[0]?.htmlText).toMatch(/^<body><strong>Compliance gate overdue<\/strong>\n/);
    expect(stories[0]?.htmlText).toContain('4 days late &amp; blocks');
    expect(stories[0]?.text.split('\n').pop()).toBe('vitals:risk:gate-overdue:7f3a');
  });

  it('a fingerprint that cannot be a marker is refused before anything is written', async () => {
    const c = connectorFor(sb, clock, [project]);
    await expect(c.postComment(task, { ...comment, fingerprint: 'bad fingerprint\n' })).rejects.toMatchObject({ reason: 'bad_query' });
    expect(sb.state.stories.get(task)).toHaveLength(1);
  });

  it('a project status update is posted once per fingerprint', async () => {
    const a = await connectorFor(sb, clock, [project]).postStatusUpdate(project, 'red', 'rag:2026-03-02:red');
    const b = await connectorFor(sb, clock, [project]).postStatusUpdate(project, 'red', 'rag:2026-03-02:red');
    expect(a.status).toBe('posted');
    expect(b).toEqual({ status: 'duplicate', statusUpdateId: a.statusUpdateId });
    expect(sb.state.statusUpdates.get(project)?.map((s) => s.statusType)).toEqual(['off_track']);
    const off = connectorFor(sb, clock, [project], { statusUpdates: false });
    await expect(off.postStatusUpdate(project, 'amber', 'rag:x')).rejects.toMatchObject({ reason: 'bad_config' });
  });
});

describe('asana webhooks', () => {
  let receiver: Server;
  let secret: string | null = null;
  const seen: WebhookParse[] = [];
  const rejected: number[] = [];

  beforeAll(async () => {
    const c = connectorFor(sb, clock, [project]);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        try {
          const parsed = c.parseWebhook({ headers: req.headers, rawBody: Buffer.concat(chunks) }, secret);
          if (parsed.kind === 'handshake') {
            secret = parsed.secret;
            res.setHeader('X-Hook-Secret', parsed.secret);
          }
          seen.push(parsed);
          res.statusCode = 200;
        } catch (err) {
          res.statusCode = err instanceof WebhookRejectedError ? err.status : 500;
          rejected.push(res.statusCode);
        }
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it('handshake on creation, then signed deliveries; heartbeats cause nothing', async () => {
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/asana?tenant=t1`;
    const res = await fetch(`${sb.url}/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { resource: project, target } }),
    });
    expect(res.status).toBe(201);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const hook = [...sb.webhooks.values()][0];
    expect(hook?.secret).toBe(secret);
    const gone = sb.addTask({ project, name: 'Old task' }).gid;
    sb.updateTask(task, { dueOn: '2026-03-20' });
    sb.deleteTask(gone);
    expect(await sb.deliver(hook?.gid as string)).toBe(200);
    expect(seen.at(-1)).toEqual({ kind: 'changed', keys: [task], deletedKeys: [gone] });
    expect(await sb.heartbeat(hook?.gid as string)).toBe(200);
    expect(seen.at(-1)).toEqual({ kind: 'ignored', reason: 'heartbeat' });
  });

  it('bad or missing signatures get 401, malformed bodies 400', () => {
    const c = connectorFor(sb, clock, [project]);
    const body = Buffer.from('{"events":[]}');
    const status = (f: () => unknown): number | null => {
      try {
        f();
        return null;
      } catch (err) {
        return err instanceof WebhookRejectedError ? err.status : -1;
      }
    };
    expect(status(() => c.parseWebhook({ headers: {}, rawBody: body }, 's'))).toBe(401);
    expect(status(() => c.parseWebhook({ headers: { 'x-hook-signature': 'abc' }, rawBody: body }, 's'))).toBe(401);
    expect(status(() => c.parseWebhook({ headers: { 'x-hook-signature': 'abc' }, rawBody: body }, null))).toBe(401);
    const junk = Buffer.from('{"events": 5}');
    expect(status(() => c.parseWebhook({ headers: { 'x-hook-signature': signBody(junk, 's') }, rawBody: junk }, 's'))).toBe(400);
    const notJson = Buffer.from('<xml/>');
    expect(status(() => c.parseWebhook({ headers: { 'X-Hook-Signature': signBody(notJson, 's') }, rawBody: notJson }, 's'))).toBe(400);
  });
});
