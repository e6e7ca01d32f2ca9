/** Issue get, bulk fetch, versions, comments, comment and issue properties, myself. */
import type { Express, Request, Response } from 'express';
import { jiraError, param, type SandboxContext } from './http';
import { fieldList } from './serialize';

const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

function isAdf(body: unknown): boolean {
  const b = body as { type?: unknown; version?: unknown; content?: unknown } | null;
  return !!b && typeof b === 'object' && b.type === 'doc' && b.version === 1 && Array.isArray(b.content);
}

function propertyRoutes(app: Express, base: string, lookup: (id: string) => Map<string, unknown> | null, notFound: string): void {
  app.get(`${base}/properties`, (req: Request, res: Response) => {
    const props = lookup(param(req.params.id));
    if (!props) return jiraError(res, 404, notFound);
    res.json({ keys: [...props.keys()].map((key) => ({ key, self: `${req.protocol}://${req.get('host')}${req.path}/${key}` })) });
  });
  app.get(`${base}/properties/:propertyKey`, (req: Request, res: Response) => {
    const props = lookup(param(req.params.id));
    const key = param(req.params.propertyKey);
    if (!props) return jiraError(res, 404, notFound);
    if (!props.has(key)) return jiraError(res, 404, `The property with key '${key}' does not exist.`);
    res.json({ key, value: props.get(key) });
  });
  app.put(`${base}/properties/:propertyKey`, (req: Request, res: Response) => {
    const props = lookup(param(req.params.id));
    const key = param(req.params.propertyKey);
    if (!props) return jiraError(res, 404, notFound);
    if (key.length > 255) return jiraError(res, 400, 'The property key cannot be longer than 255 characters.');
    const raw = JSON.stringify(req.body ?? null);
    if (req.body === undefined || raw.length > 32_768) return jiraError(res, 400, 'The property value must be non-empty JSON of at most 32768 characters.');
    const existed = props.has(key);
    props.set(key, req.body);
    res.status(existed ? 200 : 201).end();
  });
}

export function issueRoutes(app: Express, ctx: SandboxContext): void {
  const { state, serializer } = ctx;

  app.get('/rest/api/3/myself', (_req: Request, res: Response) => {
    res.json({ ...serializer.user(ctx.accountId), emailAddress: 'vitals-bot@example.test', locale: 'en_US', expand: 'groups,applicationRoles' });
  });

  app.post('/rest/api/3/issue/bulkfetch', (req: Request, res: Response) => {
    const b = (req.body ?? {}) as { issueIdsOrKeys?: unknown; fields?: unknown; properties?: unknown };
    const ids = Array.isArray(b.issueIdsOrKeys) ? b.issueIdsOrKeys.filter((x): x is string => typeof x === 'string') : [];
    if (!ids.length || ids.length > 100) return jiraError(res, 400, 'issueIdsOrKeys must hold between 1 and 100 issue ids or keys.');
    const byId = new Map([...state.issues.values()].map((i) => [i.id, i]));
    const fields = fieldList(b.fields) ?? ['*navigable'];
    const issues = ids.map((k) => state.issues.get(k) ?? byId.get(k)).filter((i) => !!i);
    res.json({ issues: issues.map((i) => serializer.issue(i, fields, fieldList(b.properties) ?? [])), issueErrors: [] });
  });

  app.get('/rest/api/3/issue/:key', (req: Request, res: Response) => {
    const issue = state.issues.get(param(req.params.key));
    if (!issue) return jiraError(res, 404, NO_ISSUE);
    res.json(serializer.issue(issue, fieldList(req.query.fields) ?? ['*all'], fieldList(req.query.properties) ?? []));
  });

  app.get('/rest/api/3/project/:key/versions', (req: Request, res: Response) => {
    const project = state.projects.get(param(req.params.key));
    if (!project) return jiraError(res, 404, `No project could be found with key '${param(req.params.key)}'.`);
    res.json(project.versions.map((v) => serializer.version(v)));
  });

  app.get('/rest/api/3/issue/:key/comment', (req: Request, res: Response) => {
    const key = param(req.params.key);
    if (!state.issues.has(key)) return jiraError(res, 404, NO_ISSUE);
    const all = [...(state.comments.get(key) ?? [])];
    if (param(req.query.orderBy) === '-created') all.reverse();
    const startAt = Math.max(0, Number(param(req.query.startAt) || 0));
    const maxResults = Math.max(1, Math.min(100, Number(param(req.query.maxResults) || 50)));
    const page = all.slice(startAt, startAt + maxResults);
    res.json({ startAt, maxResults, total: all.length, comments: page.map((c) => serializer.comment(c)) });
  });

  app.post('/rest/api/3/issue/:key/comment', (req: Request, res: Response) => {
    const key = param(req.params.key);
    if (!state.issues.has(key)) return jiraError(res, 404, NO_ISSUE);
    const b = (req.body ?? {}) as { body?: unknown; properties?: unknown };
    if (!isAdf(b.body)) return jiraError(res, 400, 'Comment body is not valid Atlassian Document Format.');
    const props = Array.isArray(b.properties)
      ? b.properties.filter((p): p is { key: string; value: unknown } => !!p && typeof (p as { key?: unknown }).key === 'string')
      : [];
    const comment = state.addComment(key, ctx.accountId, b.body, props);
    res.status(201).json(serializer.comment(comment));
  });

  propertyRoutes(app, '/rest/api/3/issue/:id', (id) => (state.issues.has(id) ? state.issueProps(id) : null), NO_ISSUE);
  propertyRoutes(app, '/rest/api/3/comment/:id', (id) => state.commentsById.get(id)?.properties ?? null, 'Comment does not exist.');
}
