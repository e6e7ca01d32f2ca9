/**
 * The sandbox must not drift into a private dialect: every response of every operation the connector calls is
 * validated against the response schema of that operation in Atlassian's own OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { seedHealthcareProgram } from '../../connectors/jira/sandbox/seeder';
import { startWorld, type World } from './helpers';

const SPEC_PATH = '/work/shared/specs/jira-platform-v3.openapi.json';
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
}
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec as object, 'jira');

function schemaFor(path: string, method: string, status: number): unknown {
  const op = spec.paths[path]?.[method];
  const content = op?.responses[String(status)]?.content;
  const schema = content?.['application/json']?.schema ?? (content ? Object.values(content)[0]?.schema : undefined);
  if (!schema) throw new Error(`no response schema for ${method.toUpperCase()} ${path} ${status}`);
  // Point the operation's $refs into the registered document.
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"jira#/components'));
}

let w: World;
let auth: string;
beforeAll(async () => {
  w = await startWorld('EHR');
  seedHealthcareProgram(w.sandbox, { projectKey: 'EHR', seed: 3, tasksPerEpic: 4, defects: 6 });
  auth = `Basic ${Buffer.from(`${w.sandbox.credentials.email}:${w.sandbox.credentials.apiToken}`).toString('base64')}`;
});
afterAll(() => w.sandbox.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${w.sandbox.url}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

async function expectValid(method: string, specPath: string, path: string, status: number, body?: unknown): Promise<unknown> {
  const res = await call(method, path, body);
  expect(res.status).toBe(status);
  const validate = ajv.compile(schemaFor(specPath, method.toLowerCase(), status) as object);
  const ok = validate(res.json);
  if (!ok) throw new Error(`${method} ${path}: ${ajv.errorsText(validate.errors)}`);
  return res.json;
}

const FIELDS = ['summary', 'status', 'issuetype', 'project', 'created', 'updated', 'duedate', 'resolutiondate', 'labels', 'components', 'fixVersions', 'assignee', 'priority', 'resolution', 'parent', 'issuelinks'];

describe('Jira sandbox responses match the vendor OpenAPI schemas', () => {
  it('POST and GET /rest/api/3/search/jql (first and next pages, key-only pages)', async () => {
    const first = (await expectValid('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 200, { jql: 'project = EHR ORDER BY updated ASC, key ASC', fields: FIELDS, maxResults: 10 })) as { nextPageToken?: string; issues: unknown[] };
    expect(first.issues).toHaveLength(10);
    expect(first.nextPageToken).toEqual(expect.any(String));
    await expectValid('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 200, { jql: 'project = EHR ORDER BY updated ASC, key ASC', fields: FIELDS, maxResults: 10, nextPageToken: first.nextPageToken, properties: ['vitals.x'] });
    await expectValid('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 200, { jql: 'project = EHR', fields: ['key'], maxResults: 5000 });
    const q = new URLSearchParams({ jql: 'project = EHR AND labels = "gate:hipaa-sra"', fields: FIELDS.join(','), maxResults: '5' });
    const got = (await expectValid('GET', '/rest/api/3/search/jql', `/rest/api/3/search/jql?${q}`, 200)) as { issues: unknown[]; isLast: boolean };
    expect(got.issues).toHaveLength(1);
    expect(got.isLast).toBe(true);
  });

  it('POST /rest/api/3/search/approximate-count', async () => {
    const out = (await expectValid('POST', '/rest/api/3/search/approximate-count', '/rest/api/3/search/approximate-count', 200, { jql: 'project = EHR AND issuetype = Bug' })) as { count: number };
    expect(out.count).toBe(6);
  });

  it('GET /rest/api/3/issue/{key} and POST /rest/api/3/issue/bulkfetch', async () => {
    const key = [...w.sandbox.state.issues.keys()][5] as string;
    await expectValid('GET', '/rest/api/3/issue/{issueIdOrKey}', `/rest/api/3/issue/${key}`, 200);
    await expectValid('GET', '/rest/api/3/issue/{issueIdOrKey}', `/rest/api/3/issue/${key}?fields=${FIELDS.join(',')}`, 200);
    const bulk = (await expectValid('POST', '/rest/api/3/issue/bulkfetch', '/rest/api/3/issue/bulkfetch', 200, { issueIdsOrKeys: [...w.sandbox.state.issues.keys()].slice(0, 20), fields: FIELDS })) as { issues: unknown[] };
    expect(bulk.issues).toHaveLength(20);
  });

  it('GET /rest/api/3/project/{key}/versions', async () => {
    const versions = (await expectValid('GET', '/rest/api/3/project/{projectIdOrKey}/versions', '/rest/api/3/project/EHR/versions', 200)) as unknown[];
    expect(versions.length).toBeGreaterThan(0);
  });

  it('comments, comment properties and issue properties', async () => {
    const key = [...w.sandbox.state.issues.keys()][0] as string;
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello' }] }] };
    const created = (await expectValid('POST', '/rest/api/3/issue/{issueIdOrKey}/comment', `/rest/api/3/issue/${key}/comment`, 201, { body: adf, properties: [{ key: 'vitals.fingerprint', value: { fingerprint: 'x' } }] })) as { id: string };
    await expectValid('GET', '/rest/api/3/issue/{issueIdOrKey}/comment', `/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=100`, 200);
    await expectValid('GET', '/rest/api/3/comment/{commentId}/properties/{propertyKey}', `/rest/api/3/comment/${created.id}/properties/vitals.fingerprint`, 200);
    await expectValid('GET', '/rest/api/3/comment/{commentId}/properties', `/rest/api/3/comment/${created.id}/properties`, 200);
    expect((await call('PUT', `/rest/api/3/issue/${key}/properties/vitals.c.abc`, { v: 1 })).status).toBe(201);
    expect((await call('PUT', `/rest/api/3/issue/${key}/properties/vitals.c.abc`, { v: 2 })).status).toBe(200);
    const prop = (await expectValid('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', `/rest/api/3/issue/${key}/properties/vitals.c.abc`, 200)) as { value: unknown };
    expect(prop.value).toEqual({ v: 2 });
    await expectValid('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', `/rest/api/3/issue/${key}/properties`, 200);
  });

  it('the validator itself bites (refs resolve, additionalProperties enforced)', () => {
    const validate = ajv.compile(schemaFor('/rest/api/3/search/jql', 'post', 200) as object);
    expect(validate({ issues: [{ id: 5 }] })).toBe(false);
    expect(validate({ issues: [], total: 3 })).toBe(false);
    const comment = ajv.compile(schemaFor('/rest/api/3/issue/{issueIdOrKey}/comment', 'post', 201) as object);
    expect(comment({ id: '1', created: 'yesterday' })).toBe(false);
  });

  it('GET /rest/api/3/myself', async () => {
    await expectValid('GET', '/rest/api/3/myself', '/rest/api/3/myself', 200);
  });

  it('the old /rest/api/3/search answers 410 with the migration notice', async () => {
    const res = await call('GET', '/rest/api/3/search?jql=project%20%3D%20EHR');
    expect(res.status).toBe(410);
    expect(JSON.stringify(res.json)).toContain('/rest/api/3/search/jql');
  });
});
