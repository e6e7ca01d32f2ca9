/**
 * Alert channels, audiences and the role directory: owned by the alerts work (src/notify).
 * The config loader embeds this schema under the top-level `channels:` key and substitutes `${ENV}` references
 * before validation; URLs and addresses also accept a bare `${VAR}` so the raw file validates in editors.
 * No transforms: `z.toJSONSchema` must render it.
 */
import { z } from 'zod';
import { idSchema, secretSchema, urlSchema } from './schema-common';

/** Where an alert may go. Shown in error messages so a typo says what was meant. */
export const AUDIENCES = [
  'team', 'team_lead', 'assignee', 'gate_owner', 'pmo', 'compliance_officer', 'sponsor', 'steering_committee',
] as const;

const ENV_REF = '\\$\\{[^}]+\\}';
export const emailSchema = z
  .string()
  .regex(
    new RegExp(`^(?:[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}|${ENV_REF})$`),
    'must be an email address such as pmo@hospital.org (check for a typo, a missing domain or spaces)',
  );

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour), e.g. 07:30');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Chicago');
const audienceId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, `must be an audience (${AUDIENCES.join(', ')}) or a role id in lower case`);
const timeoutMs = z.number().int().min(100).max(120_000).default(10_000);
const channelRefs = z.array(idSchema);

const slackChannel = z
  .object({
    kind: z.literal('slack'),
    /** Incoming webhook (https://api.slack.com/messaging/webhooks) ... */
    webhookUrl: urlSchema.optional(),
    /** ... or a bot token with chat:write and the channel id to post to (chat.postMessage). */
    token: secretSchema.optional(),
    channel: z.string().min(1).optional(),
    /** Slack Web API root; tests and proxies point it elsewhere. */
    baseUrl: urlSchema.default('https://slack.com/api'),
    timeoutMs,
  })
  .strict()
  .refine((c) => (c.webhookUrl !== undefined) !== (c.token !== undefined), {
    message: 'give either `webhookUrl` (incoming webhook) or `token` + `channel` (bot), not both and not neither',
  })
  .refine((c) => c.token === undefined || c.channel !== undefined, {
    message: 'a bot `token` needs `channel` (the Slack channel id, e.g. C0123456789)',
    path: ['channel'],
  });

const teamsChannel = z
  .object({
    kind: z.literal('teams'),
    /** The URL of a Teams "Post to a channel when a webhook request is received" workflow. */
    webhookUrl: urlSchema,
    timeoutMs,
  })
  .strict();

const emailChannel = z
  .object({
    kind: z.literal('email'),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(587),
        /** true for implicit TLS (465); false upgrades with STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        requireTLS: z.boolean().default(false),
        user: z.string().optional(),
        password: secretSchema.optional(),
      })
      .strict(),
    from: emailSchema,
    /** Always receives this channel's alerts; the role directory adds recipients per audience. */
    to: z.array(emailSchema).default([]),
    subjectPrefix: z.string().default('[Vitals]'),
    timeoutMs,
  })
  .strict();

const webhookChannel = z
  .object({
    kind: z.literal('webhook'),
    url: urlSchema,
    /** HMAC-SHA256 key for `X-Vitals-Signature`; share it with the receiver. */
    secret: z.string().min(16, 'use a secret of at least 16 characters (e.g. `openssl rand -hex 32`)'),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs,
  })
  .strict();

const fileChannel = z
  .object({
    kind: z.literal('file'),
    /** NDJSON file the alerts are appended to (demo mode, air-gapped sites). */
    path: z.string().min(1),
  })
  .strict();

export const channelConfigSchema = z.discriminatedUnion('kind', [
  slackChannel,
  teamsChannel,
  emailChannel,
  webhookChannel,
  fileChannel,
]);

const audienceMap = z.record(audienceId, channelRefs);

export const channelsSchema = z
  .object({
    channels: z.record(idSchema, channelConfigSchema).default({}),
    audiences: z
      .object({
        default: audienceMap.default({}),
        /** Per program id; an audience listed here replaces the default's list for that program. */
        programs: z.record(idSchema, audienceMap).default({}),
      })
      .strict()
      .prefault({}),
    /** Role directory: who a role is, from config, never from names in the tracker. */
    roles: z
      .record(
        audienceId,
        z.object({ email: z.array(emailSchema).default([]), channels: channelRefs.default([]) }).strict(),
      )
      .default({}),
    quietHours: z
      .object({
        start: hhmm,
        end: hhmm,
        timeZone,
        /** Audiences that keep quiet hours; high-severity alerts still go at once. */
        audiences: z.array(audienceId).min(1, 'list the audiences that keep quiet hours'),
      })
      .strict()
      .optional(),
    digest: z
      .object({
        at: hhmm,
        timeZone,
        /** Alerts at or below this severity wait for the daily digest. */
        maxSeverity: z.enum(['low', 'medium']).default('low'),
        /** Audiences that get a digest; all when omitted. */
        audiences: z.array(audienceId).optional(),
      })
      .strict()
      .optional(),
    actionLinks: z
      .object({
        secret: z.string().min(16, 'use a secret of at least 16 characters (e.g. `openssl rand -hex 32`)'),
        ttlHours: z.number().positive().max(24 * 30).default(72),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const known = new Set(Object.keys(cfg.channels));
    const check = (ids: string[], path: Array<string | number>): void => {
      ids.forEach((id, i) => {
        if (!known.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `unknown channel \`${id}\`; define it under channels.channels or use one of: ${[...known].join(', ') || '(none defined)'}`,
          });
        }
      });
    };
    for (const [aud, ids] of Object.entries(cfg.audiences.default)) check(ids, ['audiences', 'default', aud]);
    for (const [pid, map] of Object.entries(cfg.audiences.programs)) {
      for (const [aud, ids] of Object.entries(map)) check(ids, ['audiences', 'programs', pid, aud]);
    }
    for (const [role, entry] of Object.entries(cfg.roles)) check(entry.channels, ['roles', role, 'channels']);
  })
  .prefault({});

export type ChannelsConfig = z.infer<typeof channelsSchema>;
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type ChannelKind = ChannelConfig['kind'];
export type SlackChannelConfig = z.infer<typeof slackChannel>;
export type TeamsChannelConfig = z.infer<typeof teamsChannel>;
export type EmailChannelConfig = z.infer<typeof emailChannel>;
export type WebhookChannelConfig = z.infer<typeof webhookChannel>;
export type FileChannelConfig = z.infer<typeof fileChannel>;
