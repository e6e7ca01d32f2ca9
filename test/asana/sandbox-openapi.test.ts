/** Every sandbox response we rely on validates against the vendor's own OpenAPI document (asana.openapi.yaml). */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { seedHealthcareProgram, startAsanaSandbox, type AsanaSandbox } from '../../connectors/asana/sandbox';

interface Oas {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }> }>>;
  components: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } & Record<string, unknown>;
}

const SPEC = '/work/shared/specs/asana.openapi.yaml';
const doc = parse(readFileSync(SPEC, 'utf8')) as Oas;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'asana.json', components: openApiToJsonSchema(doc.components) });

/** OpenAPI 3.0 `nullable: true` → JSON Schema: `type: [t, 'null']`, or anyOf with null when there is no type. */
function openApiToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openApiToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const parts = (node as { allOf?: unknown }).allOf;
  if (Array.isArray(parts) && parts.some((p) => (p as { nullable?: unknown } | null)?.nullable === true)) {
    // allOf [$ref X, {nullable: true}] means "X or null"; null can never satisfy X itself.
    const strip = parts.map((p) => Object.fromEntries(Object.entries(p as object).filter(([k]) => k !== 'nullable')));
    return { anyOf: [openApiToJsonSchema({ ...node, allOf: strip }), { type: 'null' }] };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? v : openApiToJsonSchema(v);
  if (out['nullable'] !== true) return out;
  delete out['nullable'];
  if (Array.isArray(out['enum'])) out['enum'] = [...(out['enum'] as unknown[]), null];
  if (typeof out['type'] === 'string') return { ...out, type: [out['type'], 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(openApiToJsonSchema(schema)).replace(/"#\/components\//g, '"asana.json#/components/')) as unknown;
}

const cache = new Map<string, ValidateFunction>();
function validator(path: string, method: string, status: number): ValidateFunction {
  const id = `${method} ${path} ${status}`;
  const hit = cache.get(id);
  if (hit) return hit;
  let response = doc.paths[path]?.[method]?.responses[String(status)];
  if (!response) throw new Error(`the spec has no ${status} for ${id}`);
  if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop() as string];
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no JSON schema for ${id}`);
  const fn = ajv.compile(rebase(schema) as object);
  cache.set(id, fn);
  return fn;
}

let sb: AsanaSandbox;
let receiver: Server;
let receiverUrl: string;
let project: string;
let task: string;

async function call(method: string, url: string, body?: unknown, token = sb.token): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sb.url}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

async function check(specPath: string, method: string, url: string, expected: number, body?: unknown, token?: string): Promise<unknown> {
  const { status, json } = await call(method.toUpperCase(), url, body, token);
  expect(status).toBe(expected);
  const validate = validator(specPath, method, status);
  const ok = validate(json);
  if (!ok) throw new Error(`${method} ${url} → ${status} does not match the spec: ${ajv.errorsText(validate.errors)}`);
  return json;
}

beforeAll(async () => {
  sb = await startAsanaSandbox({ clock: () => new Date('2026-03-02T09:00:00.000Z') });
  const seeded = seedHealthcareProgram(sb, { projectsPerProgram: 1, tasksPerProject: 5, subtaskEvery: 2 });
  project = seeded.projects[0]?.gid as string;
  task = seeded.approvals[0] as string;
  sb.updateTask(task, { dependencies: [seeded.tasks[0] as string] });
  receiver = createServer((req, res) => {
    const secret = req.headers['x-hook-secret'];
    if (typeof secret === 'string') res.setHeader('X-Hook-Secret', secret);
    res.statusCode = 200;
    res.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/asana`;
});
afterAll(async () => {
  await sb.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const OPT = 'name,resource_subtype,completed,completed_at,approval_status,due_on,due_at,start_on,start_at,created_at,modified_at,assignee,memberships.project.name,memberships.section.name,tags.name,parent,dependencies,permalink_url,num_subtasks,custom_fields.name,custom_fields.type,custom_fields.display_value';

describe('asana sandbox vs the vendor OpenAPI document', () => {
  it('events: 412 with a fresh token, then 200 with events', async () => {
    const first = (await check('/events', 'get', `/events?resource=${project}`, 412)) as { sync: string };
    sb.updateTask(task, { dueOn: '2026-05-01' });
    const next = (await check('/events', 'get', `/events?resource=${project}&sync=${first.sync}`, 200)) as { data: unknown[] };
    expect(next.data.length).toBe(1);
  });

  it('tasks by project, compact and with opt_fields, paginated', async () => {
    const page = (await check('/tasks', 'get', `/tasks?project=${project}&limit=3&opt_fields=${OPT}`, 200)) as { next_page: { offset: string } };
    await check('/tasks', 'get', `/tasks?project=${project}&limit=3&offset=${page.next_page.offset}`, 200);
    await check('/tasks', 'get', `/tasks?project=${project}&modified_since=2026-01-01T00:00:00.000Z&limit=100`, 200);
  });

  it('task get (full and with opt_fields), subtasks', async () => {
    await check('/tasks/{task_gid}', 'get', `/tasks/${task}`, 200);
    await check('/tasks/{task_gid}', 'get', `/tasks/${task}?opt_fields=${OPT}`, 200);
    const withSubs = [...sb.state.children.keys()][0] as string;
    const subs = (await check('/tasks/{task_gid}/subtasks', 'get', `/tasks/${withSubs}/subtasks?limit=10&opt_fields=${OPT}`, 200)) as { data: unknown[] };
    expect(subs.data.length).toBeGreaterThan(0);
  });

  it('stories: create (html_text) and list', async () => {
    await check('/tasks/{task_gid}/stories', 'post', `/tasks/${task}/stories`, 201, { data: { html_text: '<body><strong>Hi</strong>\nvitals:x</body>' } });
    await check('/tasks/{task_gid}/stories', 'get', `/tasks/${task}/stories?limit=100&opt_fields=type,resource_subtype,text`, 200);
  });

  it('status updates: create and list', async () => {
    await check('/status_updates', 'post', '/status_updates', 201, { data: { parent: project, status_type: 'at_risk', title: 'Vitals', text: 'x' } });
    await check('/status_updates', 'get', `/status_updates?parent=${project}&limit=100&opt_fields=status_type,text,title`, 200);
  });

  it('batch of task reads', async () => {
    const out = (await check('/batch', 'post', '/batch', 200, {
      data: { actions: [{ method: 'get', relative_path: `/tasks/${task}`, options: { fields: OPT.split(',') } }, { method: 'get', relative_path: '/tasks/1' }] },
    })) as { data: Array<{ status_code: number; body: unknown }> };
    expect(out.data.map((d) => d.status_code)).toEqual([200, 404]);
    const inner = validator('/tasks/{task_gid}', 'get', 200);
    expect(inner(out.data[0]?.body)).toBe(true);
  });

  it('webhook creation with the handshake', async () => {
    const out = (await check('/webhooks', 'post', '/webhooks', 201, { data: { resource: project, target: receiverUrl } })) as { 'X-Hook-Secret': string };
    expect(out['X-Hook-Secret']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('errors: 400, 401, 404 and 429 bodies', async () => {
    await check('/tasks', 'get', `/tasks?project=${project}&limit=500`, 400);
    await check('/tasks', 'get', `/tasks?project=${project}`, 401, undefined, 'wrong');
    await check('/tasks', 'get', '/tasks?project=1', 404);
    sb.faults.set({ failNext: 1 });
    const { status, json } = await call('GET', `/tasks/${task}`);
    expect(status).toBe(503);
    expect(validator('/tasks/{task_gid}', 'get', 500)(json)).toBe(true);
  });
});
