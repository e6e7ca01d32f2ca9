/**
 * Write-back: comments are stories whose last line is a quiet marker `vitals:<fingerprint>`; before posting we
 * search the task's stories for it, so a repost is skipped even when our own state is gone.
 */
import type { CommentRequest, CommentResult } from '../contract';
import { UnrecoverableError } from '../errors';
import type { AsanaApi } from './api';

const FINGERPRINT = /^[A-Za-z0-9:_.-]{1,200}$/;

export function marker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) throw new UnrecoverableError('bad_query', 'Asana: a fingerprint must be 1-200 of [A-Za-z0-9:_.-]');
  return `vitals:${fingerprint}`;
}

function hasMarker(text: string | null | undefined, mark: string): boolean {
  return (text ?? '').split('\n').some((line) => line.trim() === mark);
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Asana rich text: valid XML under <body>; lines become newline-separated text. */
export function renderComment(c: CommentRequest): string {
  const parts = [`<strong>${xml(c.heading)}</strong>`, ...c.lines.map(xml)];
  if (c.link) parts.push(`<a href="${xml(c.link.url)}">${xml(c.link.text)}</a>`);
  parts.push(`<em>${marker(c.fingerprint)}</em>`);
  return `<body>${parts.join('\n')}</body>`;
}

export async function findComment(api: AsanaApi, task: string, fingerprint: string): Promise<string | null> {
  const mark = marker(fingerprint);
  let offset: string | null = null;
  do {
    const page = await api.getStoryPage(task, offset);
    const hit = page.data.find((s) => (s.type === 'comment' || s.resource_subtype === 'comment_added') && hasMarker(s.text, mark));
    if (hit) return hit.gid;
    offset = page.next_page?.offset ?? null;
  } while (offset);
  return null;
}

export async function postComment(api: AsanaApi, task: string, comment: CommentRequest): Promise<CommentResult> {
  const html = renderComment(comment);
  const existing = await findComment(api, task, comment.fingerprint);
  if (existing) return { status: 'duplicate', commentId: existing };
  const created = await api.createStory(task, html);
  return { status: 'posted', commentId: created.data.gid };
}

export type Rag = 'green' | 'amber' | 'red';
const STATUS_TYPE: Record<Rag, string> = { green: 'on_track', amber: 'at_risk', red: 'off_track' };
const RAG_TITLE: Record<Rag, string> = { green: 'On track', amber: 'At risk', red: 'Off track' };

export interface StatusUpdateResult {
  status: 'posted' | 'duplicate';
  statusUpdateId: string;
}

/** A project status update from the program's RAG, once per fingerprint (the marker sits in its text). */
export async function postStatusUpdate(api: AsanaApi, project: string, rag: Rag, fingerprint: string): Promise<StatusUpdateResult> {
  const mark = marker(fingerprint);
  if (!(rag in STATUS_TYPE)) throw new UnrecoverableError('bad_query', `Asana: unknown RAG "${String(rag)}"`);
  let offset: string | null = null;
  do {
    const page = await api.getStatusPage(project, offset);
    const hit = page.data.find((s) => hasMarker(s.text, mark));
    if (hit) return { status: 'duplicate', statusUpdateId: hit.gid };
    offset = page.next_page?.offset ?? null;
  } while (offset);
  const text = `Program health from Vitals: ${RAG_TITLE[rag]}.\n${mark}`;
  const created = await api.createStatus(project, STATUS_TYPE[rag], `Vitals: ${RAG_TITLE[rag]}`, text);
  return { status: 'posted', statusUpdateId: created.data.gid };
}
