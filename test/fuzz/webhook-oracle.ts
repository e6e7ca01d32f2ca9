/**
 * Independent oracles of the two webhook contracts, written from the vendors' documents rather than from our
 * parsers, and the generators of hostile deliveries. A property compares the parser (or the HTTP answer) with the
 * oracle; when they disagree, one of them is wrong on purpose or by accident.
 */
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { anyJson, headerValue, hex } from './helpers';

export type Expected =
  | { reject: 400 | 401 | 403 }
  | { kind: 'ignored' }
  | { kind: 'handshake'; secret: string }
  | { kind: 'changed'; keys: string[]; deletedKeys: string[] };

export const jiraSign = (body: Buffer, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
export const asanaSign = (body: Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (o: Record<string, unknown>, k: string) => !(k in o) || typeof o[k] === 'string';
const nullishString = (o: Record<string, unknown>, k: string) => !(k in o) || o[k] === null || typeof o[k] === 'string';

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Jira Cloud: `X-Hub-Signature: sha256=<hex>` over the raw body; only created/updated/deleted name an issue. */
export function jiraExpected(body: Buffer, signature: string | undefined, secret: string | null): Expected {
  if (!secret || !signature || signature.trim() !== jiraSign(body, secret)) return { reject: 401 };
  const json = parseJson(body);
  if (!json.ok || !isObj(json.value) || typeof json.value.webhookEvent !== 'string') return { reject: 400 };
  const { webhookEvent: event, issue } = json.value;
  const issueOk = issue === undefined || (isObj(issue) && optString(issue, 'id') && typeof issue.key === 'string' && /^[A-Z][A-Z0-9_]*-\d+$/.test(issue.key));
  if (!issueOk) return { reject: 400 };
  const change = event === 'jira:issue_created' || event === 'jira:issue_updated';
  if (!change && event !== 'jira:issue_deleted') return { kind: 'ignored' };
  if (!isObj(issue)) return { reject: 400 };
  const key = issue.key as string;
  return change ? { kind: 'changed', keys: [key], deletedKeys: [] } : { kind: 'changed', keys: [], deletedKeys: [key] };
}

const compactOk = (v: unknown) => v === undefined || v === null || (isObj(v) && typeof v.gid === 'string' && nullishString(v, 'resource_type'));

/** Asana: X-Hook-Secret is the handshake; otherwise X-Hook-Signature (hex HMAC) over `{events:[...]}`. */
export function asanaExpected(body: Buffer, handshake: string | undefined, signature: string | undefined, secret: string | null): Expected {
  if (handshake) return { kind: 'handshake', secret: handshake };
  if (!signature || !secret || signature.trim().toLowerCase() !== asanaSign(body, secret)) return { reject: 401 };
  const json = parseJson(body);
  if (!json.ok || !isObj(json.value) || !Array.isArray(json.value.events)) return { reject: 400 };
  const events = json.value.events as unknown[];
  const ok = events.every((e) => isObj(e) && typeof e.action === 'string' && compactOk(e.resource) && compactOk(e.parent) && nullishString(e, 'created_at'));
  if (!ok) return { reject: 400 };
  if (events.length === 0) return { kind: 'ignored' };
  const keys = new Set<string>();
  const deleted = new Set<string>();
  for (const e of events as Array<{ action: string; resource?: { gid: string; resource_type?: string | null } | null; parent?: { gid: string; resource_type?: string | null } | null }>) {
    if (e.resource?.resource_type === 'task') (e.action === 'deleted' ? deleted : keys).add(e.resource.gid);
    else if (e.resource?.resource_type === 'story' && e.parent?.resource_type === 'task') keys.add(e.parent.gid);
  }
  if ([...keys, ...deleted].some((gid) => !/^\d{1,40}$/.test(gid))) return { reject: 400 };
  for (const k of deleted) keys.delete(k);
  if (keys.size === 0 && deleted.size === 0) return { kind: 'ignored' };
  return { kind: 'changed', keys: [...keys].sort(), deletedKeys: [...deleted].sort() };
}

// ---- generators ----

/** How a signature header is damaged; `correct` is the only one that verifies. */
export type SigMutation =
  | { kind: 'none' }
  | { kind: 'random'; value: string }
  | { kind: 'wrongSecret'; secret: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; ch: string }
  | { kind: 'append'; extra: string }
  | { kind: 'upper' }
  | { kind: 'otherBody'; body: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'correct' };

export const sigMutation = (withCorrect: boolean): fc.Arbitrary<SigMutation> =>
  fc.oneof(
    fc.constant<SigMutation>({ kind: 'none' }),
    headerValue().map((value): SigMutation => ({ kind: 'random', value })),
    hex(64).map((h): SigMutation => ({ kind: 'random', value: `sha256=${h}` })),
    headerValue(40).filter((s) => s.length > 0).map((secret): SigMutation => ({ kind: 'wrongSecret', secret })),
    fc.nat().map((at): SigMutation => ({ kind: 'truncate', at })),
    fc.tuple(fc.nat(), fc.constantFrom('0', 'f', 'g', 'Z', '=', '-')).map(([at, ch]): SigMutation => ({ kind: 'flip', at, ch })),
    headerValue(4).filter((s) => s.length > 0).map((extra): SigMutation => ({ kind: 'append', extra })),
    fc.constant<SigMutation>({ kind: 'upper' }),
    fc.string({ maxLength: 20 }).map((body): SigMutation => ({ kind: 'otherBody', body })),
    fc.constantFrom('sha1=', 'SHA256=', 'sha256:', 'v0=', '').map((prefix): SigMutation => ({ kind: 'prefix', prefix })),
    ...(withCorrect ? [fc.constant<SigMutation>({ kind: 'correct' })] : []),
  );

/** The header value a mutation produces; `sign` is the vendor's scheme with the real secret. */
export function applySig(m: SigMutation, body: Buffer, sign: (b: Buffer, secret: string) => string, secret: string): string | undefined {
  const good = sign(body, secret);
  switch (m.kind) {
    case 'none':
      return undefined;
    case 'random':
      return m.value;
    case 'wrongSecret':
      return sign(body, m.secret === secret ? `${secret}x` : m.secret);
    case 'truncate':
      return good.slice(0, m.at % good.length);
    case 'flip': {
      const at = m.at % good.length;
      return good.slice(0, at) + m.ch + good.slice(at + 1);
    }
    case 'append':
      return good + m.extra;
    case 'upper':
      return good.toUpperCase();
    case 'otherBody':
      return sign(Buffer.from(m.body), secret);
    case 'prefix':
      return m.prefix + good.replace(/^sha256=/, '');
    case 'correct':
      return good;
  }
}

const jiraKey = fc.oneof(fc.constantFrom('EHR-101', 'A-1', 'INT_2-99'), fc.string({ maxLength: 12 }), fc.constantFrom('ehr-1', 'EHR-', '-1', 'EHR-1x', 'EHR 1', '1-EHR'));
const jiraEvent = fc.oneof(fc.constantFrom('jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted', 'comment_created', 'jira:worklog_updated', ''), fc.string({ maxLength: 20 }));
const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.string({ maxLength: 8 }));
/** Usually a plausible value, sometimes the wrong type: one wrong part per object reaches the deeper checks. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: wrong, weight: 1 });

/** Jira-looking objects with one part of the wrong shape (or, rarely, right). */
export const jiraShape: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.record({ webhookEvent: mostly(jiraEvent), issue: mostly(fc.record({ id: mostly(fc.string({ maxLength: 5 })), key: mostly(jiraKey) }, { requiredKeys: [] })) }, { requiredKeys: [] }), weight: 4 },
  fc.array(fc.record({ webhookEvent: jiraEvent }), { maxLength: 2 }),
  anyJson,
);

const compact = (types: fc.Arbitrary<unknown>) => mostly(fc.record({ gid: mostly(fc.string({ maxLength: 6 })), resource_type: types }, { requiredKeys: [] }));
const asanaEvent = fc.oneof(
  {
    arbitrary: fc.record(
      {
        action: mostly(fc.constantFrom('changed', 'added', 'deleted', 'removed')),
        resource: compact(mostly(fc.constantFrom('story', 'project', 'section', 'task'))),
        parent: compact(mostly(fc.constantFrom('project', 'task'))),
        created_at: mostly(fc.string({ maxLength: 5 })),
      },
      { requiredKeys: ['action'] },
    ),
    weight: 8,
  },
  anyJson,
);

/** Asana-looking deliveries: `{events:[...]}` with events of every wrong shape, and plain junk. */
export const asanaShape: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.record({ events: mostly(fc.array(asanaEvent, { maxLength: 3 })) }, { requiredKeys: [] }), weight: 4 },
  fc.array(asanaEvent, { maxLength: 2 }),
  anyJson,
);
