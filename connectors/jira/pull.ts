/**
 * Pull: one call = one page of changed items and the cursor after it.
 * - First run (or `full`): walk keys alone (large pages), then hydrate them with bulk fetch in parallel,
 *   as Atlassian recommends for throughput.
 * - Afterwards: one enhanced search `updated >= hwm − lookback`, full fields, pageSize per page; a quiet
 *   site costs exactly one request. Re-reads inside the overlap are dropped by (key, updated).
 */
import type { SourceItem } from '../../src/model/source-item';
import type { ConnectorCursor, PullOptions, PullPage } from '../contract';
import type { JiraHttp } from './client';
import { freshCursor, readCursor, trimSeen, type JiraCursor } from './cursor';
import { fullQuery, sinceQuery, stampOffset } from './jql';
import { normalizeIssue, requestedFields, stampMs, type NormalizeContext } from './normalize';
import type { JiraConnectorOptions } from './options';
import { BulkFetchSchema, KeyPageSchema, SearchPageSchema, type JiraIssue } from './schemas';

/** Jira's ceiling for key-only searches (5000) and for bulk fetch (100 ids per request). */
export const KEY_PAGE = 5000;
export const BULK_MAX = 100;

type WalkMode = NonNullable<JiraCursor['walk']>['mode'];
interface RawPage {
  issues: JiraIssue[];
  token: string | null;
}
interface PendingPage {
  next: Promise<string | null>;
  page: Promise<RawPage>;
}
/** A read-ahead nobody asked for within this long is dropped (the caller went away). */
const AHEAD_TTL_MS = 60_000;
const pageKey = (mode: WalkMode, query: string, token: string): string => `${mode}\n${token}\n${query}`;

export class JiraPuller {
  private readonly ctx: NormalizeContext;
  private readonly fields: string[];
  private ahead: { key: string; at: number; pending: PendingPage } | null = null;
  /** The page the last pull() call fetched or took: a late read-ahead for it would fetch it twice. */
  private claimed = '';

  constructor(
    private readonly http: JiraHttp,
    private readonly options: JiraConnectorOptions,
  ) {
    this.ctx = options;
    this.fields = requestedFields(options);
  }

  async pull(raw: ConnectorCursor | null, opts: PullOptions): Promise<PullPage> {
    const { instance, jql } = this.options;
    const stored = opts.full ? null : readCursor(raw, instance, jql);
    const cursor = stored ?? freshCursor(instance, jql);
    const walk = cursor.walk ?? this.startWalk(cursor, opts.now);
    const key = pageKey(walk.mode, walk.query, walk.token);
    const pending = this.takeAhead(key) ?? this.start(walk.mode, walk.query, walk.token);
    this.claimed = key;
    // Read one page ahead as soon as its token is known, so the tail of this page (a request sitting out its
    // Retry-After) overlaps the next page's requests. Bounded: one page, started only by a pull() call.
    void pending.next.then((next) => {
      if (next !== null) this.readAhead(walk.mode, walk.query, next);
    }, () => undefined);
    const { issues, token } = await pending.page;
    return this.finish(cursor, walk, issues, token);
  }

  private takeAhead(key: string): PendingPage | null {
    const ahead = this.ahead;
    this.ahead = null;
    if (!ahead || ahead.key !== key || Date.now() - ahead.at > AHEAD_TTL_MS) return null;
    return ahead.pending;
  }

  private readAhead(mode: WalkMode, query: string, token: string): void {
    const key = pageKey(mode, query, token);
    if (this.claimed === key || this.ahead?.key === key) return;
    const pending = this.start(mode, query, token);
    // Handled here so an unused read-ahead that failed is not an unhandled rejection; the consumer still sees it.
    pending.page.catch(() => undefined);
    this.ahead = { key, at: Date.now(), pending };
  }

  /** Starts fetching one page; `next` settles as soon as the following page's token is known. */
  private start(mode: WalkMode, query: string, token: string): PendingPage {
    if (mode === 'search') {
      const page = this.searchPage(query, token);
      return { next: page.then((p) => p.token), page };
    }
    const keys = keyPage(this.http, query, token);
    const page = keys.then(async (k) => ({ issues: await this.hydrate(k.keys), token: k.token }));
    return { next: keys.then((k) => k.token), page };
  }

  /**
   * The window starts at the newest stamp seen minus the lookback, or, when the site has been quiet, at the start
   * of the last complete walk minus the lookback: anything older was indexed by then and has been read. So a
   * burst is re-read only until it is older than the lookback, and a quiet poll settles at one request.
   * Assumes index lag plus clock skew between us and Jira stay under the lookback.
   */
  private startWalk(cursor: JiraCursor, now: Date): NonNullable<JiraCursor['walk']> {
    const startedAt = now.getTime();
    if (!cursor.hwm) return { mode: 'ids', query: fullQuery(this.options.jql), token: '', startedAt };
    const lookback = this.options.lookbackMinutes * 60_000;
    const from = Math.max(cursor.hwm.ms - lookback, cursor.settledMs ?? -Infinity);
    return { mode: 'search', query: sinceQuery(this.options.jql, from, cursor.hwm.offset), token: '', startedAt };
  }

  private finish(cursor: JiraCursor, walk: NonNullable<JiraCursor['walk']>, issues: JiraIssue[], token: string | null): PullPage {
    const seen = { ...cursor.seen };
    let hwm = cursor.hwm;
    const items: SourceItem[] = [];
    const sorted = [...issues].sort((a, b) => stampMs(a.fields.updated) - stampMs(b.fields.updated) || a.key.localeCompare(b.key));
    for (const issue of sorted) {
      const ms = stampMs(issue.fields.updated);
      if (!Number.isFinite(ms)) continue;
      if (seen[issue.key] === ms) continue;
      seen[issue.key] = ms;
      if (!hwm || ms >= hwm.ms) hwm = { ms, offset: stampOffset(issue.fields.updated) };
      items.push(normalizeIssue(issue, this.ctx));
    }
    const lookback = this.options.lookbackMinutes * 60_000;
    const settledMs = token ? cursor.settledMs : Math.max(cursor.settledMs ?? -Infinity, walk.startedAt - lookback);
    // Keep what the next window (floored to JQL's minute) can hand back again.
    const floor = Math.max(hwm ? hwm.ms - lookback : -Infinity, settledMs ?? -Infinity) - 60_000;
    const next: JiraCursor = {
      ...cursor,
      walk: token ? { ...walk, token } : null,
      hwm,
      seen: trimSeen(seen, floor),
      settledMs,
    };
    return { items, cursor: next, hasMore: token !== null };
  }

  private async searchPage(query: string, token: string): Promise<RawPage> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
    const page = await this.http.must(
      'search issues',
      (c) =>
        c.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
          jql: query,
          fields: this.fields,
          maxResults: this.options.pageSize,
          ...(token ? { nextPageToken: token } : {}),
        }),
      SearchPageSchema,
    );
    return { issues: page.issues, token: nextToken(page) };
  }

  private async hydrate(keys: string[]): Promise<JiraIssue[]> {
    const chunks: string[][] = [];
    const size = Math.min(BULK_MAX, Math.max(1, this.options.pageSize));
    for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size));
    // Hydration is parallel; the site limiter decides how many are really in flight.
    const results = await Promise.all(chunks.map((chunk) => this.bulkFetch(chunk)));
    return results.flat();
  }

  private async bulkFetch(keys: string[]): Promise<JiraIssue[]> {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
    const out = await this.http.must(
      'bulk fetch issues',
      (c) => c.issues.bulkFetchIssues({ issueIdsOrKeys: keys, fields: this.fields }),
      BulkFetchSchema,
    );
    return out.issues;
  }
}

function nextToken(page: { nextPageToken?: string | null; isLast?: boolean }): string | null {
  // Jira drops the key on the last page (JRACLOUD-92184); isLast is the other signal. Never infer from page size.
  if (page.isLast === true || !page.nextPageToken) return null;
  return page.nextPageToken;
}

/** One page of a key-only search: `fields=key` lets Jira return up to 5000 per page. */
export async function keyPage(http: JiraHttp, query: string, token: string): Promise<{ keys: string[]; token: string | null }> {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
  const page = await http.must(
    'search issue keys',
    (c) =>
      c.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql: query,
        fields: ['key'],
        maxResults: KEY_PAGE,
        ...(token ? { nextPageToken: token } : {}),
      }),
    KeyPageSchema,
  );
  return { keys: page.issues.map((i) => i.key), token: nextToken(page) };
}
