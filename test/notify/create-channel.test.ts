import { channelsSchema } from '../../src/config/channels-schema';
import { createChannels, EmailChannel, FileChannel, SlackChannel, TeamsChannel, WebhookChannel } from '../../src/notify';

describe('createChannels', () => {
  it('builds one channel of the right class per configured id', () => {
    const cfg = channelsSchema.parse({
      channels: {
        s: { kind: 'slack', token: 'xoxb-1', channel: 'C1' },
        t: { kind: 'teams', webhookUrl: 'https://teams.example/wf' },
        e: { kind: 'email', smtp: { host: 'smtp.example.org' }, from: 'v@example.org' },
        w: { kind: 'webhook', url: 'https://grc.example/h', secret: '0123456789abcdef' },
        f: { kind: 'file', path: 'var/alerts.ndjson' },
      },
    });
    const chans = createChannels(cfg.channels);
    expect([...chans.keys()]).toEqual(['s', 't', 'e', 'w', 'f']);
    expect(chans.get('s')).toBeInstanceOf(SlackChannel);
    expect(chans.get('t')).toBeInstanceOf(TeamsChannel);
    expect(chans.get('e')).toBeInstanceOf(EmailChannel);
    expect(chans.get('w')).toBeInstanceOf(WebhookChannel);
    expect(chans.get('f')).toBeInstanceOf(FileChannel);
    expect([...chans.values()].map((c) => `${c.id}:${c.kind}`)).toEqual(['s:slack', 't:teams', 'e:email', 'w:webhook', 'f:file']);
  });
});
