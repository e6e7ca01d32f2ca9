/** Enhanced JQL search (GET/POST /rest/api/3/search/jql), approximate count, and the removed old search (410). */
import type { Express, Request, Response } from 'express';
import { jiraError, param, type SandboxContext } from './http';
import { JqlError } from './jql';
import { fieldList } from './serialize';

/** Like Jira Cloud: 100 issues per page when fields are asked for, up to 5000 when only ids/keys are. */
export const FULL_PAGE_MAX = 100;
export const ID_PAGE_MAX = 5000;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  properties: string[];
}

function search(ctx: SandboxContext, input: SearchInput, res: Response): void {
  if (!input.jql.trim()) return jiraError(res, 400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const idsOnly = !input.fields || input.fields.every((f) => f === 'id' || f === 'key');
  const cap = idsOnly ? ID_PAGE_MAX : FULL_PAGE_MAX;
  const size = Math.max(1, Math.min(cap, input.maxResults ?? 50));
  try {
    const page = ctx.searcher.page(input.jql, input.nextPageToken, size);
    const issues = page.issues.map((i) => ctx.serializer.issue(i, input.fields?.filter((f) => f !== 'id' && f !== 'key'), input.properties));
    // Jira omits nextPageToken on the last page rather than sending null (JRACLOUD-92184).
    res.json(page.next ? { issues, nextPageToken: page.next, isLast: false } : { issues, isLast: true });
  } catch (err) {
    if (err instanceof JqlError) return jiraError(res, 400, err.message);
    throw err;
  }
}

export function searchRoutes(app: Express, ctx: SandboxContext): void {
  app.get('/rest/api/3/search/jql', (req: Request, res: Response) => {
    const q = req.query;
    const max = param(q.maxResults);
    search(ctx, { jql: param(q.jql), nextPageToken: param(q.nextPageToken) || undefined, maxResults: max ? Number(max) : undefined, fields: fieldList(q.fields), properties: fieldList(q.properties) ?? [] }, res);
  });

  app.post('/rest/api/3/search/jql', (req: Request, res: Response) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    search(ctx, {
      jql: typeof b.jql === 'string' ? b.jql : '',
      nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
      maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
      fields: fieldList(b.fields),
      properties: fieldList(b.properties) ?? [],
    }, res);
  });

  app.post('/rest/api/3/search/approximate-count', (req: Request, res: Response) => {
    const jql = typeof (req.body as { jql?: unknown } | undefined)?.jql === 'string' ? String((req.body as { jql: string }).jql) : '';
    try {
      res.json({ count: ctx.searcher.run(jql).issues.length });
    } catch (err) {
      if (err instanceof JqlError) return jiraError(res, 400, err.message);
      throw err;
    }
  });

  const removed = (_req: Request, res: Response): void =>
    jiraError(res, 410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046');
  app.get('/rest/api/3/search', removed);
  app.post('/rest/api/3/search', removed);
}
