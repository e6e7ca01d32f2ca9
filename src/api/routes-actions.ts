/**
 * The signed acknowledge / snooze links of alerts (src/notify/action-links.ts). GET shows a confirmation page, so
 * mail scanners that prefetch links change nothing; POST with the same query performs the action. The HMAC over
 * the link is the authority: no API key, and the actor in the audit stream is the link itself.
 */
import { Router, type Request } from 'express';
import { verifyActionLink, type ActionLinkClaims } from '../notify/action-links';
import { html } from '../web/html';
import { page } from '../web/layout';
import type { ApiContext } from './context';
import { ApiError } from './errors';
import { acknowledge, findEscalation, snooze } from './routes-write';

const SNOOZE_MS = 24 * 3600 * 1000;

function claimsOf(ctx: ApiContext, req: Request): ActionLinkClaims {
  const secret = ctx.deps.actionLinkSecret;
  if (!secret) throw new ApiError(404, 'not_found', 'action links are not enabled on this server');
  const verdict = verifyActionLink(req.query as Record<string, string | string[] | undefined>, secret, ctx.deps.clock());
  if (!verdict.ok) {
    const status = verdict.reason === 'expired' ? 410 : verdict.reason === 'bad_signature' ? 403 : 400;
    throw new ApiError(status, status === 403 ? 'forbidden' : 'bad_request', `this action link is not valid (${verdict.reason.replace('_', ' ')})`);
  }
  return verdict.claims;
}

export function actionRoutes(ctx: ApiContext): Router {
  const r = Router();

  r.get('/actions', async (req, res) => {
    const c = claimsOf(ctx, req);
    const { esc } = await findEscalation(ctx, c.programId, c.fingerprint);
    const verb = c.action === 'ack' ? 'Acknowledge' : 'Snooze for 24 hours';
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    const body = html`<main id="main"><h1>${verb}: escalation ${esc.subject}</h1>
<p>Program <strong>${c.programId}</strong>, level <strong>${c.level}</strong>, due ${esc.due}.</p>
<form method="post" action="/api/actions?${query}"><button type="submit" class="btn">${verb}</button></form></main>`;
    res.type('html').send(page({ title: verb, body, nav: false }).value);
  });

  r.post('/actions', async (req, res) => {
    const c = claimsOf(ctx, req);
    const actor = `link:${c.level}`;
    const audit =
      c.action === 'ack'
        ? await acknowledge(ctx, c.programId, c.fingerprint, actor, c.level, 'acknowledged from an alert link')
        : await snooze(ctx, c.programId, c.fingerprint, actor, new Date(ctx.deps.clock().getTime() + SNOOZE_MS).toISOString(), 'snoozed from an alert link');
    if (req.accepts(['html', 'json']) === 'html') {
      res.type('html').send(page({ title: 'Done', body: html`<main id="main"><h1>Done</h1><p>Recorded in the audit stream as ${audit}.</p></main>`, nav: false }).value);
      return;
    }
    res.json({ ok: true, audit });
  });

  return r;
}
