import { fixedClock } from '../../src/clock';
import { signWebhook, verifyWebhookSignature } from '../../src/notify/webhook/signature';
import { WebhookChannel, type WebhookPayload } from '../../src/notify/webhook/webhook-channel';
import { sampleAlert, startReceiver, type Receiver } from './receiver';

const SECRET = 'whsec-0123456789abcdef';
const clock = fixedClock('2026-02-25T09:00:00Z');
let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver({ status: 204 });
});
afterAll(() => rx.close());

describe('generic signed webhook', () => {
  const ch = (timeoutMs = 5000) =>
    new WebhookChannel('hook', { kind: 'webhook', url: `${rx.url}/hooks/vitals`, secret: SECRET, headers: { 'x-tenant': 'north' }, timeoutMs }, clock);

  it('sends the alert as JSON with a timestamp and a signature the receiver can verify over the raw body', async () => {
    const r = await ch().send(sampleAlert);
    expect(r).toMatchObject({ ok: true, status: 204 });
    const got = rx.received.at(-1)!;
    const ts = got.headers['x-vitals-timestamp'] as string;
    const sig = got.headers['x-vitals-signature'] as string;
    expect(ts).toBe(String(Date.parse('2026-02-25T09:00:00Z') / 1000));
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(got.headers['x-tenant']).toBe('north');
    expect(verifyWebhookSignature(SECRET, { timestamp: ts, signature: sig }, got.raw, clock())).toBe(true);
    // The README's receiver recipe, done by hand.
    const { createHmac } = await import('node:crypto');
    expect(sig).toBe(`v1=${createHmac('sha256', SECRET).update(`${ts}.${got.raw.toString('utf8')}`).digest('hex')}`);
    const body = JSON.parse(got.raw.toString()) as WebhookPayload;
    expect(body).toEqual({ type: 'vitals.alert', version: 1, deliveryId: `${sampleAlert.fingerprint}|L3|hook`, sentAt: '2026-02-25T09:00:00.000Z', alert: sampleAlert });
    expect(got.headers['x-vitals-delivery']).toBe(body.deliveryId);
  });

  it('a receiver rejects a changed body, a wrong secret and a stale timestamp', () => {
    const raw = Buffer.from('{"a":1}');
    const ts = 1_771_000_000;
    const sig = signWebhook(SECRET, ts, raw);
    const at = new Date(ts * 1000);
    expect(verifyWebhookSignature(SECRET, { timestamp: String(ts), signature: sig }, raw, at)).toBe(true);
    expect(verifyWebhookSignature(SECRET, { timestamp: String(ts), signature: sig }, Buffer.from('{"a":2}'), at)).toBe(false);
    expect(verifyWebhookSignature('other-secret-000000', { timestamp: String(ts), signature: sig }, raw, at)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { timestamp: String(ts), signature: sig }, raw, new Date((ts + 301) * 1000))).toBe(false);
    expect(verifyWebhookSignature(SECRET, { timestamp: undefined, signature: sig }, raw, at)).toBe(false);
  });

  it('4xx final, 429/5xx retryable, timeout retryable', async () => {
    rx.script = [{ status: 401 }, { status: 429 }, { status: 502 }, { status: 200, hang: true }];
    expect(await ch().send(sampleAlert)).toMatchObject({ status: 401, retryable: false });
    expect(await ch().send(sampleAlert)).toMatchObject({ status: 429, retryable: true });
    expect(await ch().send(sampleAlert)).toMatchObject({ status: 502, retryable: true });
    expect(await ch(200).send(sampleAlert)).toMatchObject({ ok: false, status: null, retryable: true });
  });

  it('a refused connection is retryable', async () => {
    const dead = new WebhookChannel('dead', { kind: 'webhook', url: 'http://127.0.0.1:1/x', secret: SECRET, headers: {}, timeoutMs: 1000 }, clock);
    expect(await dead.send(sampleAlert)).toMatchObject({ ok: false, status: null, retryable: true });
  });
});
