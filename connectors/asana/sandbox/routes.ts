/** The REST subset we use, Asana-style: `{data}` envelopes, offset pagination, `{errors:[{message}]}` on failure. */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { eventJson, project, statusCompact, statusFull, storyCompact, storyFull, taskCompact, taskFull } from './render';
import type { SandboxState } from './state';

const TOKEN_TTL_MS = 24 * 3600_000;

export function fail(res: Response, status: number, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message }], ...extra });
}

function q(req: Request, name: string): string | null {
  const v = req.query[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** limit must be 1..100; offset tokens are opaque (base64url of the last gid served). */
function paging(req: Request, res: Response): { limit: number | null; after: string | null } | null {
  const rawLimit = q(req, 'limit');
  const limit = rawLimit === null ? null : Number(rawLimit);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
    fail(res, 400, 'limit: Must be between 1 and 100');
    return null;
  }
  const offset = q(req, 'offset');
  let after: string | null = null;
  if (offset) {
    after = Buffer.from(offset, 'base64url').toString('utf8');
    if (!/^\d+$/.test(after)) {
      fail(res, 400, 'offset: Your pagination token is invalid');
      return null;
    }
  }
  return { limit, after };
}

/** Serves one page of `gids` (ascending), with next_page only when `limit` was sent, as Asana does. */
function page(req: Request, gids: string[], limit: number | null, after: string | null, render: (gid: string) => Record<string, unknown>) {
  let start = 0;
  if (after) {
    let lo = 0;
    let hi = gids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (BigInt(gids[mid] as string) <= BigInt(after)) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const size = limit ?? 1000;
  const slice = gids.slice(start, start + size);
  const data = slice.map(render);
  if (limit === null) return { data };
  const more = start + size < gids.length;
  const last = slice[slice.length - 1];
  if (!more || !last) return { data, next_page: null };
  const offset = Buffer.from(last, 'utf8').toString('base64url');
  const params = new URLSearchParams({ ...(req.query as Record<string, string>), offset });
  const path = `${req.path}?${params.toString()}`;
  return { data, next_page: { offset, path, uri: `https://app.asana.com/api/1.0${path}` } };
}

export function apiRoutes(s: SandboxState, appUrl: string): Router {
  const r = express.Router();
  const tokens = new Map<string, { project: string; seq: number; issuedAt: number }>();
  const issue = (projectGid: string, seq: number): string => {
    const token = randomBytes(12).toString('hex');
    tokens.set(token, { project: projectGid, seq, issuedAt: s.clock().getTime() });
    return token;
  };

  // https://developers.asana.com/reference/getevents
  r.get('/events', (req, res) => {
    const resource = q(req, 'resource');
    if (!resource) return fail(res, 400, 'resource: Missing input');
    if (!s.projects.has(resource)) return fail(res, 404, 'resource: Unknown object');
    const sync = q(req, 'sync');
    const known = sync ? tokens.get(sync) : undefined;
    if (!known || known.project !== resource || s.clock().getTime() - known.issuedAt > TOKEN_TTL_MS) {
      const message = 'Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.';
      return fail(res, 412, message, { sync: issue(resource, s.currentSeq()) });
    }
    let lo = 0;
    let hi = s.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s.events[mid]?.seq ?? 0) <= known.seq) lo = mid + 1;
      else hi = mid;
    }
    const mine = [];
    let lastSeq = s.currentSeq();
    for (let i = lo; i < s.events.length; i++) {
      const e = s.events[i];
      if (!e || e.project !== resource) continue;
      if (mine.length === 100) {
        lastSeq = e.seq - 1;
        break;
      }
      mine.push(e);
    }
    const hasMore = mine.length === 100 && lastSeq < s.currentSeq();
    res.json({ data: mine.map((e) => eventJson(s, e)), sync: issue(resource, hasMore ? lastSeq : s.currentSeq()), has_more: hasMore });
  });

  // https://developers.asana.com/reference/gettasks
  r.get('/tasks', (req, res) => {
    const projectGid = q(req, 'project');
    if (!projectGid) return fail(res, 400, 'project: You must specify a project or tag if you do not specify assignee and workspace');
    const gids = s.projectTasks.get(projectGid);
    if (!gids) return fail(res, 404, 'project: Unknown object');
    const p = paging(req, res);
    if (!p) return;
    const since = q(req, 'modified_since');
    if (since && Number.isNaN(Date.parse(since))) return fail(res, 400, 'modified_since: Not a valid date-time');
    const sinceMs = since ? Date.parse(since) : null;
    const eligible = sinceMs === null ? gids : gids.filter((g) => Date.parse(s.tasks.get(g)?.modifiedAt ?? '') >= sinceMs);
    const opt = q(req, 'opt_fields');
    res.json(page(req, eligible, p.limit, p.after, (g) => renderTask(g, opt)));
  });

  const renderTask = (gid: string, opt: string | null) => {
    const t = s.mustTask(gid);
    return opt ? project(taskFull(s, t, appUrl), opt) : taskCompact(t);
  };

  // https://developers.asana.com/reference/gettask
  r.get('/tasks/:gid', (req, res) => {
    const t = s.tasks.get(req.params.gid);
    if (!t) return fail(res, 404, 'task: Unknown object');
    res.json({ data: project(taskFull(s, t, appUrl), q(req, 'opt_fields')) });
  });

  // https://developers.asana.com/reference/getsubtasksfortask
  r.get('/tasks/:gid/subtasks', (req, res) => {
    if (!s.tasks.has(req.params.gid)) return fail(res, 404, 'task: Unknown object');
    const p = paging(req, res);
    if (!p) return;
    res.json(page(req, s.children.get(req.params.gid) ?? [], p.limit, p.after, (g) => renderTask(g, q(req, 'opt_fields'))));
  });

  // https://developers.asana.com/reference/getstoriesfortask
  r.get('/tasks/:gid/stories', (req, res) => {
    if (!s.tasks.has(req.params.gid)) return fail(res, 404, 'task: Unknown object');
    const p = paging(req, res);
    if (!p) return;
    const list = s.stories.get(req.params.gid) ?? [];
    const byGid = new Map(list.map((st) => [st.gid, st]));
    const opt = q(req, 'opt_fields');
    res.json(page(req, list.map((st) => st.gid), p.limit, p.after, (g) => {
      const st = byGid.get(g);
      return st ? (opt ? project(storyFull(s, st), `${opt},created_at,created_by,resource_subtype,text`) : storyCompact(s, st)) : {};
    }));
  });

  // https://developers.asana.com/reference/createstoryfortask
  r.post('/tasks/:gid/stories', (req, res) => {
    if (!s.tasks.has(req.params.gid)) return fail(res, 404, 'task: Unknown object');
    const data = (req.body as { data?: { text?: unknown; html_text?: unknown } } | undefined)?.data;
    const text = typeof data?.text === 'string' ? data.text : null;
    const html = typeof data?.html_text === 'string' ? data.html_text : null;
    if ((text === null) === (html === null)) return fail(res, 400, 'text: You must specify exactly one of text or html_text');
    if (html !== null && !/^<body>[\s\S]*<\/body>$/.test(html)) return fail(res, 400, 'html_text: XML root must be <body>');
    const plain = text ?? htmlToText(html ?? '');
    const story = s.addStory(req.params.gid, plain, html ?? `<body>${plain}</body>`);
    res.status(201).json({ data: storyFull(s, story) });
  });

  // https://developers.asana.com/reference/getstatusesforobject
  r.get('/status_updates', (req, res) => {
    const parent = q(req, 'parent');
    if (!parent) return fail(res, 400, 'parent: Missing input');
    if (!s.projects.has(parent)) return fail(res, 404, 'parent: Unknown object');
    const p = paging(req, res);
    if (!p) return;
    const list = s.statusUpdates.get(parent) ?? [];
    const byGid = new Map(list.map((st) => [st.gid, st]));
    const opt = q(req, 'opt_fields');
    res.json(page(req, list.map((st) => st.gid), p.limit, p.after, (g) => {
      const st = byGid.get(g);
      return st ? (opt ? project(statusFull(s, st), `${opt},title,resource_subtype`) : statusCompact(st)) : {};
    }));
  });

  // https://developers.asana.com/reference/createstatusforobject
  r.post('/status_updates', (req, res) => {
    const data = (req.body as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    const { parent, status_type: statusType, text, title } = data;
    if (typeof parent !== 'string' || !s.projects.has(parent)) return fail(res, 404, 'parent: Unknown object');
    if (typeof text !== 'string' || !['on_track', 'at_risk', 'off_track', 'on_hold', 'complete', 'dropped'].includes(String(statusType))) {
      return fail(res, 400, 'status_type: invalid value, or text missing');
    }
    const st = s.addStatus(parent, String(statusType), typeof title === 'string' ? title : '', text);
    res.status(201).json({ data: statusFull(s, st) });
  });

  // https://developers.asana.com/reference/getsectionsforproject
  r.get('/projects/:gid/sections', (req, res) => {
    const p = s.projects.get(req.params.gid);
    if (!p) return fail(res, 404, 'project: Unknown object');
    res.json({ data: p.sections.map((x) => ({ gid: x.gid, resource_type: 'section', name: x.name })) });
  });

  // https://developers.asana.com/reference/createbatchrequest
  r.post('/batch', (req, res) => {
    const actions = (req.body as { data?: { actions?: unknown } } | undefined)?.data?.actions;
    if (!Array.isArray(actions) || actions.length === 0 || actions.length > 10) return fail(res, 400, 'actions: between 1 and 10 actions');
    const data = actions.map((raw: unknown) => {
      const a = raw as { method?: unknown; relative_path?: unknown; options?: { fields?: unknown } };
      const m = typeof a.relative_path === 'string' ? /^\/tasks\/(\d+)$/.exec(a.relative_path) : null;
      if (a.method !== 'get' || !m) return { status_code: 400, headers: {}, body: { errors: [{ message: 'unsupported action' }] } };
      const t = s.tasks.get(m[1] as string);
      if (!t) return { status_code: 404, headers: {}, body: { errors: [{ message: 'task: Unknown object' }] } };
      const fields = Array.isArray(a.options?.fields) ? a.options.fields.filter((f): f is string => typeof f === 'string').join(',') : null;
      return { status_code: 200, headers: {}, body: { data: project(taskFull(s, t, appUrl), fields) } };
    });
    res.json({ data });
  });

  return r;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
