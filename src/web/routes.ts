/**
 * Dashboard routes: static assets, the login form (an API key, kept in an HttpOnly SameSite=Strict cookie),
 * the portfolio page and the program pages at `/programs/<id>` (the address the pipeline puts in comments).
 */
import { join } from 'node:path';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { canSeeProgram, roleAtLeast, type Principal } from '../api/api-keys';
import { COOKIE, readCookie } from '../api/auth';
import type { ApiContext } from '../api/context';
import { packageRoot } from '../paths';
import { html } from './html';
import { page } from './layout';
import { portfolioBody } from './portfolio-page';
import { programBody } from './program-page';

export function publicDir(): string {
  return join(packageRoot(), 'src', 'web', 'public');
}

function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?!\/)[A-Za-z0-9_.~:%\-/?=&]*$/.test(v) ? v : '/';
}

function loginPage(next: string, error: string | null) {
  return page({
    title: 'Sign in',
    nav: false,
    body: html`<main id="main" class="login"><h1>Sign in to Vitals</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${next}">
<label for="key">API key</label><input id="key" name="key" type="password" autocomplete="off" required>
<button class="btn" type="submit">Sign in</button></form>
<p class="muted">Create one with <code>vitals api-key create --role viewer --programs &lt;ids&gt;</code>.</p></main>`,
  });
}

export function dashboardRoutes(ctx: ApiContext, limiter: RequestHandler): Router {
  const r = Router();
  const { deps, service } = ctx;
  const secure = deps.publicUrl.startsWith('https:');
  r.use('/static', express.static(publicDir(), { index: false, maxAge: '5m' }));

  r.get('/login', (req, res) => {
    res.type('html').send(loginPage(safeNext(req.query.next), null).value);
  });
  r.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const body = (req.body ?? {}) as { key?: unknown; next?: unknown };
    const next = safeNext(body.next);
    const principal = typeof body.key === 'string' ? await deps.keys.verify(body.key.trim(), deps.clock().getTime()) : null;
    if (!principal || typeof body.key !== 'string') {
      res.status(401).type('html').send(loginPage(next, 'That key was not accepted.').value);
      return;
    }
    res.cookie(COOKIE, body.key.trim(), { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 12 * 3600 * 1000 });
    res.redirect(303, next);
  });
  r.post('/logout', (_req, res) => {
    res.clearCookie(COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  const pageAuth = async (req: Request, res: Response, next: NextFunction) => {
    const key = readCookie(req, COOKIE);
    const principal = key ? await deps.keys.verify(key, deps.clock().getTime()) : null;
    if (!principal) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    (res.locals as { principal?: Principal }).principal = principal;
    next();
  };
  const who = (p: Principal) => `${p.label || p.keyId} (${p.role})`;

  r.get('/', pageAuth, limiter, async (_req, res) => {
    const p = (res.locals as { principal: Principal }).principal;
    const { rows } = await service.portfolioJson(service.programs((id) => canSeeProgram(p, id)));
    res.type('html').send(page({ title: 'Portfolio', who: who(p), body: portfolioBody(rows, deps.clock().toISOString()) }).value);
  });

  r.get('/programs/:id', pageAuth, limiter, async (req, res) => {
    const p = (res.locals as { principal: Principal }).principal;
    const id = String(req.params.id);
    const program = deps.catalog.get(id);
    if (!program || !canSeeProgram(p, id)) {
      res.status(404).type('html').send(page({ title: 'Not found', who: who(p), body: html`<main id="main"><h1>Program not found</h1><p><a href="/">Back to the portfolio</a></p></main>` }).value);
      return;
    }
    const detail = await service.detail(program);
    const today = deps.clock().toISOString().slice(0, 10);
    res.type('html').send(page({ title: detail.value.summary.name, who: who(p), body: programBody(detail.value, today, roleAtLeast(p.role, 'pmo')) }).value);
  });
  return r;
}
