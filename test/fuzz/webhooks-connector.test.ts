/**
 * `parseWebhook` of both connectors against hostile deliveries: whatever the bytes, headers and secret, the parser
 * either answers what the independent oracle says or throws a WebhookRejectedError with the oracle's 4xx, never
 * anything else.
 */
import fc from 'fast-check';
import { createAsanaConnector } from '../../connectors/asana';
import type { TrackerConnector, WebhookDelivery, WebhookParse } from '../../connectors/contract';
import { WebhookRejectedError } from '../../connectors/errors';
import { createJiraConnector } from '../../connectors/jira';
import { anyBytes, brokenJsonText, headerValue, runs } from './helpers';
import { applySig, asanaExpected, asanaShape, asanaSign, jiraExpected, jiraShape, jiraSign, sigMutation, type Expected } from './webhook-oracle';

const SECRET = 'fuzz-webhook-secret-7b1c';

const jira = createJiraConnector({ instance: 'jira-fuzz', baseUrl: 'http://127.0.0.1:9', auth: { kind: 'bearer', token: 't' }, jql: 'project = EHR', lookbackMinutes: 5, pageSize: 50, maxConcurrency: 1, fixVersionsAsMilestones: false, customFields: {} });
const asana = createAsanaConnector({ instance: 'asana-fuzz', baseUrl: 'http://127.0.0.1:9', token: 't', workspace: '1', projects: ['2'], includeSubtasks: false, statusUpdates: false, maxConcurrency: 1 });

/** Bodies: raw bytes, broken JSON, arbitrary JSON, and vendor-shaped JSON with wrong parts. */
const body = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    anyBytes,
    brokenJsonText.map((t) => Buffer.from(t)),
    shape.map((v) => Buffer.from(JSON.stringify(v) ?? '')),
    fc.constant(Buffer.alloc(0)),
  );

/** Noise headers whose names never collide with the ones the parsers read. */
const noise = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !/^x-(hub|hook)-/i.test(k)),
  fc.oneof(headerValue(20), fc.array(headerValue(10), { maxLength: 2 }), fc.constant(undefined)),
  { maxKeys: 3 },
);

/** The header as a parser may receive it: a string, a one-element array, under any letter case. */
const spelling = fc.tuple(fc.constantFrom('lower', 'upper', 'mixed'), fc.boolean());
function put(headers: WebhookDelivery['headers'], name: string, value: string | undefined, [style, asArray]: [string, boolean]): void {
  if (value === undefined) return;
  const key = style === 'lower' ? name : style === 'upper' ? name.toUpperCase() : name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  headers[key] = asArray ? [value] : value;
}

function outcome(c: TrackerConnector, d: WebhookDelivery, secret: string | null): WebhookParse | { reject: number } {
  try {
    return c.parseWebhook(d, secret);
  } catch (err) {
    // Anything but the typed rejection is a crash the HTTP layer would turn into a 500.
    if (!(err instanceof WebhookRejectedError)) throw err;
    expect(err.message.length).toBeGreaterThan(0);
    return { reject: err.status };
  }
}

function matches(got: WebhookParse | { reject: number }, want: Expected): void {
  if ('kind' in got && got.kind === 'ignored') {
    expect(want).toEqual({ kind: 'ignored' });
    expect(typeof got.reason).toBe('string');
  } else expect(got).toEqual(want);
}

describe('Jira parseWebhook under fuzzing', () => {
  it('any body, any signature, any secret: the oracle answer or a typed 4xx rejection', () => {
    fc.assert(
      fc.property(body(jiraShape), sigMutation(true), spelling, noise, fc.constantFrom<string | null>(SECRET, null, ''), (raw, sig, sp, extra, secret) => {
        const signature = applySig(sig, raw, jiraSign, SECRET);
        const headers: WebhookDelivery['headers'] = { ...extra };
        put(headers, 'x-hub-signature', signature, sp);
        const got = outcome(jira, { headers, rawBody: raw }, secret);
        matches(got, jiraExpected(raw, signature, secret));
      }),
      runs(400),
    );
  });

  it('a correctly signed body of the wrong shape is a 400 or ignored, never a change', () => {
    fc.assert(
      fc.property(jiraShape, (value) => {
        const raw = Buffer.from(JSON.stringify(value) ?? '');
        const want = jiraExpected(raw, jiraSign(raw, SECRET), SECRET);
        fc.pre(!('kind' in want && want.kind === 'changed'));
        matches(outcome(jira, { headers: { 'x-hub-signature': jiraSign(raw, SECRET) }, rawBody: raw }, SECRET), want);
      }),
      runs(300),
    );
  });
});

describe('Asana parseWebhook under fuzzing', () => {
  it('any body, handshake or signature, any secret: the oracle answer or a typed 4xx rejection', () => {
    const handshake = fc.option(fc.oneof(headerValue(40), fc.constant('')), { nil: undefined, freq: 4 });
    fc.assert(
      fc.property(body(asanaShape), sigMutation(true), handshake, spelling, noise, fc.constantFrom<string | null>(SECRET, null, ''), (raw, sig, hs, sp, extra, secret) => {
        const signature = applySig(sig, raw, asanaSign, SECRET);
        const headers: WebhookDelivery['headers'] = { ...extra };
        put(headers, 'x-hook-signature', signature, sp);
        put(headers, 'x-hook-secret', hs, sp);
        const got = outcome(asana, { headers, rawBody: raw }, secret);
        matches(got, asanaExpected(raw, hs, signature, secret));
      }),
      runs(400),
    );
  });

  it('a correctly signed body of the wrong shape is a 400 or ignored, never a change', () => {
    fc.assert(
      fc.property(asanaShape, (value) => {
        const raw = Buffer.from(JSON.stringify(value) ?? '');
        const want = asanaExpected(raw, undefined, asanaSign(raw, SECRET), SECRET);
        fc.pre(!('kind' in want && want.kind === 'changed'));
        matches(outcome(asana, { headers: { 'x-hook-signature': asanaSign(raw, SECRET) }, rawBody: raw }, SECRET), want);
      }),
      runs(300),
    );
  });
});
