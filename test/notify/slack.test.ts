import { SlackChannel } from '../../src/notify/slack/slack-channel';
import { sampleAlert, startReceiver, type Receiver } from './receiver';

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(() => rx.close());
beforeEach(() => {
  rx.received.length = 0;
  rx.script = [];
  rx.fallback = { status: 200, body: 'ok' };
});

describe('Slack incoming webhook', () => {
  const ch = (timeoutMs = 5000) =>
    new SlackChannel('slack-pmo', { kind: 'slack', webhookUrl: `${rx.url}/services/T0/B0/secret`, baseUrl: 'https://slack.com/api', timeoutMs });

  it('posts a Block Kit message with escaped text and link buttons', async () => {
    const r = await ch().send(sampleAlert);
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(rx.received).toHaveLength(1);
    const got = rx.received[0]!;
    expect(got.path).toBe('/services/T0/B0/secret');
    expect(got.headers['content-type']).toBe('application/json');
    const body = JSON.parse(got.raw.toString()) as { text: string; blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ url?: string; action_id?: string }> }> };
    expect(body.text).toBe(sampleAlert.heading);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(body.blocks[1]!.text!.text).toContain('Fix &lt;script&gt; &amp; [NAME]');
    expect(body.blocks[3]!.elements!.map((e) => e.action_id)).toEqual(['vitals_item', 'vitals_program', 'vitals_ack']);
  });

  it('classifies 4xx as final, 429 and 5xx as retryable, and never leaks the webhook url', async () => {
    rx.script = [{ status: 404, body: 'no_service' }, { status: 429, body: '', headers: { 'retry-after': '7' } }, { status: 503, body: 'down' }];
    const a = await ch().send(sampleAlert);
    expect(a).toMatchObject({ ok: false, status: 404, retryable: false });
    expect(a.detail).not.toContain('secret');
    expect(await ch().send(sampleAlert)).toMatchObject({ ok: false, status: 429, retryable: true, retryAfterMs: 7000 });
    expect(await ch().send(sampleAlert)).toMatchObject({ ok: false, status: 503, retryable: true });
  });

  it('times out as retryable', async () => {
    rx.script = [{ status: 200, hang: true }];
    const r = await ch(300).send(sampleAlert);
    expect(r).toMatchObject({ ok: false, status: null, retryable: true });
    expect(r.detail).toMatch(/timed out after 300 ms/);
  });
});

describe('Slack bot token (chat.postMessage)', () => {
  const ch = () => new SlackChannel('slack-bot', { kind: 'slack', token: 'xoxb-test-token', channel: 'C0123456789', baseUrl: `${rx.url}/api`, timeoutMs: 5000 });

  it('posts to chat.postMessage with the bearer token and channel', async () => {
    rx.script = [{ status: 200, body: JSON.stringify({ ok: true, ts: '1700000000.000100' }) }];
    const r = await ch().send(sampleAlert);
    expect(r).toMatchObject({ ok: true, status: 200 });
    const got = rx.received[0]!;
    expect(got.path).toBe('/api/chat.postMessage');
    expect(got.headers.authorization).toBe('Bearer xoxb-test-token');
    const body = JSON.parse(got.raw.toString()) as { channel: string; blocks: unknown[] };
    expect(body.channel).toBe('C0123456789');
    expect(body.blocks).toHaveLength(4);
  });

  it('reads errors inside a 200 answer', async () => {
    rx.script = [
      { status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) },
      { status: 200, body: JSON.stringify({ ok: false, error: 'ratelimited' }) },
    ];
    expect(await ch().send(sampleAlert)).toMatchObject({ ok: false, retryable: false, detail: 'Slack error: channel_not_found' });
    expect(await ch().send(sampleAlert)).toMatchObject({ ok: false, retryable: true, detail: 'Slack error: ratelimited' });
  });
});
