/** Email over SMTP with nodemailer: HTML and text parts, recipients from the channel and the role directory. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailChannelConfig } from '../../config/channels-schema';
import type { Alert } from '../alert';
import type { AlertChannel, DeliveryResult, DeliveryTarget } from '../channel';
import { deliveryKey } from '../delivery-key';
import { emailHtml, emailSubject, emailText } from './email-render';

/** Socket-level failures that may clear: the server was down, slow or dropped us. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'EPROTOCOL']);

interface SmtpError {
  code?: string;
  responseCode?: number;
}

export class EmailChannel implements AlertChannel {
  readonly kind = 'email' as const;
  private transport: Transporter | null = null;

  constructor(
    readonly id: string,
    private readonly config: EmailChannelConfig,
  ) {}

  private transporter(): Transporter {
    if (!this.transport) {
      const { smtp, timeoutMs } = this.config;
      // https://nodemailer.com/smtp/ : connection, greeting and socket timeouts bound one delivery.
      this.transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        requireTLS: smtp.requireTLS,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
    }
    return this.transport;
  }

  async send(alert: Alert, target: DeliveryTarget = {}): Promise<DeliveryResult> {
    const to = [...new Set([...this.config.to, ...(target.recipients ?? [])])];
    if (to.length === 0) return { ok: false, status: null, retryable: false, detail: 'no recipients: set `to` or a role email' };
    try {
      // https://nodemailer.com/message/ : text and html become a multipart/alternative message.
      const info = await this.transporter().sendMail({
        from: this.config.from,
        to,
        subject: emailSubject(alert, this.config.subjectPrefix),
        text: emailText(alert),
        html: emailHtml(alert),
        headers: { 'X-Vitals-Delivery': deliveryKey(alert.fingerprint, alert.level, this.id) },
      });
      const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
      return { ok: true, status: code, retryable: false, detail: `accepted for ${info.accepted?.length ?? 0} recipient(s)` };
    } catch (err) {
      const e = err as SmtpError;
      // SMTP is the reverse of HTTP: 4xx replies are transient, 5xx permanent (RFC 5321 §4.2.1).
      const status = typeof e.responseCode === 'number' ? e.responseCode : null;
      const retryable = status !== null ? status < 500 : TRANSIENT_CODES.has(e.code ?? '');
      return { ok: false, status, retryable, detail: `SMTP ${status ?? e.code ?? 'error'}` };
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
    this.transport = null;
  }
}
