/** The OpenAPI 3.1 document of the PMO API, generated from the zod schemas the routes validate with. */
import { z } from 'zod';
import * as s from './schemas';

interface RouteDoc {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  role: 'viewer' | 'pmo' | 'admin' | 'none';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  produces?: string;
}

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/portfolio', summary: 'Every program the key may see: score, RAG, trend, next milestone, overdue gates', role: 'viewer', response: s.portfolioResponse },
  { method: 'get', path: '/api/programs/{id}', summary: 'Program detail: components, phases, milestones, gates, sign-offs, risks, escalations', role: 'viewer', params: s.programParams, response: s.programDetail },
  { method: 'get', path: '/api/programs/{id}/items', summary: "Items of the program's sources, filtered (no titles)", role: 'viewer', params: s.programParams, query: s.itemsQuery, response: s.itemsResponse },
  { method: 'get', path: '/api/programs/{id}/history', summary: 'Score history, oldest first', role: 'viewer', params: s.programParams, query: s.historyQuery, response: s.historyResponse },
  { method: 'get', path: '/api/programs/{id}/report', summary: 'Weekly steering-committee status report (html, md or csv)', role: 'viewer', params: s.programParams, query: s.reportQuery, response: z.string(), produces: 'text/html' },
  { method: 'post', path: '/api/programs/{id}/escalations/{subject}/acknowledge', summary: 'Acknowledge an escalation (stops repeats of its level)', role: 'pmo', params: s.escalationParams, body: s.acknowledgeBody, response: s.writeResponse },
  { method: 'post', path: '/api/programs/{id}/escalations/{subject}/snooze', summary: 'Snooze an escalation until a time (at most 30 days)', role: 'pmo', params: s.escalationParams, body: s.snoozeBody, response: s.writeResponse },
  { method: 'put', path: '/api/programs/{id}/override', summary: 'Override the RAG with a reason and an expiry (rag: null clears it)', role: 'pmo', params: s.programParams, body: s.overrideBody, response: s.writeResponse },
  { method: 'post', path: '/api/programs/{id}/sync', summary: "Enqueue a pull of the program's sources", role: 'pmo', params: s.programParams, response: s.syncResponse, status: 202 },
  { method: 'get', path: '/api/audit', summary: 'Audit stream entries (scoped keys must name a program)', role: 'pmo', query: s.auditQuery, response: s.auditResponse },
  { method: 'post', path: '/api/keys', summary: 'Create an API key (shown once)', role: 'admin', body: s.createKeyBody, response: s.createKeyResponse, status: 201 },
];

type Json = Record<string, unknown>;

function schema(t: z.ZodType, io: 'input' | 'output'): Json {
  return z.toJSONSchema(t, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
}

function parameters(obj: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!obj) return [];
  const js = schema(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, sch]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: sch,
  }));
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Validation failed',
  '401': 'No or bad API key',
  '403': 'The key lacks the role',
  '404': 'Unknown program, or not in the key scope',
  '429': 'Rate limit of the key reached',
};

export function openApiDocument(serverUrl: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of ROUTES) {
    const errors = Object.fromEntries(
      Object.entries(ERROR_STATUSES).map(([code, description]) => [code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, Json>)[r.method] = {
      summary: r.summary,
      description: `Role: ${r.role}.`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { [r.produces ?? 'application/json']: { schema: schema(r.response, 'output') } } },
        ...errors,
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Vitals PMO API', version: '1', description: 'Portfolio health of healthcare IT programs tracked in Jira and Asana.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: schema(s.errorSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'vk_<id>_<secret> from `vitals api-key create`' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
