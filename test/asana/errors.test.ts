/** Bad input and bad days: every failure surfaces as a typed error with a clear message. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAsanaConnector } from '../../connectors/asana';
import { startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';
import { RateLimitedError, TransientError, UnrecoverableError } from '../../connectors/errors';
import { connectorFor, testClock, type TestClock } from './helpers';

let sb: AsanaSandbox;
let clock: TestClock;
let project: string;

beforeAll(async () => {
  clock = testClock();
  sb = await startAsanaSandbox({ clock, token: 'right-token' });
  project = sb.addProject('LIS upgrade');
  sb.addTask({ project, name: 'Analyzer interfaces' });
});
afterAll(() => sb.close());
afterEach(() => sb.faults.reset());

describe('asana errors', () => {
  it('a bad token is bad_credentials, and the token is not in the message', async () => {
    const c = connectorFor(sb, clock, [project], { token: 'wrong-token-123' });
    const err = (await c.pull(null, { now: clock() }).catch((e: unknown) => e)) as UnrecoverableError;
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(err.reason).toBe('bad_credentials');
    expect(err.message).not.toContain('wrong-token-123');
  });

  it('a missing project is not_found and names the project', async () => {
    const c = connectorFor(sb, clock, ['1234567']);
    await expect(c.pull(null, { now: clock() })).rejects.toMatchObject({ reason: 'not_found', message: expect.stringContaining('project 1234567') });
    await expect(c.listIds()).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('a long Retry-After becomes RateLimitedError for the queue; a short one is waited out', async () => {
    const c = connectorFor(sb, clock, [project], { retry: { maxDelayMs: 10_000 } });
    sb.faults.set({ rate429: 1, retryAfterSec: 60 });
    const err = (await c.pull(null, { now: clock() }).catch((e: unknown) => e)) as RateLimitedError;
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterMs).toBe(60_000);
    sb.faults.set({ rate429: 0, failNext: 2 });
    const start = clock().getTime();
    const page = await c.pull(null, { now: clock() });
    expect(page.items).toHaveLength(1);
    expect(clock().getTime()).toBeGreaterThan(start);
  });

  it('a vendor that stays down is a TransientError after the bounded retries', async () => {
    const c = connectorFor(sb, clock, [project], { retry: { maxAttempts: 3 } });
    sb.faults.set({ down: true });
    const before = sb.requestCount();
    const err = (await c.fetchItem('1').catch((e: unknown) => e)) as TransientError;
    expect(err).toBeInstanceOf(TransientError);
    expect(err.status).toBe(503);
    expect(sb.requestCount() - before).toBe(3);
  });

  it('bad configuration is refused up front', () => {
    expect(() => connectorFor(sb, clock, [])).toThrow(UnrecoverableError);
  });

  describe('an unexpected response shape', () => {
    let weird: Server;
    beforeAll(async () => {
      weird = createServer((req, res) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url?.startsWith('/events')) {
          res.statusCode = 412;
          res.end(JSON.stringify({ errors: [{ message: 'too old' }], sync: 'tok' }));
          return;
        }
        res.end(JSON.stringify({ data: [{ gid: 42, name: 'not a string gid' }] }));
      });
      await new Promise<void>((resolve) => weird.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => weird.close(resolve)));

    it('is invalid_response, and the cursor is not moved', async () => {
      const c = createAsanaConnector({
        instance: 'x', baseUrl: `http://127.0.0.1:${(weird.address() as AddressInfo).port}`, token: 't', workspace: 'w',
        projects: ['1'], includeSubtasks: false, statusUpdates: false, maxConcurrency: 2,
      });
      await expect(c.pull(null, { now: clock() })).rejects.toMatchObject({ reason: 'invalid_response', message: expect.stringContaining('unexpected response shape') });
    });
  });
});
