/**
 * The shapes we rely on in Jira's responses (a subset of the vendor's OpenAPI schemas). Loose where Jira is
 * loose (extra keys pass), strict where our mapping would otherwise write garbage.
 */
import { z } from 'zod';

const named = z.object({ name: z.string() }).loose();

export const IssueFieldsSchema = z
  .object({
    summary: z.string().optional(),
    status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).loose() }).loose().optional(),
    issuetype: named.optional(),
    project: z.object({ key: z.string() }).loose().optional(),
    created: z.string().optional(),
    updated: z.string(),
    duedate: z.string().nullable().optional(),
    resolutiondate: z.string().nullable().optional(),
    labels: z.array(z.string()).optional(),
    components: z.array(named).optional(),
    fixVersions: z
      .array(
        z.object({ id: z.string(), name: z.string(), releaseDate: z.string().optional(), released: z.boolean().optional() }).loose(),
      )
      .optional(),
    assignee: z.object({ accountId: z.string() }).loose().nullable().optional(),
    priority: named.nullable().optional(),
    resolution: named.nullable().optional(),
    parent: z.object({ key: z.string() }).loose().optional(),
    issuelinks: z
      .array(
        z
          .object({
            type: z.object({ name: z.string(), inward: z.string().optional() }).loose(),
            inwardIssue: z.object({ key: z.string() }).loose().optional(),
            outwardIssue: z.object({ key: z.string() }).loose().optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

export const IssueSchema = z.object({ id: z.string(), key: z.string(), fields: IssueFieldsSchema }).loose();
export type JiraIssue = z.infer<typeof IssueSchema>;

export const SearchPageSchema = z
  .object({ issues: z.array(IssueSchema), nextPageToken: z.string().nullable().optional(), isLast: z.boolean().optional() })
  .loose();

export const KeyPageSchema = z
  .object({
    issues: z.array(z.object({ id: z.string(), key: z.string() }).loose()),
    nextPageToken: z.string().nullable().optional(),
    isLast: z.boolean().optional(),
  })
  .loose();

export const BulkFetchSchema = z
  .object({ issues: z.array(IssueSchema), issueErrors: z.array(z.object({ id: z.string().optional() }).loose()).optional() })
  .loose();

export const CommentSchema = z
  .object({ id: z.string(), author: z.object({ accountId: z.string() }).loose().optional() })
  .loose();

export const CommentPageSchema = z
  .object({ comments: z.array(CommentSchema), startAt: z.number(), total: z.number() })
  .loose();

export const EntityPropertySchema = z.object({ key: z.string(), value: z.unknown() }).loose();

export const UserSchema = z.object({ accountId: z.string() }).loose();

/** PUT of a property answers 200/201 with an empty body; jira.js hands us '' or undefined. */
export const AnySchema = z.unknown();
