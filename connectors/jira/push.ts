/**
 * Comments with a tracker-side idempotency marker, so a lost Redis cannot cause a repost:
 * - an issue property `vitals.c.<hash of fingerprint>` per fingerprint: `pending` before the POST, then
 *   `posted` with the comment id (one key per fingerprint, so two writers never race on one ledger);
 * - the fingerprint as a comment property (`vitals.fingerprint`) set in the same POST, which resolves a
 *   `pending` marker left by a crash between the POST and the ledger update.
 * POST comment is not idempotent, so it is retried only when Jira refused it outright (429).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CommentRequest, CommentResult } from '../contract';
import { toAdf } from './adf';
import type { JiraHttp } from './client';
import { AnySchema, CommentPageSchema, CommentSchema, EntityPropertySchema, UserSchema } from './schemas';

export const COMMENT_PROPERTY = 'vitals.fingerprint';
const MarkerSchema = z.object({ v: z.literal(1), fingerprint: z.string(), state: z.enum(['pending', 'posted']), commentId: z.string().nullable() });
type Marker = z.infer<typeof MarkerSchema>;

export function markerKey(fingerprint: string): string {
  return `vitals.c.${createHash('sha256').update(fingerprint).digest('hex').slice(0, 40)}`;
}

export class JiraCommenter {
  private me: string | null = null;

  constructor(private readonly http: JiraHttp) {}

  async find(key: string, fingerprint: string): Promise<string | null> {
    const marker = await this.readMarker(key, fingerprint);
    if (!marker) return null;
    if (marker.state === 'posted' && marker.commentId) return marker.commentId;
    const found = await this.scan(key, fingerprint);
    if (found) await this.writeMarker(key, { v: 1, fingerprint, state: 'posted', commentId: found });
    return found;
  }

  async post(key: string, comment: CommentRequest): Promise<CommentResult> {
    const earlier = await this.find(key, comment.fingerprint);
    if (earlier) return { status: 'duplicate', commentId: earlier };
    await this.writeMarker(key, { v: 1, fingerprint: comment.fingerprint, state: 'pending', commentId: null });
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
    const created = await this.http.must(
      'add comment',
      (c) =>
        c.issueComments.addComment({
          issueIdOrKey: key,
          comment: toAdf(comment) as unknown as NonNullable<Parameters<typeof c.issueComments.addComment>[0]['comment']>,
          properties: [{ key: COMMENT_PROPERTY, value: { fingerprint: comment.fingerprint } }],
        }),
      CommentSchema,
      { retry: 'rate_limits_only' },
    );
    await this.writeMarker(key, { v: 1, fingerprint: comment.fingerprint, state: 'posted', commentId: created.id });
    return { status: 'posted', commentId: created.id };
  }

  private async readMarker(key: string, fingerprint: string): Promise<Marker | null> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
    const prop = await this.http.call(
      'read comment marker',
      (c) => c.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: markerKey(fingerprint) }),
      EntityPropertySchema,
      { nullOn404: true },
    );
    if (!prop) return null;
    const parsed = MarkerSchema.safeParse(prop.value);
    // A marker for another fingerprint under the same hash prefix is practically impossible; treat it as absent.
    return parsed.success && parsed.data.fingerprint === fingerprint ? parsed.data : null;
  }

  private async writeMarker(key: string, marker: Marker): Promise<void> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
    await this.http.must(
      'write comment marker',
      (c) => c.issueProperties.setIssueProperty({ issueIdOrKey: key, propertyKey: markerKey(marker.fingerprint), propertyValue: marker }),
      AnySchema,
    );
  }

  /** After a crash mid-post: look at our own recent comments for the fingerprint property. */
  private async scan(key: string, fingerprint: string): Promise<string | null> {
    const me = await this.myself();
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
    const page = await this.http.must(
      'list comments',
      (c) => c.issueComments.getComments({ issueIdOrKey: key, orderBy: '-created', maxResults: 100 }),
      CommentPageSchema,
    );
    for (const comment of page.comments) {
      if (comment.author && comment.author.accountId !== me) continue;
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comment-properties/#api-rest-api-3-comment-commentid-properties-propertykey-get
      const prop = await this.http.call(
        'read comment property',
        (c) => c.issueCommentProperties.getCommentProperty({ commentId: comment.id, propertyKey: COMMENT_PROPERTY }),
        EntityPropertySchema,
        { nullOn404: true },
      );
      const value = prop?.value as { fingerprint?: unknown } | undefined;
      if (value?.fingerprint === fingerprint) return comment.id;
    }
    return null;
  }

  private async myself(): Promise<string> {
    if (this.me) return this.me;
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
    const user = await this.http.must('who am I', (c) => c.myself.getCurrentUser(), UserSchema);
    this.me = user.accountId;
    return this.me;
  }
}
