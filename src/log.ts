/**
 * Structured JSON logs (pino). Logs carry ids (program, source, item key, job id, fingerprint), never titles or
 * payloads: a title may hold PHI. Known secret keys are censored wherever they appear, as a second line of defence.
 */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at the top level or one/two levels down. */
const SECRET_KEYS = [
  'token',
  'apiToken',
  'accessToken',
  'password',
  'secret',
  'webhookSecret',
  'authorization',
  'Authorization',
  'cookie',
  'pat',
  'apiKey',
  'title',
  'payload',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LogOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
  role?: string;
}

/** The root logger of a Vitals process: JSON lines, secrets and titles censored. */
export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? process.env.VITALS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info';
  const opts = {
    level,
    base: { pid: process.pid, ...(options.role ? { role: options.role } : {}) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that drops everything (tests, the quiet parts of the demo). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
