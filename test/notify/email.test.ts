import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EmailChannel } from '../../src/notify/email/email-channel';
import { sampleAlert } from './receiver';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

const mails: Mail[] = [];
/** What the server answers to the next RCPT TO: nothing (accept) or an SMTP reply code. */
let rcptReply: number | null = null;
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (rcptReply === null) return cb();
      const err = Object.assign(new Error(rcptReply >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: rcptReply });
      return cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const channel = (to: string[] = ['pmo@hospital.org']) =>
  new EmailChannel('mail', {
    kind: 'email',
    smtp: { host: '127.0.0.1', port, secure: false, requireTLS: false },
    from: 'vitals@hospital.org',
    to,
    subjectPrefix: '[Vitals]',
    timeoutMs: 5000,
  });

describe('email over SMTP', () => {
  it('delivers a multipart message with text and HTML parts to the channel and role recipients', async () => {
    const ch = channel();
    const r = await ch.send(sampleAlert, { recipients: ['ciso@hospital.org', 'pmo@hospital.org'] });
    await ch.close();
    expect(r).toMatchObject({ ok: true, status: 250, retryable: false });
    const mail = mails.at(-1)!;
    expect(mail.from).toBe('vitals@hospital.org');
    expect(mail.to.sort()).toEqual(['ciso@hospital.org', 'pmo@hospital.org']);
    expect(mail.raw).toMatch(/^Subject: \[Vitals\] \[L3\] Compliance escalation: hipaa-sra \(ehr-golive\)/m);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toMatch(/X-Vitals-Delivery: esc:hipaa-sra:2026-02-20:L3\|L3\|mail/);
    // HTML escapes the redacted title; the text part keeps it as is.
    // Undo quoted-printable (soft breaks, =XX escapes) to read the parts.
    const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(unfolded).toContain('Fix &lt;script&gt; &amp; [NAME]');
    expect(unfolded).toContain('Acknowledge: https://vitals.example/api/actions?a=ack&s=00');
  });

  it('a 5xx reply is final, a 4xx reply is retryable (SMTP is the reverse of HTTP)', async () => {
    const ch = channel();
    rcptReply = 550;
    expect(await ch.send(sampleAlert)).toMatchObject({ ok: false, status: 550, retryable: false });
    rcptReply = 451;
    expect(await ch.send(sampleAlert)).toMatchObject({ ok: false, status: 451, retryable: true });
    rcptReply = null;
    await ch.close();
  });

  it('a server that is not there is retryable; no recipients is a final misconfiguration', async () => {
    const dead = new EmailChannel('dead', { kind: 'email', smtp: { host: '127.0.0.1', port: 1, secure: false, requireTLS: false }, from: 'v@h.org', to: ['a@h.org'], subjectPrefix: '', timeoutMs: 1000 });
    expect(await dead.send(sampleAlert)).toMatchObject({ ok: false, status: null, retryable: true });
    await dead.close();
    expect(await channel([]).send(sampleAlert)).toMatchObject({ ok: false, retryable: false });
  });
});
