/** Read endpoints: portfolio, program detail, items, history, the steering-committee report and the audit stream. */
import { Router, type Response } from 'express';
import { renderReport, REPORT_CSS_HASH, REPORT_TYPES } from '../report';
import { canSeeProgram } from './api-keys';
import { assertProgramVisible, principalOf, requireRole } from './auth';
import { ApiError } from './errors';
import { parse } from './validate';
import { auditQuery, historyQuery, itemsQuery, programParams, reportQuery } from './schemas';
import type { ApiContext } from './context';
import type { Program } from '../model/program';

/** Sends a pre-encoded JSON body (no re-serialisation, no ETag hashing of large bodies). */
function sendJson(res: Response, body: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

export function visibleProgram(ctx: ApiContext, res: Response, id: string): Program {
  const program = ctx.deps.catalog.get(id);
  assertProgramVisible(principalOf(res), id, program !== null);
  return program as Program;
}

export function readRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps, service } = ctx;

  r.get('/portfolio', async (_req, res) => {
    const p = principalOf(res);
    const { body } = await service.portfolioJson(service.programs((id) => canSeeProgram(p, id)));
    sendJson(res, body);
  });

  r.get('/programs/:id', async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    const detail = await service.detail(visibleProgram(ctx, res, id));
    sendJson(res, detail.body);
  });

  r.get('/programs/:id/items', async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    const q = parse(itemsQuery, req.query, 'query');
    visibleProgram(ctx, res, id);
    res.json(await deps.store.listItems(id, q));
  });

  r.get('/programs/:id/history', async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    const q = parse(historyQuery, req.query, 'query');
    visibleProgram(ctx, res, id);
    res.json({ program: id, scores: await deps.store.getHistory(id, q.limit) });
  });

  r.get('/programs/:id/report', async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    const { format } = parse(reportQuery, req.query, 'query');
    const program = visibleProgram(ctx, res, id);
    const detail = await service.detail(program);
    const out = renderReport(format, { program, detail: detail.value, now: deps.clock() });
    res.type(REPORT_TYPES[format]);
    if (format !== 'html') res.attachment(`${id}-status.${format}`);
    // The report carries its own stylesheet (it must stand alone when mailed): allow exactly that one by hash.
    else res.set('Content-Security-Policy', `default-src 'none'; style-src '${REPORT_CSS_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    res.send(out);
  });

  r.get('/audit', requireRole('pmo'), async (req, res) => {
    const q = parse(auditQuery, req.query, 'query');
    const p = principalOf(res);
    if (p.programs !== '*' && !q.program) throw new ApiError(400, 'validation_failed', 'this key is scoped to programs: pass ?program=<id>');
    if (q.program) assertProgramVisible(p, q.program, deps.catalog.get(q.program) !== null);
    const entries = await deps.store.listAudit({ program: q.program, from: q.from, to: q.to, limit: q.limit });
    res.json({ entries });
  });

  return r;
}
