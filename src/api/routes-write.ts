/**
 * Write endpoints: acknowledge / snooze an escalation, override a RAG, trigger a sync, create an API key. Every
 * write is appended to the audit stream (who, what, which program and item, on which snapshot version).
 */
import { Router, type Response } from 'express';
import type { Escalation } from '../model/evaluation';
import { principalOf, requireRole } from './auth';
import type { ApiContext } from './context';
import { ApiError, notFound } from './errors';
import { visibleProgram } from './routes-read';
import { acknowledgeBody, createKeyBody, escalationParams, overrideBody, programParams, snoozeBody } from './schemas';
import { parse } from './validate';

const DAY_MS = 86_400_000;

export function actorOf(res: Response): string {
  const p = principalOf(res);
  return `key:${p.keyId}${p.label ? `(${p.label})` : ''}`;
}

/** The escalation of the current snapshot with this subject, or a 404. */
export async function findEscalation(ctx: ApiContext, program: string, subject: string): Promise<{ esc: Escalation; version: string }> {
  const snap = await ctx.deps.store.getSnapshot(program);
  const esc = snap?.evaluation.escalations.find((e) => e.subject === subject || e.fingerprint === subject || e.fire.some((f) => f.fingerprint === subject));
  if (!snap || !esc) throw notFound(`escalation ${subject} of program ${program}`);
  return { esc, version: snap.version };
}

function itemOf(esc: Escalation): string {
  const i = esc.items[0];
  return i ? `${i.tool}:${i.instance}:${i.key}` : esc.subject;
}

export async function acknowledge(ctx: ApiContext, program: string, subject: string, actor: string, level: string | undefined, note: string): Promise<string> {
  const { esc, version } = await findEscalation(ctx, program, subject);
  const at = ctx.deps.clock().toISOString();
  const lvl = level ?? esc.level ?? 'none';
  await ctx.deps.store.acknowledge(program, esc.subject, { level: lvl, by: actor, note, at });
  ctx.service.invalidate(program);
  return ctx.deps.store.appendAudit({ actor, action: 'acknowledged', program, item: itemOf(esc), version, rule: lvl, at, detail: `escalation ${esc.fingerprint}` });
}

export async function snooze(ctx: ApiContext, program: string, subject: string, actor: string, until: string, reason: string): Promise<string> {
  const now = ctx.deps.clock();
  const ms = Date.parse(until);
  if (ms <= now.getTime()) throw new ApiError(400, 'validation_failed', 'until must be in the future', [{ path: 'until', message: 'in the past' }]);
  if (ms > now.getTime() + 30 * DAY_MS) throw new ApiError(400, 'validation_failed', 'a snooze lasts at most 30 days', [{ path: 'until', message: 'more than 30 days ahead' }]);
  const { esc, version } = await findEscalation(ctx, program, subject);
  const iso = new Date(ms).toISOString();
  await ctx.deps.store.snooze(program, esc.subject, { until: iso, reason, by: actor });
  ctx.service.invalidate(program);
  return ctx.deps.store.appendAudit({ actor, action: 'snoozed', program, item: itemOf(esc), version, rule: esc.level ?? 'none', at: now.toISOString(), detail: `escalation ${esc.fingerprint} until ${iso}` });
}

export function writeRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;

  r.post('/programs/:id/escalations/:subject/acknowledge', requireRole('pmo'), async (req, res) => {
    const { id, subject } = parse(escalationParams, req.params, 'path');
    const body = parse(acknowledgeBody, req.body ?? {}, 'body');
    visibleProgram(ctx, res, id);
    res.json({ ok: true, audit: await acknowledge(ctx, id, subject, actorOf(res), body.level, body.note) });
  });

  r.post('/programs/:id/escalations/:subject/snooze', requireRole('pmo'), async (req, res) => {
    const { id, subject } = parse(escalationParams, req.params, 'path');
    const body = parse(snoozeBody, req.body ?? {}, 'body');
    visibleProgram(ctx, res, id);
    res.json({ ok: true, audit: await snooze(ctx, id, subject, actorOf(res), body.until, body.reason) });
  });

  r.put('/programs/:id/override', requireRole('pmo'), async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    const body = parse(overrideBody, req.body ?? {}, 'body');
    visibleProgram(ctx, res, id);
    const now = deps.clock();
    const actor = actorOf(res);
    const snap = await deps.store.getSnapshot(id);
    if (body.rag === null) {
      await deps.store.setOverride(id, null);
      ctx.service.invalidate(id);
      const audit = await deps.store.appendAudit({ actor, action: 'overridden', program: id, item: '', version: snap?.version ?? '', rule: 'cleared', at: now.toISOString(), detail: 'override cleared' });
      res.json({ ok: true, audit });
      return;
    }
    if (!body.reason || !body.expires) {
      const missing = [!body.reason && 'reason', !body.expires && 'expires'].filter(Boolean) as string[];
      throw new ApiError(400, 'validation_failed', `an override needs a reason and an expiry (missing: ${missing.join(', ')})`, missing.map((m) => ({ path: m, message: 'required' })));
    }
    const end = body.expires.length === 10 ? Date.parse(`${body.expires}T23:59:59Z`) : Date.parse(body.expires);
    if (end <= now.getTime() || end > now.getTime() + 90 * DAY_MS) {
      throw new ApiError(400, 'validation_failed', 'expires must be in the future and at most 90 days ahead', [{ path: 'expires', message: 'out of range' }]);
    }
    await deps.store.setOverride(id, { rag: body.rag, reason: body.reason, by: actor, expires: body.expires });
    ctx.service.invalidate(id);
    const audit = await deps.store.appendAudit({ actor, action: 'overridden', program: id, item: '', version: snap?.version ?? '', rule: body.rag, at: now.toISOString(), detail: `until ${body.expires}` });
    res.json({ ok: true, audit });
  });

  r.post('/programs/:id/sync', requireRole('pmo'), async (req, res) => {
    const { id } = parse(programParams, req.params, 'path');
    visibleProgram(ctx, res, id);
    const actor = actorOf(res);
    const { jobs } = await deps.sync.requestSync(id, actor);
    const audit = await deps.store.appendAudit({ actor, action: 'sync_requested', program: id, item: '', version: '', rule: 'api', at: deps.clock().toISOString(), detail: `jobs ${jobs.join(',')}` });
    res.status(202).json({ ok: true, audit, jobs });
  });

  r.post('/keys', requireRole('admin'), async (req, res) => {
    const body = parse(createKeyBody, req.body ?? {}, 'body');
    const now = deps.clock();
    const created = await deps.keys.create({ role: body.role, programs: body.programs, label: body.label, now });
    await deps.store.appendAudit({ actor: actorOf(res), action: 'api_key_created', program: '', item: '', version: '', rule: body.role, at: now.toISOString(), detail: `key ${created.id} for ${body.programs === '*' ? '*' : body.programs.join(',')}` });
    res.status(201).json(created);
  });

  return r;
}
