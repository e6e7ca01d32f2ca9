import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { channelsSchema } from '../../src/config/channels-schema';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'st-elsewhere-ehr.yaml');
const NAME = '/virtual/channels.yaml';

/** The example config plus a `channels:` section, loaded through the real loader. */
function loadWith(channelsYaml: string, env: Record<string, string> = {}) {
  const text = `${readFileSync(EXAMPLE, 'utf8').trimEnd()}\n${channelsYaml}`;
  return loadConfig(NAME, { env, readFile: (p) => (p === NAME ? text : readFileSync(p, 'utf8')) });
}

const GOOD = `
channels:
  channels:
    slack-pmo: { kind: slack, webhookUrl: "\${SLACK_PMO_URL}" }
    mail:
      kind: email
      smtp: { host: smtp.hospital.org, port: 587 }
      from: vitals@hospital.org
      to: [pmo@hospital.org]
    demo: { kind: file, path: var/alerts.ndjson }
  audiences:
    default: { pmo: [slack-pmo], compliance_officer: [mail] }
  roles:
    security: { email: [ciso@hospital.org] }
  quietHours: { start: "20:00", end: "07:00", timeZone: America/New_York, audiences: [assignee] }
  digest: { at: "08:30", timeZone: America/New_York }
  actionLinks: { secret: "\${VITALS_ACTION_SECRET}", ttlHours: 48 }
`;

describe('channels config', () => {
  it('an empty or absent section is valid (the example still loads)', () => {
    expect(channelsSchema.parse(undefined)).toEqual({ channels: {}, audiences: { default: {}, programs: {} }, roles: {} });
    expect(channelsSchema.parse({ channels: {} }).channels).toEqual({});
    const r = loadConfig(EXAMPLE, { env: process.env });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.config.channels.channels).toEqual({});
  });

  it('loads a full section with ${ENV} secrets and defaults', () => {
    const r = loadWith(GOOD, { SLACK_PMO_URL: 'https://hooks.slack.com/services/T/B/x', VITALS_ACTION_SECRET: 'a'.repeat(32) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = r.config.channels;
    expect(c.channels['slack-pmo']).toMatchObject({ kind: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x', timeoutMs: 10000 });
    expect(c.channels.mail).toMatchObject({ kind: 'email', smtp: { secure: false }, subjectPrefix: '[Vitals]' });
    expect(c.digest).toEqual({ at: '08:30', timeZone: 'America/New_York', maxSeverity: 'low' });
    expect(c.actionLinks?.ttlHours).toBe(48);
  });

  it('a bad address is a config error with file, line and fix', () => {
    const r = loadWith(GOOD.replace('ciso@hospital.org', 'ciso@hospital'), { SLACK_PMO_URL: 'https://h.example/x', VITALS_ACTION_SECRET: 'a'.repeat(32) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.path.startsWith('channels.roles.security.email'));
    expect(e).toBeDefined();
    expect(e!.file).toBe(NAME);
    const lines = readFileSync(EXAMPLE, 'utf8').trimEnd().split('\n').length + GOOD.split('\n').findIndex((l) => l.includes('ciso@')) + 1;
    expect(e!.line).toBe(lines);
    expect(e!.message).toMatch(/must be an email address such as pmo@hospital.org/);
    expect(e!.fix).toBeTruthy();
  });

  it('rejects unknown keys, unknown channel references, bad times, zones and urls', () => {
    const bad = channelsSchema.safeParse({
      channels: {
        s: { kind: 'slack', webhookUrl: 'not a url' },
        t: { kind: 'teams', webhookUrl: 'https://x.example', colour: 'red' },
        b: { kind: 'slack', token: 'xoxb-1' },
        w: { kind: 'webhook', url: 'https://x.example', secret: 'short' },
      },
      audiences: { default: { pmo: ['nope'] } },
      quietHours: { start: '25:00', end: '07:00', timeZone: 'Mars/Olympus', audiences: ['pmo'] },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['channels.s.webhookUrl', 'channels.t', 'channels.b.channel', 'channels.w.secret', 'audiences.default.pmo.0', 'quietHours.start', 'quietHours.timeZone']),
    );
    expect(bad.error!.issues.find((i) => i.path.join('.') === 'audiences.default.pmo.0')!.message).toMatch(/unknown channel `nope`/);
  });
});
