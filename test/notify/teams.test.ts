import { TeamsChannel } from '../../src/notify/teams/teams-channel';
import { sampleAlert, startReceiver, type Receiver } from './receiver';

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver({ status: 202, body: '' });
});
afterAll(() => rx.close());

describe('Teams workflow webhook', () => {
  const ch = () => new TeamsChannel('teams-pmo', { kind: 'teams', webhookUrl: `${rx.url}/workflows/abc/triggers/manual/paths/invoke?sig=secret`, timeoutMs: 5000 });

  it('posts a message with one Adaptive Card attachment', async () => {
    const r = await ch().send(sampleAlert);
    expect(r).toMatchObject({ ok: true, status: 202, retryable: false });
    const got = rx.received.at(-1)!;
    expect(got.path).toContain('/workflows/abc/');
    const msg = JSON.parse(got.raw.toString()) as {
      type: string;
      attachments: Array<{ contentType: string; content: { type: string; version: string; body: Array<{ type: string; text?: string }>; actions: Array<{ type: string; url: string }> } }>;
    };
    expect(msg.type).toBe('message');
    expect(msg.attachments).toHaveLength(1);
    const att = msg.attachments[0]!;
    expect(att.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(att.content.type).toBe('AdaptiveCard');
    expect(att.content.body[0]).toMatchObject({ type: 'TextBlock', text: sampleAlert.heading, color: 'Attention' });
    expect(att.content.body.filter((b) => b.type === 'TextBlock').map((b) => b.text)).toEqual([sampleAlert.heading, ...sampleAlert.lines]);
    expect(att.content.actions).toEqual(sampleAlert.links.map((l) => ({ type: 'Action.OpenUrl', title: l.text, url: l.url })));
  });

  it('400 is final, 500 retryable, and the signed url never shows in the detail', async () => {
    rx.script = [{ status: 400, body: 'bad card' }, { status: 500, body: 'oops' }];
    const a = await ch().send(sampleAlert);
    expect(a).toMatchObject({ ok: false, status: 400, retryable: false });
    expect(a.detail).not.toContain('sig=');
    expect(await ch().send(sampleAlert)).toMatchObject({ ok: false, status: 500, retryable: true });
  });
});
